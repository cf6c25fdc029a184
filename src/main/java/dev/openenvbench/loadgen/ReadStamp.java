package dev.openenvbench.loadgen;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First in every harness connection's pipeline: notes when bytes last came off the socket. A reply
 * is stamped with the read that completed it, not with the moment it had been decoded and parsed,
 * which after an idle spell can be a few hundred microseconds later and is the harness's cost, not
 * the server's. (Decoding runs inside the same {@code channelRead}, so when a handler further down
 * receives a message, the last read is the one that completed it.)
 */
final class ReadStamp extends ChannelInboundHandlerAdapter {
  private final NanoClock clock;
  private long lastRead = SessionTimeline.NOT_REACHED;

  ReadStamp(NanoClock clock) {
    this.clock = clock;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    lastRead = clock.nanoTime();
    ctx.fireChannelRead(msg);
  }

  /** When the last bytes arrived, on the run's clock. */
  long lastRead() {
    return lastRead;
  }
}
