package dev.openenvbench.server;

import dev.openenvbench.env.Environment;
import dev.openenvbench.env.EnvironmentType;
import dev.openenvbench.protocol.WsError;
import dev.openenvbench.protocol.WsErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code /ws} connection after the upgrade. Lifecycle:
 *
 * <pre>
 *  upgrade done ──slot free?──no──▶ CAPACITY_REACHED frame, close 1000
 *       │ yes (slot taken)
 *       ▼
 *  build env (off loop) ──throws──▶ slot released, FACTORY_ERROR frame, close 1000
 *       │                 ──client gone meanwhile──▶ end (below)
 *       ▼
 *  ┌▶ frame ─▶ WsSession.onText ─▶ reply written ─┐   (one frame at a time)
 *  └──────────────────────────────────────────────┘
 *       │ {"type":"close"} / fatal error / client gone / no pong / idle / receive budget /
 *       │ shutdown (1001)
 *       ▼
 *  end: running call stopped, then env.close() (off loop unless non-blocking), then slot
 *  released (exactly once)
 * </pre>
 *
 * <p>From OpenEnv 0.5, {@code /ws?session_id=<id>} attaches to an MCP session instead (its slot and
 * environment are the MCP session's): refused with a SESSION_ERROR frame and close 1000 when the
 * session is unknown, still being built or already attached; ending it detaches, and closes the
 * session only if {@code openenv/session/close} was asked meanwhile.
 *
 * <p>The slot is held for as long as the environment exists, not the connection: a step that is
 * still ending after its client left counts against the cap until it has (docs/server.md "Slot
 * rules"). Confined to the channel's event loop.
 */
final class WsSessionHandler extends ChannelInboundHandlerAdapter {
  /** What arrives, in order: a text frame, or a binary one (which OpenEnv does not define). */
  private sealed interface Inbound {
    record Text(String text, long arrivedNanos) implements Inbound {}

    record Binary() implements Inbound {}
  }

  private static final WsSession.Reply BINARY_REJECTED =
      WsSession.error(
          WsError.of(
              WsErrorCode.SESSION_ERROR, "Binary frames are not supported: send JSON text frames"));

  private final ServerContext server;
  private InOrder<Inbound> inOrder;
  private WsSession session;
  private boolean holdsSlot;
  private boolean building;
  private String attachedTo; // the MCP session this socket is attached to, or null

  WsSessionHandler(ServerContext server) {
    this.server = server;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (!(evt instanceof HandshakeComplete)) {
      super.userEventTriggered(ctx, evt);
      return;
    }
    // HandshakeComplete fires while the upgrade request is being read, so the meter is in
    // place before the first byte of the first frame reaches the decoder.
    ReceiveBudgetHandler meter = new ReceiveBudgetHandler(server.receiveBudget(), server.metrics());
    ctx.pipeline().replace(RequestDeadlineHandler.class, "receive-budget", meter);
    ctx.pipeline().remove(HttpRouteHandler.class);
    inOrder = new InOrder<>(ctx.channel(), inbound -> onInbound(ctx, inbound));
    inOrder.hold();
    String sessionId =
        server.config().dialect().release().sessionAttach()
            ? sessionIdOf(((HandshakeComplete) evt).requestUri())
            : null;
    if (sessionId != null) {
      attach(ctx, sessionId, meter);
      return;
    }
    int activeWhenFull = server.slots().tryAcquire();
    if (activeWhenFull >= 0) {
      sendAndClose(
          ctx, WsSession.error(WsError.capacityReached(activeWhenFull, server.slots().max())));
      return;
    }
    holdsSlot = true;
    server.sessions().add(ctx.channel());
    keepAlive(ctx, meter);
    building = true;
    EnvironmentType type = server.type();
    if (type.createsAtOnce()) {
      Environment env;
      try {
        env = type.create();
      } catch (Throwable e) { // as on a thread: any failure of the factory frees the slot
        onBuilt(ctx, type, null, e);
        return;
      }
      onBuilt(ctx, type, env, null);
      return;
    }
    server
        .calls()
        .submit(type::create)
        .whenComplete(
            (env, failure) -> ctx.executor().execute(() -> onBuilt(ctx, type, env, failure)));
  }

  /** {@code session_id} of the handshake's query string; absent or empty is none, as in Python. */
  private static String sessionIdOf(String uri) {
    List<String> values = new QueryStringDecoder(uri).parameters().get("session_id");
    String first = values == null || values.isEmpty() ? null : values.getFirst();
    return first == null || first.isEmpty() ? null : first;
  }

  private void attach(ChannelHandlerContext ctx, String sessionId, ReceiveBudgetHandler meter) {
    switch (server.mcp().attach(sessionId)) {
      case McpEndpoint.Attach.Refused(String message) ->
          sendAndClose(ctx, WsSession.error(WsError.of(WsErrorCode.SESSION_ERROR, message)));
      case McpEndpoint.Attach.Attached(Environment env) -> {
        attachedTo = sessionId;
        server.sessions().add(ctx.channel());
        keepAlive(ctx, meter);
        session = server.attachedSession(env, sessionId, ctx.channel().eventLoop());
        inOrder.release();
      }
    }
  }

  private void keepAlive(ChannelHandlerContext ctx, ReceiveBudgetHandler meter) {
    SlotRules rules = server.config().slotRules();
    if (WsKeepalive.needed(rules)) {
      ctx.pipeline()
          .addBefore(
              ctx.name(),
              "keepalive",
              new WsKeepalive(
                  rules,
                  meter::bytesReceived,
                  meter::dataBytesReceived,
                  inOrder::busy,
                  server.metrics()));
    }
  }

  private void onBuilt(
      ChannelHandlerContext ctx, EnvironmentType type, Environment env, Throwable failure) {
    building = false;
    if (failure != null) {
      releaseSlot(); // no environment, nothing to wait for
      sendAndClose(ctx, WsSession.error(WsError.factoryFailed(type.factoryName())));
      return;
    }
    session = server.newSession(env, ctx.channel().eventLoop());
    if (ctx.channel().isActive()) {
      inOrder.release();
    } else {
      // The client left while the factory ran: close the new environment where it may block.
      endSession();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame text) {
        inOrder.offer(new Inbound.Text(text.text(), System.nanoTime()));
      } else if (msg instanceof BinaryWebSocketFrame) {
        inOrder.offer(new Inbound.Binary());
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private CompletableFuture<Void> onInbound(ChannelHandlerContext ctx, Inbound inbound) {
    if (!ctx.channel().isActive()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<WsSession.Reply> reply =
        switch (inbound) {
          case Inbound.Text(String text, long arrived) -> session.onText(text);
          case Inbound.Binary() -> CompletableFuture.completedFuture(BINARY_REJECTED);
        };
    // Completes when the reply is on the wire; never for a reply that closes the session, so
    // nothing after it is processed.
    CompletableFuture<Void> written = new CompletableFuture<>();
    reply.thenAccept(
        r -> {
          // A reply due on a timer completes on this loop: write it at once, not a task later.
          if (ctx.executor().inEventLoop()) {
            write(ctx, r, written, inbound);
          } else {
            ctx.executor().execute(() -> write(ctx, r, written, inbound));
          }
        });
    return written;
  }

  private void write(
      ChannelHandlerContext ctx,
      WsSession.Reply reply,
      CompletableFuture<Void> written,
      Inbound answered) {
    WsSession replying = session;
    switch (reply) {
      case WsSession.Reply.Send(String frame, boolean thenClose) when thenClose ->
          sendAndClose(ctx, reply);
      case WsSession.Reply.Send(String frame, boolean thenClose) ->
          ctx.writeAndFlush(new TextWebSocketFrame(frame))
              .addListener(
                  f -> {
                    // The server's own share of a step: arrival to written, less the env's.
                    long envNanos = replying == null ? -1 : replying.takeStepNanos();
                    if (envNanos >= 0 && answered instanceof Inbound.Text(var t, long arrived)) {
                      server.metrics().stepOverhead(System.nanoTime() - arrived - envNanos);
                    }
                    written.complete(null);
                  });
      case WsSession.Reply.Close() -> closeNormally(ctx);
    }
  }

  private void sendAndClose(ChannelHandlerContext ctx, WsSession.Reply reply) {
    if (reply instanceof WsSession.Reply.Send(String frame, boolean thenClose)) {
      ctx.write(new TextWebSocketFrame(frame));
    }
    closeNormally(ctx);
  }

  private static void closeNormally(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE));
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (session != null) {
      endSession();
    } else if (!building) {
      releaseSlot();
    } // else onBuilt ends the session once the factory returns
    super.channelInactive(ctx);
  }

  /**
   * Stops the session's running call, closes its environment, then gives the slot back; for an
   * attached socket, detaches instead (the slot is the MCP session's).
   */
  private void endSession() {
    WsSession ended = session;
    session = null;
    holdsSlot = false;
    if (attachedTo != null) {
      ended.end();
      return;
    }
    ServerMetrics metrics = server.metrics();
    SessionSlots slots = server.slots();
    metrics.sessionEnding();
    ended
        .end()
        .whenComplete(
            (closed, failure) -> {
              metrics.sessionEnded();
              slots.release();
            });
  }

  private void releaseSlot() {
    if (holdsSlot) {
      holdsSlot = false;
      server.slots().release();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A corrupt or oversized single frame was already answered by Netty's decoder (1002/1009).
    // A message whose fragments add up to too much is caught by the aggregator and lands here.
    if (cause instanceof TooLongFrameException && ctx.channel().isActive()) {
      ctx.writeAndFlush(
          new CloseWebSocketFrame(
              WebSocketCloseStatus.MESSAGE_TOO_BIG,
              "message above " + server.config().maxFrameBytes() + " bytes"));
    }
    ctx.close();
  }
}
