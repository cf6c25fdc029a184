package dev.openenvbench.server;

import dev.openenvbench.env.EnvironmentType;
import dev.openenvbench.protocol.WsError;
import dev.openenvbench.protocol.WsErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code /ws} connection after the upgrade. Lifecycle:
 *
 * <pre>
 *  upgrade done ──slot free?──no──▶ CAPACITY_REACHED frame, close 1000
 *       │ yes
 *       ▼
 *  build env (off loop) ──throws──▶ FACTORY_ERROR frame, close 1000
 *       │
 *       ▼
 *  ┌▶ frame ─▶ WsSession.onText ─▶ reply written ─┐   (one frame at a time)
 *  └──────────────────────────────────────────────┘
 *       │ {"type":"close"} / fatal error / client gone / shutdown (1001)
 *       ▼
 *  env.close(), slot released (exactly once)
 * </pre>
 */
final class WsSessionHandler extends ChannelInboundHandlerAdapter {
  /** A binary frame, which OpenEnv does not define; it ends the session with SESSION_ERROR. */
  private static final String BINARY = new String("binary");

  private final ServerContext server;
  private InOrder<String> inOrder;
  private WsSession session;
  private boolean holdsSlot;

  WsSessionHandler(ServerContext server) {
    this.server = server;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (!(evt instanceof HandshakeComplete)) {
      super.userEventTriggered(ctx, evt);
      return;
    }
    ctx.pipeline().remove(RequestDeadlineHandler.class);
    ctx.pipeline().remove(HttpRouteHandler.class);
    inOrder = new InOrder<>(ctx.channel(), text -> onText(ctx, text));
    inOrder.hold();
    int activeWhenFull = server.slots().tryAcquire();
    if (activeWhenFull >= 0) {
      sendAndClose(ctx, WsSession.error(WsError.capacityReached(activeWhenFull, server.slots().max())));
      return;
    }
    holdsSlot = true;
    server.sessions().add(ctx.channel());
    EnvironmentType type = server.type();
    server
        .calls()
        .submit(type::create)
        .whenComplete(
            (env, failure) ->
                ctx.executor()
                    .execute(
                        () -> {
                          if (failure != null) {
                            sendAndClose(ctx, WsSession.error(WsError.factoryFailed(type.factoryName())));
                          } else if (!ctx.channel().isActive()) {
                            env.close();
                          } else {
                            session = server.newSession(env);
                            inOrder.release();
                          }
                        }));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof TextWebSocketFrame text) {
        inOrder.offer(text.text());
      } else if (msg instanceof BinaryWebSocketFrame) {
        inOrder.offer(BINARY);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @SuppressWarnings("StringEquality")
  private CompletableFuture<Void> onText(ChannelHandlerContext ctx, String text) {
    if (!ctx.channel().isActive()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<WsSession.Reply> reply =
        text == BINARY
            ? CompletableFuture.completedFuture(
                WsSession.error(WsError.of(WsErrorCode.SESSION_ERROR, "Binary frames are not supported: send JSON text frames")))
            : session.onText(text);
    CompletableFuture<Void> written = new CompletableFuture<>();
    reply.thenAccept(r -> ctx.executor().execute(() -> {
      switch (r) {
        case WsSession.Reply.Send(String frame, boolean thenClose) when thenClose -> sendAndClose(ctx, r);
        case WsSession.Reply.Send(String frame, boolean thenClose) ->
            ctx.writeAndFlush(new TextWebSocketFrame(frame)).addListener(f -> written.complete(null));
        case WsSession.Reply.Close() -> closeNormally(ctx);
      }
      if (!written.isDone() && !ctx.channel().isActive()) {
        written.complete(null);
      }
    }));
    return written;
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
      WsSession ended = session;
      session = null;
      // env.close() may block like any env code, so it runs off the event loop too.
      server.calls().submit(() -> {
        ended.close();
        return null;
      });
    }
    if (holdsSlot) {
      holdsSlot = false;
      server.slots().release();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Corrupt frames and oversized messages are answered by Netty's WebSocket handler (1002/1009);
    // anything reaching here ends only this connection.
    ctx.close();
  }
}
