package dev.openenvbench.loadgen;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP session: acquire a pooled connection (its time is {@code connect_latency}), {@code POST
 * /reset} with no body, wait at the gate, then {@code POST /step {"action":{"wait_seconds":w}}} K
 * times, each on whatever pooled connection is free. Any non-2xx reply fails the session with
 * {@link SessionFailure.HttpStatus}.
 */
final class HttpSession {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final SessionContext ctx;
  private final FixedChannelPool pool;
  private final SessionTimeline t;
  private Observation observation;
  private String remoteAddress;
  private boolean done;

  HttpSession(SessionContext ctx, FixedChannelPool pool) {
    this.ctx = ctx;
    this.pool = pool;
    this.t = new SessionTimeline(ctx.spec().steps());
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
              "/reset",
              null,
              "reset",
              (body, arrived) -> {
                t.resetDone = arrived;
                observation = Observation.from(body);
                ctx.progress().markResetDone();
                ctx.gate().arrive(() -> step(0));
              });
        });
  }

  private void step(int i) {
    t.stepSent[i] = now();
    String body = "{\"action\":{\"wait_seconds\":" + ctx.spec().waitSeconds() + "}}";
    acquire(
        "step",
        ch ->
            request(
                ch,
                "/step",
                body,
                "step",
                (reply, arrived) -> {
                  t.stepDone[i] = arrived;
                  t.stepsCompleted = i + 1;
                  observation = Observation.from(reply);
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

  /** What to do with a 2xx JSON reply that arrived at {@code arrived} (the run's clock). */
  private interface Reply {
    void accept(JsonNode body, long arrived);
  }

  private void request(Channel ch, String route, String body, String phase, Reply then) {
    Target target = ctx.spec().target();
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    FullHttpRequest req =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            HttpMethod.POST,
            target.httpPath(route),
            Unpooled.wrappedBuffer(bytes));
    req.headers().set(HttpHeaderNames.HOST, target.hostHeader());
    req.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    if (body != null)
      req.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
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
            JsonNode json;
            try {
              json = JSON.readTree(text);
            } catch (RuntimeException e) {
              fail(new SessionFailure.ProtocolError(route + " reply is not JSON"));
              return;
            }
            then.accept(json, arrived);
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
