package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.BenchmarkObservation;
import dev.openenvbench.protocol.HttpCall;
import dev.openenvbench.protocol.Routes;
import dev.openenvbench.protocol.ServerReply;
import dev.openenvbench.protocol.ServerReplyParser;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One HTTP session: acquire a pooled connection (its time is {@code connect_latency}), {@code POST
 * /reset} with no body, wait at the gate, then {@code POST /step {"action":{"wait_seconds":w}}} K
 * times, each on whatever pooled connection is free. Any non-2xx reply fails the session with
 * {@link SessionFailure.HttpStatus}. Its {@link SessionScript} may send another reset body and
 * other actions (an MCP action as {@code POST /mcp}), the run's headers on every request, and pause
 * before each step; a reply with {@code done: true} ends the episode, and the session, there.
 */
final class HttpSession {
  private final SessionContext ctx;
  private final FixedChannelPool pool;
  private final SessionTimeline t;
  private final SessionScript script;
  private BenchmarkObservation observation;
  private String remoteAddress;
  private String backend;
  private boolean done;
  private EventExecutor lastLoop;

  HttpSession(SessionContext ctx, FixedChannelPool pool) {
    this.ctx = ctx;
    this.pool = pool;
    this.t = new SessionTimeline(ctx.spec().steps());
    this.script = new SessionScript(ctx.spec()).encodeAhead(false);
  }

  void start() {
    t.start = now();
    acquire(
        "tcp_connect",
        ch -> {
          t.tcpConnected = now();
          remoteAddress = String.valueOf(ch.remoteAddress());
          ctx.progress().connected.incrementAndGet();
          TlsTrust.afterHandshake(
              ch,
              this::tlsDone,
              f -> {
                // The pool frees a slot only on release: a closed connection not given back
                // would take one of its --http-connections for good.
                pool.release(ch);
                fail(f);
              },
              () -> reset(ch));
        });
  }

  /** This session opened its https connection and waited for the handshake: a phase of its own. */
  private void tlsDone() {
    t.tlsDone = now();
  }

  private void reset(Channel ch) {
    t.resetSent = now();
    ctx.readyForReset(t);
    request(
        ch,
        script.resetCall(),
        "reset",
        (episodeDone, o, arrived) -> {
          t.resetDone = arrived;
          observation = o;
          ctx.resetDone();
          ctx.gate().arrive(() -> nextStep(0));
        });
  }

  /** Step {@code i}, after its think time when it has one (on the last reply's event loop). */
  private void nextStep(int i) {
    long pause = script.thinkNanos(i);
    if (pause <= 0) {
      step(i);
      return;
    }
    synchronized (this) {
      t.thinkNanos += pause;
    }
    lastLoop.schedule(() -> step(i), pause, TimeUnit.NANOSECONDS);
  }

  private void step(int i) {
    HttpCall call = script.stepCall(i); // encoded before the stamp, as on /ws
    synchronized (this) {
      if (done) return;
      t.stepSent[i] = now();
    }
    acquire(
        "step",
        ch ->
            request(
                ch,
                call,
                "step",
                (episodeDone, o, arrived) -> {
                  t.stepDone[i] = arrived;
                  ctx.progress().stepDone(arrived - t.stepSent[i]);
                  t.stepsCompleted = i + 1;
                  t.episodeDone = episodeDone;
                  observation = o;
                  if (!episodeDone && i + 1 < t.steps()) nextStep(i + 1);
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

  /**
   * What to do with a 2xx reply that arrived at {@code arrived} (the run's clock): its done flag
   * and the observation it leaves the session with (an MCP reply has none: the last one stays).
   */
  private interface Reply {
    void accept(boolean done, BenchmarkObservation observation, long arrived);
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
    RequestHeaders.putOn(req.headers(), script.headers());
    lastLoop = ch.eventLoop();
    HttpExchangeHandler h = ch.pipeline().get(HttpExchangeHandler.class);
    h.exchange(
        ch,
        req,
        phase,
        ctx.spec().timeoutSeconds(),
        new HttpExchangeHandler.Callback() {
          @Override
          public void onResponse(
              int status, HttpHeaders headers, String text, boolean keepAlive, long arrived) {
            if (backend == null) backend = BackendHeader.of(headers);
            if (!keepAlive) ch.close();
            pool.release(ch);
            if (status / 100 != 2) {
              fail(
                  Failures.onHttpStatus(
                      status, headers, route + " answered " + status + ": " + abbreviate(text)));
              return;
            }
            switch (parse(route, text)) {
              case ServerReply.Observation o ->
                  then.accept(o.done(), BenchmarkObservation.from(o.observation()), arrived);
              case ServerReply.Mcp m when m.error() != null ->
                  fail(new SessionFailure.McpError(m.error()));
              case ServerReply.Mcp m -> then.accept(false, observation, arrived);
              case ServerReply.Malformed m ->
                  fail(new SessionFailure.ProtocolError(route + " reply " + m.reason()));
              case ServerReply.State s -> fail(unexpected(route, "a state"));
              case ServerReply.Error e -> fail(unexpected(route, "an error frame"));
            }
          }

          @Override
          public void onFailure(SessionFailure failure) {
            pool.release(ch);
            fail(failure);
          }
        });
  }

  /** A {@code POST /mcp} body is a JSON-RPC reply; the others an observation. */
  private static ServerReply parse(String route, String text) {
    return route.equals(Routes.MCP)
        ? ServerReplyParser.mcpBody(text)
        : ServerReplyParser.httpBody(text);
  }

  private static SessionFailure unexpected(String route, String what) {
    return new SessionFailure.ProtocolError(route + " answered with " + what);
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
    ctx.finish(t, observation, failure, remoteAddress, backend);
  }

  private long now() {
    return ctx.clock().nanoTime();
  }
}
