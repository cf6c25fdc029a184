package dev.openenvbench.loadgen;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A barrier's steps let go at a pace instead of in one burst ({@code --release-rate}). 19,000 step
 * frames written in one instant reach a server on the same two cores over half a second, and their
 * replies fall due in the same half second ten seconds later: each side's reads wait behind the
 * other's burst, and the step was measured 33–105 ms late at p50. Let go at 10,000 a second, the
 * same 19,000 were all stepping at once within two seconds and measured 0.9–1.3 ms late
 * (docs/benchmarks.md, "A paced barrier release"). One thread paces them all: a WebSocket session's
 * release hands its step to its event loop, an HTTP session's sends its request.
 */
final class PacedRelease implements Runnable {
  private final List<Runnable> releases;
  private final long gapNanos;
  private volatile boolean hurry;
  private volatile Thread thread;

  /**
   * @param releases the waiting sessions' releases, in the order they arrived
   * @param perSecond how many to let go per second (> 0)
   */
  PacedRelease(List<Runnable> releases, double perSecond) {
    this.releases = releases;
    // At most an hour apart: the gap of a tiny rate would overflow i × gap.
    this.gapNanos = (long) Math.min(1e9 / perSecond, 3.6e12);
  }

  void start() {
    thread = Thread.ofPlatform().daemon().name("barrier-release").start(this);
  }

  /** Lets the rest go at once (the cell stops: no session may wait for its turn forever). */
  void hurry() {
    hurry = true;
    Thread t = thread;
    if (t != null) LockSupport.unpark(t);
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    for (int i = 0; i < releases.size(); i++) {
      long due = start + i * gapNanos;
      long now;
      while (!hurry && (now = System.nanoTime()) < due) LockSupport.parkNanos(due - now);
      try {
        releases.get(i).run();
      } catch (RuntimeException e) {
        // That session's step could not be handed on (its event loop shutting down): the others'
        // still go, so none waits at the gate forever.
      }
    }
  }
}
