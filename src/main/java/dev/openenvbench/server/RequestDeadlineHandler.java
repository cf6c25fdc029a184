package dev.openenvbench.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long an HTTP connection may hold server resources without completing a request: a
 * request must arrive whole within {@code requestTimeout} of its first byte (a client sending
 * headers byte by byte gets 408 and is closed), and an idle keep-alive connection is closed after
 * {@code idleTimeout}. Sits first in the pipeline, so it sees raw bytes; {@link #received()},
 * placed after the aggregator, tells it when a request has arrived whole, and from then until its
 * response is written no timer runs: a step may take as long as its wait (it used to get 408 at the
 * request timeout, 30 s, whatever its wait). Removed once a connection becomes a WebSocket.
 */
final class RequestDeadlineHandler extends ChannelDuplexHandler {
  private static final byte[] TIMEOUT_RESPONSE =
      ("HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\ncontent-length: 33\r\n"
              + "connection: close\r\n\r\n{\"detail\":\"Request not received\"}")
          .getBytes(StandardCharsets.US_ASCII);

  private final long requestTimeoutNanos;
  private final long idleTimeoutNanos;
  private ScheduledFuture<?> timer;
  private State state = State.IDLE;

  /** Where the connection is in its request cycle; each has its own timer, or none. */
  private enum State {
    /** Between requests: the idle timer runs. */
    IDLE,
    /** A request's first bytes have come: it must be whole within the request timeout. */
    RECEIVING,
    /** The request is whole and being answered: no timer (a step takes its wait). */
    PROCESSING
  }

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
    if (state == State.IDLE && msg instanceof ByteBuf buf && buf.isReadable()) {
      state = State.RECEIVING;
      arm(ctx, requestTimeoutNanos, true);
    }
    super.channelRead(ctx, msg);
  }

  /** A response going out: the connection is idle again until its next request's first byte. */
  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (state != State.IDLE) {
      state = State.IDLE;
      arm(ctx, idleTimeoutNanos, false);
    }
    super.write(ctx, msg, promise);
  }

  /**
   * The handler, placed after the HTTP aggregator, that tells this one a request has arrived whole:
   * the server is now working on it, for as long as that takes.
   */
  ChannelInboundHandlerAdapter received() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest && state == State.RECEIVING) {
          state = State.PROCESSING;
          cancel();
        }
        ctx.fireChannelRead(msg);
      }
    };
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
