package dev.openenvbench.loadgen;

import dev.openenvbench.results.OutputWriteException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells a running run to stop (Ctrl-C, the server went away, a result file cannot be written). The
 * first reason wins. The run keeps what finished, marks the running cell incomplete and reports
 * {@link #markFinished()} so a shutdown hook can wait for the files to be closed. A caller that
 * writes more files once the run has ended ({@code capacity} its capacity.json) {@link #hold}s the
 * signal, so that the hook waits for those too.
 *
 * <p>A {@link #cellScope} signal stops one cell alone ({@link #stopCell}: a segment's cell past its
 * deadline), while everything else it is told still stops the whole run.
 */
public final class AbortSignal {
  private volatile String reason;
  private volatile OutputWriteException outputFailure;
  private final CountDownLatch finished = new CountDownLatch(1);
  private int holders = 1; // the run itself
  private final AbortSignal run; // null for a run's own signal
  private volatile String cellReason;

  public AbortSignal() {
    this(null);
  }

  private AbortSignal(AbortSignal run) {
    this.run = run;
  }

  /**
   * A signal for one cell of this run: triggered when the run is, or by {@link #stopCell}; what
   * else it is told ({@link #trigger}, {@link #failOutput}) is told to the run.
   */
  public AbortSignal cellScope() {
    return new AbortSignal(this);
  }

  /** Stops this cell only (a {@link #cellScope} signal); the run goes on with its next cell. */
  public void stopCell(String why) {
    if (run == null) throw new IllegalStateException("not a cell's signal");
    synchronized (this) {
      if (cellReason == null) cellReason = why;
    }
  }

  public synchronized void trigger(String why) {
    if (run != null) {
      run.trigger(why);
    } else if (reason == null) {
      reason = why;
    }
  }

  /** A result file could not be written: the run stops, and says so with its own exit code. */
  public synchronized void failOutput(OutputWriteException e) {
    if (run != null) {
      run.failOutput(e);
      return;
    }
    if (outputFailure == null) outputFailure = e;
    trigger(e.getMessage());
  }

  /** The first write that failed, or null. */
  public OutputWriteException outputFailure() {
    return run != null ? run.outputFailure() : outputFailure;
  }

  public boolean triggered() {
    return run != null ? cellReason != null || run.triggered() : reason != null;
  }

  public String reason() {
    if (run == null) return reason;
    String r = run.reason();
    return r != null ? r : cellReason;
  }

  /**
   * One more writer that will call {@link #markFinished} when its files are closed; the signal is
   * finished when every holder (the run is the first) has.
   */
  public synchronized void hold() {
    holders++;
  }

  /** Called by the run (and each {@link #hold}er) once its files are complete and closed. */
  public void markFinished() {
    synchronized (this) {
      if (--holders > 0) return;
    }
    finished.countDown();
  }

  /** Waits until the run has closed its files, at most {@code seconds}. */
  public boolean awaitFinished(double seconds) throws InterruptedException {
    return finished.await(Math.round(seconds * 1000), TimeUnit.MILLISECONDS);
  }
}
