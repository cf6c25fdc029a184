package dev.openenvbench.server;

import dev.openenvbench.protocol.WsDrop;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a WebSocket connection's partly received message within the process's {@link
 * ReceiveBudget}: first in the pipeline, it sees the raw bytes before the frame decoder buffers
 * them, follows the frames ({@link FrameScanner}) and reserves what a read leaves buffered. A
 * connection whose bytes do not fit is closed with 1013 and the rest of its bytes are dropped; the
 * others are untouched. Also counts every byte received, which {@link WsKeepalive} takes as a sign
 * of life. Installed when the handshake completes, before the client can send a frame. One per
 * connection, confined to its event loop.
 */
final class ReceiveBudgetHandler extends ChannelInboundHandlerAdapter {
  /** How long a refused client may go on sending (its bytes dropped) before the server closes. */
  static final Duration LINGER = Duration.ofSeconds(2);

  private final ReceiveBudget budget;
  private final ServerMetrics metrics;
  private final FrameScanner frames = new FrameScanner();
  private long reserved;
  private boolean refused;

  ReceiveBudgetHandler(ReceiveBudget budget, ServerMetrics metrics) {
    this.budget = budget;
    this.metrics = metrics;
  }

  /** Bytes received since the handshake. */
  long bytesReceived() {
    return frames.totalBytes();
  }

  /** Bytes of data frames received since the handshake. */
  long dataBytesReceived() {
    return frames.dataBytes();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (refused) {
      buf.release();
      return;
    }
    frames.scan(buf);
    long held = frames.heldBytes();
    if (held > reserved && !budget.tryReserve(held - reserved)) {
      buf.release();
      refuse(ctx);
      return;
    }
    if (held < reserved) {
      budget.release(reserved - held);
    }
    reserved = held;
    ctx.fireChannelRead(buf);
  }

  private void refuse(ChannelHandlerContext ctx) {
    refused = true;
    giveBack();
    metrics.sessionDropped(WsDrop.RECEIVE_BUDGET);
    Channel channel = ctx.channel();
    // Through the whole pipeline: the frame must pass the encoder, which sits after this handler.
    channel
        .writeAndFlush(
            new CloseWebSocketFrame(
                WsDrop.RECEIVE_BUDGET.closeCode(), WsDrop.receiveBufferFull(budget.limitBytes())))
        .addListener(written -> lingerThenClose(ctx, channel));
  }

  /**
   * The client is most likely still sending its message. Closing now, with its bytes unread, would
   * reset the connection, and a reset can reach the client before it has read the close frame. So
   * the server ends its side (FIN after the frame), goes on dropping what arrives, and closes when
   * the client does or after {@link #LINGER}.
   */
  private static void lingerThenClose(ChannelHandlerContext ctx, Channel channel) {
    if (channel instanceof DuplexChannel duplex && channel.isActive()) {
      duplex.shutdownOutput();
      ctx.executor().schedule(() -> channel.close(), LINGER.toNanos(), TimeUnit.NANOSECONDS);
    } else {
      channel.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    giveBack();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    giveBack();
  }

  private void giveBack() {
    if (reserved > 0) {
      budget.release(reserved);
      reserved = 0;
    }
  }
}
