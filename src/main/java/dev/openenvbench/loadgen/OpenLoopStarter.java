package dev.openenvbench.loadgen;

import java.util.ArrayDeque;

/**
 * Starts an open-loop cell's sessions at their intended times ({@link ArrivalTimes}), at most
 * {@code maxInFlight} at once. An arrival that finds every slot taken waits, in order, and starts
 * when a session finishes; it then starts late, and since its latencies are measured from its
 * intended start, the wait is in them (the coordinated omission a closed loop hides). Arrivals
 * still waiting when the window closes are dropped. Every decision reads the injected clock, so a
 * test drives it with a fake one.
 *
 * <p>Confined to one thread: the event loop that paces the cell calls {@link #tick} when it is due
 * and {@link #finished} for each finished session; the counts are safe to read from anywhere.
 */
final class OpenLoopStarter {
  /** Starts one session: the cell's {@code index}-th arrival, meant for {@code intendedNanos}. */
  interface Launch {
    void start(int index, long intendedNanos);
  }

  private final NanoClock clock;
  private final ArrivalTimes times;
  private final long startNanos;
  private final long endNanos;
  private final int maxInFlight;
  private final Launch launch;
  private final ArrayDeque<Long> waiting = new ArrayDeque<>();
  private long next;
  private int inFlight;
  private boolean closed;
  private volatile int scheduled;
  private volatile int started;
  private volatile int dropped;

  /**
   * @param startNanos the cell's start on {@code clock}: arrival offsets count from it
   * @param windowSeconds how long arrivals come
   */
  OpenLoopStarter(
      NanoClock clock,
      ArrivalTimes times,
      long startNanos,
      double windowSeconds,
      int maxInFlight,
      Launch launch) {
    this.clock = clock;
    this.times = times;
    this.startNanos = startNanos;
    this.endNanos = startNanos + Math.round(windowSeconds * 1e9);
    this.maxInFlight = maxInFlight;
    this.launch = launch;
    this.next = absolute(times.next());
  }

  /**
   * Starts (or queues) every arrival due by now.
   *
   * @return nanoseconds until it must be called again, or -1 once the window has closed (then no
   *     session starts any more)
   */
  long tick() {
    if (closed) return -1;
    long now = clock.nanoTime();
    for (; next <= now; next = absolute(times.next())) {
      scheduled++;
      if (inFlight < maxInFlight) {
        start(next);
      } else {
        waiting.add(next);
      }
    }
    if (next == ArrivalTimes.NONE && now >= endNanos) {
      close();
      return -1;
    }
    return Math.min(next, endNanos) - now;
  }

  /** A session finished: its slot goes to the longest-waiting arrival, which starts now. */
  void finished() {
    inFlight--;
    if (!closed && !waiting.isEmpty()) start(waiting.poll());
  }

  /** Closes the window now (it has passed, or the run stops): waiting arrivals are dropped. */
  void close() {
    if (closed) return;
    closed = true;
    dropped += waiting.size();
    waiting.clear();
  }

  int scheduled() {
    return scheduled;
  }

  int started() {
    return started;
  }

  int dropped() {
    return dropped;
  }

  private void start(long intendedNanos) {
    inFlight++;
    launch.start(started++, intendedNanos);
  }

  private long absolute(long offset) {
    return offset == ArrivalTimes.NONE ? ArrivalTimes.NONE : startNanos + offset;
  }
}
