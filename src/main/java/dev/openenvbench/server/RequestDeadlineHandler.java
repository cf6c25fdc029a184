package dev.openenvbench.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long an HTTP connection may hold server resources without completing a request: a
 * request must arrive whole within {@code requestTimeout} of its first byte (a client sending
 * headers byte by byte gets 408 and is closed), and an idle keep-alive connection is closed after
 * {@code idleTimeout}. Sits first in the pipeline, so it sees raw bytes; removed once a connection
 * becomes a WebSocket.
 */
final class RequestDeadlineHandler extends ChannelDuplexHandler {
  private static final byte[] TIMEOUT_RESPONSE =
      ("HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\ncontent-length: 33\r\n"
              + "connection: close\r\n\r\n{\"detail\":\"Request not received\"}")
          .getBytes(StandardCharsets.US_ASCII);

  private final long requestTimeoutNanos;
  private final long idleTimeoutNanos;
  private ScheduledFuture<?> timer;
  private boolean requestInProgress;

  RequestDeadlineHandler(Duration requestTimeout, Duration idleTimeout) {
    this.requestTimeoutNanos = requestTimeout.toNanos();
    this.idleTimeoutNanos = idleTimeout.toNanos();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx, idleTimeoutNanos, false);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!requestInProgress && msg instanceof ByteBuf buf && buf.isReadable()) {
      requestInProgress = true;
      arm(ctx, requestTimeoutNanos, true);
    }
    super.channelRead(ctx, msg);
  }

  /** A response going out means the request it answers was complete. */
  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (requestInProgress) {
      requestInProgress = false;
      arm(ctx, idleTimeoutNanos, false);
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  private void arm(ChannelHandlerContext ctx, long nanos, boolean forRequest) {
    cancel();
    timer =
        ctx.executor()
            .schedule(
                () -> {
                  if (forRequest) {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT_RESPONSE))
                        .addListener(ChannelFutureListener.CLOSE);
                  } else {
                    ctx.close();
                  }
                },
                nanos,
                TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
