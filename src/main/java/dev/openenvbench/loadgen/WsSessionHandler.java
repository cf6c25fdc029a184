package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.BenchmarkObservation;
import dev.openenvbench.protocol.ClientFrames;
import dev.openenvbench.protocol.ClientMessage;
import dev.openenvbench.protocol.ServerReply;
import dev.openenvbench.protocol.ServerReplyParser;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket session as a state machine, stamping the injected clock at every boundary:
 *
 * <pre>
 *  CONNECTING ─tcp up─▶ UPGRADING ─101─▶ RESETTING ─reply─▶ AT_GATE ─released─▶ (THINKING) ─▶ STEPPING ×K
 *      │                   │                 │                                                 │ │
 *      │ refused/timeout   │ non-101         │ error frame / timeout / closed                  │ │ same
 *      ▼                   ▼                 ▼                                                 ▼ │
 *   FAILED ◀───────────────┴─────────────────┴────────────── CLOSING ◀─released─ AT_END ◀── K replies, or done: true
 *                                                                └─closed─▶ DONE
 * </pre>
 *
 * AT_END is where a {@code --barrier} cell's sessions wait to close together ({@link
 * StepGate#closes()}); without a barrier a session passes it at once. The session has not ended
 * there: a connection lost, a keep-alive unanswered or an error frame while it waits fails it
 * (phase {@code close_wait}), as in any phase before its close was sent.
 *
 * <p>Every edge ends in exactly one {@link SessionResult} passed to the sink; nothing is thrown.
 * All methods run on the channel's event loop; a per-phase timer turns silence into {@link
 * SessionFailure.ReadTimeout}. What the session sends and how long it thinks before each step
 * ({@code --think-seconds}, no timer then: nothing is awaited) come from its {@link SessionScript}.
 */
final class WsSessionHandler extends SimpleChannelInboundHandler<Object> {
  private static final String CLOSE = ClientFrames.text(new ClientMessage.Close());

  enum State {
    CONNECTING,
    UPGRADING,
    RESETTING,
    AT_GATE,
    THINKING,
    STEPPING,
    AT_END,
    CLOSING,
    DONE
  }

  private final SessionContext ctx;
  private final WebSocketClientHandshaker handshaker;
  private final SessionTimeline t;
  private final ReadStamp readStamp;
  private final SessionScript script;
  private State state = State.CONNECTING;
  private BenchmarkObservation observation;
  private String remoteAddress;
  private String backend;
  private ScheduledFuture<?> timer;
  private Channel channel;

  /**
   * @param readStamp the connection's first handler, whose read times stamp the server's replies
   */
  WsSessionHandler(
      SessionContext ctx,
      WebSocketClientHandshaker handshaker,
      SessionTimeline t,
      ReadStamp readStamp) {
    this.ctx = ctx;
    this.readStamp = readStamp;
    this.handshaker = handshaker;
    this.t = t;
    this.script = new SessionScript(ctx.spec()).encodeAhead(true);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext c) {
    channel = c.channel();
  }

  /** The TCP connect failed: the handler never became active. */
  void connectFailed(Throwable cause) {
    fail(null, Failures.onConnect(cause));
  }

  @Override
  public void channelActive(ChannelHandlerContext c) {
    t.tcpConnected = now();
    remoteAddress = String.valueOf(c.channel().remoteAddress());
    ctx.progress().connected.incrementAndGet();
    enter(c, State.UPGRADING);
    handshaker
        .handshake(c.channel())
        .addListener(
            f -> {
              if (!f.isSuccess()) fail(c, Failures.onConnection(f.cause(), "ws_upgrade"));
            });
  }

  @Override
  protected void channelRead0(ChannelHandlerContext c, Object msg) {
    switch (msg) {
      case FullHttpResponse r when state == State.UPGRADING -> onUpgrade(c, r);
      case TextWebSocketFrame f -> onText(c, f.text());
      case PingWebSocketFrame p -> c.writeAndFlush(new PongWebSocketFrame(p.content().retain()));
      case PongWebSocketFrame p -> {}
      case CloseWebSocketFrame f -> onServerClose(c, f);
      default ->
          fail(
              c,
              new SessionFailure.ProtocolError(
                  "unexpected " + msg.getClass().getSimpleName() + " in " + phase()));
    }
  }

  private void onUpgrade(ChannelHandlerContext c, FullHttpResponse r) {
    try {
      handshaker.finishHandshake(c.channel(), r);
    } catch (WebSocketHandshakeException e) {
      fail(c, Failures.onUpgradeRejected(r.status().code(), r.headers(), e.getMessage()));
      return;
    }
    t.upgraded = readStamp.lastRead();
    backend = BackendHeader.of(r.headers());
    enter(c, State.RESETTING);
    t.resetSent = now();
    c.writeAndFlush(new TextWebSocketFrame(script.resetFrame()));
    ctx.readyForReset(t);
  }

  private void onText(ChannelHandlerContext c, String text) {
    switch (ServerReplyParser.frame(text)) {
      case ServerReply.Error e -> fail(c, serverError(e));
      case ServerReply.Malformed m ->
          fail(c, new SessionFailure.ProtocolError("reply " + m.reason() + " in " + phase()));
      case ServerReply.Observation o when state == State.RESETTING -> onResetReply(c, o);
      case ServerReply.Observation o when state == State.STEPPING ->
          onStepReply(c, o.done(), BenchmarkObservation.from(o.observation()));
      case ServerReply.Observation o -> unexpected(c, "message");
      case ServerReply.State s -> unexpected(c, "state message");
      case ServerReply.Mcp m when state == State.STEPPING && m.error() != null ->
          fail(c, new SessionFailure.McpError(m.error()));
      case ServerReply.Mcp m when state == State.STEPPING -> onStepReply(c, false, observation);
      case ServerReply.Mcp m -> unexpected(c, "mcp message");
    }
  }

  /** A well-formed reply the session did not ask for: nothing else is in flight on /ws. */
  private void unexpected(ChannelHandlerContext c, String what) {
    fail(c, new SessionFailure.ProtocolError("unexpected " + what + " in " + phase()));
  }

  private void onResetReply(ChannelHandlerContext c, ServerReply.Observation reply) {
    t.resetDone = readStamp.lastRead();
    observation = BenchmarkObservation.from(reply.observation());
    ctx.resetDone();
    enter(c, State.AT_GATE);
    ctx.gate().arrive(() -> c.executor().execute(() -> nextStep(c)));
  }

  /** The next step, after its think time when it has one. */
  private void nextStep(ChannelHandlerContext c) {
    if (state != State.AT_GATE && state != State.STEPPING) return;
    long pause = script.thinkNanos(t.stepsCompleted);
    if (pause <= 0) {
      sendStep(c);
      return;
    }
    t.thinkNanos += pause;
    enter(c, State.THINKING);
    c.executor().schedule(() -> sendStep(c), pause, TimeUnit.NANOSECONDS);
  }

  private void sendStep(ChannelHandlerContext c) {
    if (state != State.AT_GATE && state != State.THINKING && state != State.STEPPING) return;
    enter(c, State.STEPPING);
    // Encoded before the stamp: the step's latency is the wire's and the server's, not ours.
    String frame = script.stepFrame(t.stepsCompleted);
    t.stepSent[t.stepsCompleted] = now();
    c.writeAndFlush(new TextWebSocketFrame(frame));
  }

  /** A step's reply; {@code done: true} ends the episode, and the session, there. */
  private void onStepReply(ChannelHandlerContext c, boolean done, BenchmarkObservation o) {
    int i = t.stepsCompleted++;
    t.stepDone[i] = readStamp.lastRead();
    ctx.progress().stepDone(t.stepDone[i] - t.stepSent[i]);
    observation = o;
    t.episodeDone = done;
    if (!done && t.stepsCompleted < t.steps()) {
      nextStep(c);
      return;
    }
    enter(c, State.AT_END);
    StepGate closes = ctx.gate().closes();
    if (closes.holds()) {
      closes.arrive(() -> c.executor().execute(() -> close(c)));
    } else {
      close(c); // no barrier: at once, as the reply came
    }
  }

  private void close(ChannelHandlerContext c) {
    if (state != State.AT_END) return; // it ended while it waited
    enter(c, State.CLOSING);
    t.closeSent = now();
    c.write(new TextWebSocketFrame(CLOSE));
    c.writeAndFlush(new CloseWebSocketFrame(1000, "done"));
  }

  private void onServerClose(ChannelHandlerContext c, CloseWebSocketFrame f) {
    if (state == State.CLOSING) {
      finish(c, null);
    } else {
      fail(
          c,
          new SessionFailure.ConnectionClosed(
              phase(), "server closed the WebSocket (" + f.statusCode() + ") during " + phase()));
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext c) {
    if (state == State.CLOSING) {
      finish(c, null);
    } else if (state != State.DONE) {
      fail(c, new SessionFailure.ConnectionClosed(phase(), "connection closed during " + phase()));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
    if (state == State.CLOSING) {
      finish(c, null);
      return;
    }
    fail(c, Failures.onConnection(cause, phase()));
  }

  /** An error frame, whenever it comes; one without a code is counted as {@code UNKNOWN}. */
  private static SessionFailure serverError(ServerReply.Error e) {
    return new SessionFailure.ServerError(
        e.rawCode() == null ? "UNKNOWN" : e.rawCode(),
        e.detail(),
        e.activeSessions(),
        e.maxSessions());
  }

  private void enter(ChannelHandlerContext c, State next) {
    state = next;
    if (timer != null) timer.cancel(false);
    timer = null;
    // No timer where nothing is awaited: the think time's own, or the other sessions' (theirs
    // have their timers).
    if (next == State.AT_GATE
        || next == State.THINKING
        || next == State.AT_END
        || next == State.DONE) {
      return;
    }
    double seconds = ctx.spec().timeoutSeconds();
    String phase = phase();
    timer =
        channel
            .eventLoop()
            .schedule(
                () -> fail(c, new SessionFailure.ReadTimeout(phase, seconds)),
                Math.round(seconds * 1e9),
                TimeUnit.NANOSECONDS);
  }

  void fail(ChannelHandlerContext c, SessionFailure failure) {
    if (state == State.DONE) return;
    if (state.compareTo(State.AT_GATE) < 0) ctx.gate().leave();
    if (state.compareTo(State.AT_END) < 0) ctx.gate().closes().leave();
    finish(c, failure);
  }

  private void finish(ChannelHandlerContext c, SessionFailure failure) {
    if (state == State.DONE) return;
    if (failure == null) t.closeDone = now();
    t.end = now();
    enter(c, State.DONE);
    ctx.finish(t, observation, failure, remoteAddress, backend);
    if (channel != null && !(failure instanceof SessionFailure.Abandoned a && a.keepsSocket())) {
      channel.close();
    }
  }

  private String phase() {
    return switch (state) {
      case CONNECTING -> "tcp_connect";
      case UPGRADING -> "ws_upgrade";
      case RESETTING -> "reset";
      case AT_GATE -> "barrier";
      case THINKING -> "think";
      case STEPPING -> "step";
      case AT_END -> "close_wait";
      case CLOSING -> "close";
      case DONE -> "done";
    };
  }

  private long now() {
    return ctx.clock().nanoTime();
  }
}
