package dev.openenvbench.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory one server process lets WebSocket messages that are still arriving hold, summed over
 * all its connections. Without it, a few hundred clients each sending most of a 16 MiB frame and
 * then pausing hold gigabytes. Only connections in the middle of a message reserve anything, and
 * only when a read leaves more of it buffered than before: small messages that arrive whole never
 * touch it. Thread-safe (every event loop reserves here).
 */
final class ReceiveBudget {
  private final long limitBytes;
  private final AtomicLong used;

  /**
   * @param used the counter to keep the bytes in use in, shown on {@code /metrics}
   */
  ReceiveBudget(long limitBytes, AtomicLong used) {
    this.limitBytes = limitBytes;
    this.used = used;
  }

  /** Reserves {@code bytes} more, or nothing (false) if that would go past the limit. */
  boolean tryReserve(long bytes) {
    while (true) {
      long now = used.get();
      if (now + bytes > limitBytes) {
        return false;
      }
      if (used.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void release(long bytes) {
    used.addAndGet(-bytes);
  }

  long limitBytes() {
    return limitBytes;
  }
}
