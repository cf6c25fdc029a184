package dev.openenvbench.loadgen;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Makes one WebSocket session vanish mid-step ({@code --abandon}): once its first step message is
 * on the wire (the second text message, after the reset), the session goes the chosen way and its
 * handler is told it was {@link SessionFailure.Abandoned}:
 *
 * <ul>
 *   <li>{@code close}: a close frame (1001, going away) and a FIN, as a client that exits cleanly;
 *   <li>{@code reset}: a TCP reset (SO_LINGER 0), as a process killed by the OOM killer;
 *   <li>{@code silent}: nothing; the socket is never read again and sends no more pings, as a
 *       trainer's host that vanished looks from the server (half-open). It stays open until the
 *       probe after the cell is over.
 * </ul>
 *
 * Sits just before {@link WsSessionHandler}, whose writes it watches. Confined to the event loop.
 */
final class WsAbandon extends ChannelOutboundHandlerAdapter {
  private final Abandonment abandonment;
  private final NanoClock clock;
  private int textsWritten;

  WsAbandon(Abandonment abandonment, NanoClock clock) {
    this.abandonment = abandonment;
    this.clock = clock;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    boolean firstStep = msg instanceof TextWebSocketFrame && ++textsWritten == 2;
    ctx.write(msg, promise);
    if (firstStep) {
      promise.addListener(f -> ctx.executor().execute(() -> vanish(ctx)));
    }
  }

  private void vanish(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive()) return;
    switch (abandonment.how()) {
      case CLOSE -> ctx.writeAndFlush(new CloseWebSocketFrame(1001, "going away"));
      case RESET -> ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
      case SILENT -> {
        ctx.channel().config().setAutoRead(false);
        if (ctx.pipeline().get(WsKeepalive.class) != null) ctx.pipeline().remove(WsKeepalive.class);
      }
    }
    abandonment.vanished(ctx.channel(), clock.nanoTime());
    // The session handler records the session and, unless it is silent, closes the channel.
    ctx.fireExceptionCaught(
        new SessionFailure.Raised(new SessionFailure.Abandoned(abandonment.how())));
  }
}
