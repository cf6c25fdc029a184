package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.BenchmarkAction;
import dev.openenvbench.protocol.BenchmarkObservation;
import dev.openenvbench.protocol.HttpCall;
import dev.openenvbench.protocol.ServerReply;
import dev.openenvbench.protocol.ServerReplyParser;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One HTTP session: acquire a pooled connection (its time is {@code connect_latency}), {@code POST
 * /reset} with no body, wait at the gate, then {@code POST /step {"action":{"wait_seconds":w}}} K
 * times, each on whatever pooled connection is free. Any non-2xx reply fails the session with
 * {@link SessionFailure.HttpStatus}.
 */
final class HttpSession {
  private static final HttpCall RESET = HttpCall.reset();
  private final SessionContext ctx;
  private final FixedChannelPool pool;
  private final SessionTimeline t;
  private final HttpCall step;
  private BenchmarkObservation observation;
  private String remoteAddress;
  private boolean done;

  HttpSession(SessionContext ctx, FixedChannelPool pool) {
    this.ctx = ctx;
    this.pool = pool;
    this.t = new SessionTimeline(ctx.spec().steps());
    // Every step of the session sends the same body: encode it once.
    this.step = HttpCall.step(new BenchmarkAction(ctx.spec().waitSeconds()).json());
  }

  void start() {
    t.start = now();
    acquire(
        "tcp_connect",
        ch -> {
          t.tcpConnected = now();
          remoteAddress = String.valueOf(ch.remoteAddress());
          ctx.progress().connected.incrementAndGet();
          t.resetSent = now();
          request(
              ch,
              RESET,
              "reset",
              (body, arrived) -> {
                t.resetDone = arrived;
                observation = BenchmarkObservation.from(body.observation());
                ctx.progress().markResetDone();
                ctx.gate().arrive(() -> step(0));
              });
        });
  }

  private void step(int i) {
    t.stepSent[i] = now();
    acquire(
        "step",
        ch ->
            request(
                ch,
                step,
                "step",
                (reply, arrived) -> {
                  t.stepDone[i] = arrived;
                  ctx.progress().stepDone(arrived - t.stepSent[i]);
                  t.stepsCompleted = i + 1;
                  observation = BenchmarkObservation.from(reply.observation());
                  if (i + 1 < t.steps()) step(i + 1);
                  else finish(null);
                }));
  }

  private void acquire(String phase, Consumer<Channel> then) {
    pool.acquire()
        .addListener(
            f -> {
              if (f.isSuccess()) {
                Channel ch = (Channel) f.getNow();
                ch.eventLoop().execute(() -> then.accept(ch));
              } else if (f.cause() instanceof TimeoutException) {
                fail(
                    new SessionFailure.ReadTimeout(
                        phase + " (waiting for a pooled connection)", ctx.spec().timeoutSeconds()));
              } else {
                fail(
                    phase.equals("tcp_connect")
                        ? Failures.onConnect(f.cause())
                        : Failures.onConnection(f.cause(), phase));
              }
            });
  }

  /** What to do with a 2xx observation reply that arrived at {@code arrived} (the run's clock). */
  private interface Reply {
    void accept(ServerReply.Observation body, long arrived);
  }

  private void request(Channel ch, HttpCall call, String phase, Reply then) {
    Target target = ctx.spec().target();
    String route = call.route();
    byte[] bytes = call.body() == null ? new byte[0] : call.body().getBytes(StandardCharsets.UTF_8);
    FullHttpRequest req =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.valueOf(call.method()),
            target.httpPath(route),
            Unpooled.wrappedBuffer(bytes));
    req.headers().set(HttpHeaderNames.HOST, target.hostHeader());
    req.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    if (call.contentType() != null)
      req.headers().set(HttpHeaderNames.CONTENT_TYPE, call.contentType());
    HttpExchangeHandler h = ch.pipeline().get(HttpExchangeHandler.class);
    h.exchange(
        ch,
        req,
        phase,
        ctx.spec().timeoutSeconds(),
        new HttpExchangeHandler.Callback() {
          @Override
          public void onResponse(int status, String text, boolean keepAlive, long arrived) {
            if (!keepAlive) ch.close();
            pool.release(ch);
            if (status / 100 != 2) {
              fail(
                  new SessionFailure.HttpStatus(
                      status, route + " answered " + status + ": " + abbreviate(text)));
              return;
            }
            switch (ServerReplyParser.httpBody(text)) {
              case ServerReply.Observation reply -> then.accept(reply, arrived);
              case ServerReply.Malformed m ->
                  fail(new SessionFailure.ProtocolError(route + " reply " + m.reason()));
            }
          }

          @Override
          public void onFailure(SessionFailure failure) {
            pool.release(ch);
            fail(failure);
          }
        });
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  private synchronized void fail(SessionFailure f) {
    if (done) return;
    if (t.resetDone == SessionTimeline.NOT_REACHED) ctx.gate().leave();
    finish(f);
  }

  private synchronized void finish(SessionFailure failure) {
    if (done) return;
    done = true;
    t.end = now();
    ctx.finish(t, observation, failure, remoteAddress);
  }

  private long now() {
    return ctx.clock().nanoTime();
  }
}
