package dev.openenvbench.loadgen;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The abandoned sessions of one cell ({@code --abandon}): which sessions vanish, how many did and
 * when the last did, and the silent ones' sockets, which stay open (unread) until the probe after
 * the cell has watched the server and {@link #close} closes them, so nothing leaks. Thread-safe.
 */
final class Abandonment implements AutoCloseable {
  private final Connection connection;
  private final int numRequests;
  private final ChannelGroup silent = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final AtomicInteger vanished = new AtomicInteger();
  private final AtomicLong lastVanishedNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicInteger endedAfterReset = new AtomicInteger();

  /**
   * @param numRequests the cell's N: sessions are chosen by request id over the whole cell
   */
  Abandonment(Connection connection, int numRequests) {
    this.connection = connection;
    this.numRequests = numRequests;
  }

  /** The cell's N. */
  int numRequests() {
    return numRequests;
  }

  Connection.Abandon how() {
    return connection.abandonHow();
  }

  boolean chooses(int requestId) {
    return connection.abandons(requestId, numRequests);
  }

  /** The sessions the cell abandons. */
  int planned() {
    return connection.abandoned(numRequests);
  }

  /** A session vanished at {@code nanos}; a silent one's channel is kept until {@link #close}. */
  void vanished(Channel ch, long nanos) {
    vanished.incrementAndGet();
    lastVanishedNanos.accumulateAndGet(nanos, Math::max);
    if (how() == Connection.Abandon.SILENT) silent.add(ch);
  }

  int count() {
    return vanished.get();
  }

  /** When the last session vanished, on the run's clock; {@link Long#MIN_VALUE} if none did. */
  long lastVanishedNanos() {
    return lastVanishedNanos.get();
  }

  /** A session of the cell ended (abandoned ones too): counted out of {@link #ourLive}. */
  void ended(SessionResult r) {
    if (r.timeline().resetDone() != SessionTimeline.NOT_REACHED) endedAfterReset.incrementAndGet();
  }

  /** The cell's sessions the server holds a slot for on our behalf now: reset, not ended. */
  int ourLive(CellProgress progress) {
    return Math.max(0, progress.resetDone() - endedAfterReset.get());
  }

  /** Closes the silent sessions' sockets: after the probe, never before. */
  @Override
  public void close() {
    silent.close().awaitUninterruptibly();
  }
}
