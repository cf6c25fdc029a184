package dev.openenvbench.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-process cap on WebSocket sessions (OpenEnv's {@code max_concurrent_envs}). A slot is
 * taken before the environment is built and given back once that environment is closed, whatever
 * ended the session: a step still ending after its client left keeps its slot (docs/server.md "Slot
 * rules"). Thread-safe.
 */
final class SessionSlots {
  private final int max;
  private final AtomicInteger active;
  private final ServerMetrics metrics;

  SessionSlots(int max, ServerMetrics metrics) {
    this.max = max;
    this.metrics = metrics;
    this.active = metrics.activeSessionsCounter();
  }

  /** Takes a slot, or returns the number active when full (the count CAPACITY_REACHED reports). */
  int tryAcquire() {
    while (true) {
      int now = active.get();
      if (now >= max) {
        metrics.capacityRejected();
        return now;
      }
      if (active.compareAndSet(now, now + 1)) {
        metrics.sessionOpened();
        return -1;
      }
    }
  }

  void release() {
    active.decrementAndGet();
    metrics.sessionClosed();
  }

  int max() {
    return max;
  }
}
