package dev.openenvbench.loadgen;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Live counters of a running cell, for the progress line and for tests that act when the sessions
 * reach a phase. Updated from event-loop threads; read from anywhere.
 */
public final class CellProgress {
  private final int total;
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger connected = new AtomicInteger();
  final AtomicInteger resetDone = new AtomicInteger();
  final AtomicInteger succeeded = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();

  private final CountDownLatch allReset;
  // Every step's round trip, µs, for the cell's per-second time series (the one reader of it).
  private final Recorder steps = new Recorder(3);

  /** What the cell is part of, drawn before it on the progress line; read on every redraw. */
  private volatile Supplier<String> context = () -> "";

  public CellProgress(int total) {
    this.total = total;
    this.allReset = new CountDownLatch(total);
  }

  void markResetDone() {
    resetDone.incrementAndGet();
    allReset.countDown();
  }

  /** A step's reply arrived, {@code roundTripNanos} after it was sent. Wait-free. */
  void stepDone(long roundTripNanos) {
    steps.recordValue(Math.max(0, roundTripNanos / 1000));
  }

  /** The steps since the last call (µs): HdrHistogram's interval histogram. One reader only. */
  Histogram stepInterval() {
    return steps.getIntervalHistogram();
  }

  /** Waits until every session of the cell has finished its reset; false on timeout. */
  public boolean awaitAllReset(long timeout, TimeUnit unit) throws InterruptedException {
    return allReset.await(timeout, unit);
  }

  /**
   * Says what this cell is part of (e.g. a study's {@code cell 7/24, 3 min in}), for the progress
   * line to draw before the cell's own counters. Called by whoever runs the cells, when it starts.
   */
  public void setContext(Supplier<String> context) {
    this.context = context;
  }

  public String context() {
    return context.get();
  }

  public int total() {
    return total;
  }

  public int started() {
    return started.get();
  }

  public int connected() {
    return connected.get();
  }

  public int resetDone() {
    return resetDone.get();
  }

  public int succeeded() {
    return succeeded.get();
  }

  public int failed() {
    return failed.get();
  }
}
