package dev.openenvbench.loadgen;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a cell is over: every session that started has been recorded, and no more will start. A
 * batch knows its N up front; an open-loop cell learns it only when its window closes, so this
 * counts instead of a latch of N. Thread-safe.
 */
final class Outstanding {
  // One for the starter itself, released by noMoreStarts().
  private final AtomicLong pending = new AtomicLong(1);
  private final CountDownLatch over = new CountDownLatch(1);

  /** A session will be recorded (call before it can finish). */
  void started() {
    pending.incrementAndGet();
  }

  /** A session's row is written. */
  void recorded() {
    if (pending.decrementAndGet() == 0) over.countDown();
  }

  /** The cell starts no more sessions. Call once. */
  void noMoreStarts() {
    recorded();
  }

  /** Waits until the cell is over; false when {@code millis} passed first. */
  boolean await(long millis) throws InterruptedException {
    return over.await(millis, TimeUnit.MILLISECONDS);
  }
}
