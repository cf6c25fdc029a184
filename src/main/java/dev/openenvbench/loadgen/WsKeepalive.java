package dev.openenvbench.loadgen;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The client's WebSocket keep-alive, as OpenEnv's client (websockets) does it: from the upgrade on,
 * a ping every interval; when the oldest unanswered ping has had no pong for the pong timeout, the
 * session fails as {@link SessionFailure.PingTimeout}, or as {@link SessionFailure.HarnessStalled}
 * when this process's event loops were late by as much (then the missing pong says nothing about
 * the server). A pong answers every ping before it, as in websockets.
 *
 * <p>Sits just before {@link WsSessionHandler}, which it tells of a timeout by an exception of its
 * own; it passes every message on. Confined to the channel's event loop.
 */
final class WsKeepalive extends ChannelDuplexHandler {
  private static final long NONE = Long.MIN_VALUE;

  private final long intervalNanos;
  private final long pongTimeoutNanos;
  private final DoubleSupplier harnessLagMs;
  private ScheduledFuture<?> ticks;
  private ScheduledFuture<?> deadline;
  private long unansweredSince = NONE;
  private long pingsSent;

  /**
   * @param harnessLagMs the longest event-loop lag of the running cell so far, in ms
   */
  WsKeepalive(double intervalSeconds, double pongTimeoutSeconds, DoubleSupplier harnessLagMs) {
    this.intervalNanos = Math.round(intervalSeconds * 1e9);
    this.pongTimeoutNanos = Math.round(pongTimeoutSeconds * 1e9);
    this.harnessLagMs = harnessLagMs;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    boolean upgraded =
        msg instanceof FullHttpResponse r
            && r.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code();
    if (msg instanceof PongWebSocketFrame) onPong();
    ctx.fireChannelRead(msg);
    // After the session handler has finished the handshake: the frame encoder is in place now.
    if (upgraded && ctx.channel().isActive() && ticks == null) {
      ticks =
          ctx.executor()
              .scheduleAtFixedRate(
                  () -> ping(ctx), intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void ping(ChannelHandlerContext ctx) {
    if (unansweredSince == NONE) {
      unansweredSince = System.nanoTime();
      long due = unansweredSince + pongTimeoutNanos;
      deadline =
          ctx.executor().schedule(() -> timedOut(ctx, due), pongTimeoutNanos, TimeUnit.NANOSECONDS);
    }
    // A distinct payload per ping, as websockets sends, so a capture shows which pong is which.
    ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.copyLong(++pingsSent)));
  }

  private void onPong() {
    unansweredSince = NONE;
    if (deadline != null) deadline.cancel(false);
    deadline = null;
  }

  private void timedOut(ChannelHandlerContext ctx, long dueNanos) {
    if (unansweredSince == NONE) return;
    double lateMs = (System.nanoTime() - dueNanos) / 1e6;
    double lagMs = Math.max(lateMs, harnessLagMs.getAsDouble());
    double timeoutSeconds = pongTimeoutNanos / 1e9;
    SessionFailure f =
        lagMs >= pongTimeoutNanos / 1e6
            ? new SessionFailure.HarnessStalled(timeoutSeconds, lagMs)
            : new SessionFailure.PingTimeout(timeoutSeconds);
    stop();
    ctx.fireExceptionCaught(new SessionFailure.Raised(f));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stop();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  private void stop() {
    if (ticks != null) ticks.cancel(false);
    if (deadline != null) deadline.cancel(false);
    unansweredSince = NONE;
  }
}
