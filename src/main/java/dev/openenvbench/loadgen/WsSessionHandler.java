package dev.openenvbench.loadgen;

import dev.openenvbench.protocol.BenchmarkAction;
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
 *  CONNECTING ─tcp up─▶ UPGRADING ─101─▶ RESETTING ─reply─▶ AT_GATE ─released─▶ STEPPING ×K
 *      │                   │                 │                                   │
 *      │ refused/timeout   │ non-101         │ error frame / timeout / closed    │ same
 *      ▼                   ▼                 ▼                                   ▼
 *   FAILED ◀───────────────┴─────────────────┴───────────────────────────── CLOSING ─closed─▶ DONE
 * </pre>
 *
 * Every edge ends in exactly one {@link SessionResult} passed to the sink; nothing is thrown. All
 * methods run on the channel's event loop; a per-phase timer turns silence into {@link
 * SessionFailure.ReadTimeout}.
 */
final class WsSessionHandler extends SimpleChannelInboundHandler<Object> {
  private static final String RESET = ClientFrames.text(new ClientMessage.Reset());
  private static final String CLOSE = ClientFrames.text(new ClientMessage.Close());

  enum State {
    CONNECTING,
    UPGRADING,
    RESETTING,
    AT_GATE,
    STEPPING,
    CLOSING,
    DONE
  }

  private final SessionContext ctx;
  private final WebSocketClientHandshaker handshaker;
  private final SessionTimeline t;
  private final ReadStamp readStamp;
  private final String stepMessage;
  private State state = State.CONNECTING;
  private BenchmarkObservation observation;
  private String remoteAddress;
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
    // Every step of the session sends the same text: encode it once.
    this.stepMessage =
        ClientFrames.text(
            new ClientMessage.Step(new BenchmarkAction(ctx.spec().waitSeconds()).json()));
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
      fail(c, new SessionFailure.HandshakeRejected(r.status().code(), e.getMessage()));
      return;
    }
    t.upgraded = readStamp.lastRead();
    enter(c, State.RESETTING);
    t.resetSent = now();
    c.writeAndFlush(new TextWebSocketFrame(RESET));
  }

  private void onText(ChannelHandlerContext c, String text) {
    switch (ServerReplyParser.frame(text)) {
      case ServerReply.Error e -> fail(c, serverError(e));
      case ServerReply.Malformed m ->
          fail(c, new SessionFailure.ProtocolError("reply " + m.reason() + " in " + phase()));
      case ServerReply.Observation o when state == State.RESETTING -> onResetReply(c, o);
      case ServerReply.Observation o when state == State.STEPPING -> onStepReply(c, o);
      case ServerReply.Observation o -> unexpected(c, "message");
      case ServerReply.State s -> unexpected(c, "state message");
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
    ctx.progress().markResetDone();
    enter(c, State.AT_GATE);
    ctx.gate().arrive(() -> c.executor().execute(() -> sendStep(c)));
  }

  private void sendStep(ChannelHandlerContext c) {
    if (state != State.AT_GATE && state != State.STEPPING) return;
    enter(c, State.STEPPING);
    t.stepSent[t.stepsCompleted] = now();
    c.writeAndFlush(new TextWebSocketFrame(stepMessage));
  }

  private void onStepReply(ChannelHandlerContext c, ServerReply.Observation reply) {
    int i = t.stepsCompleted++;
    t.stepDone[i] = readStamp.lastRead();
    ctx.progress().stepDone(t.stepDone[i] - t.stepSent[i]);
    observation = BenchmarkObservation.from(reply.observation());
    if (t.stepsCompleted < t.steps()) {
      sendStep(c);
      return;
    }
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
    if (next == State.AT_GATE || next == State.DONE) return;
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
    finish(c, failure);
  }

  private void finish(ChannelHandlerContext c, SessionFailure failure) {
    if (state == State.DONE) return;
    if (failure == null) t.closeDone = now();
    t.end = now();
    enter(c, State.DONE);
    ctx.finish(t, observation, failure, remoteAddress);
    if (channel != null) channel.close();
  }

  private String phase() {
    return switch (state) {
      case CONNECTING -> "tcp_connect";
      case UPGRADING -> "ws_upgrade";
      case RESETTING -> "reset";
      case AT_GATE -> "barrier";
      case STEPPING -> "step";
      case CLOSING -> "close";
      case DONE -> "done";
    };
  }

  private long now() {
    return ctx.clock().nanoTime();
  }
}
