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
 */
public final class AbortSignal {
  private volatile String reason;
  private volatile OutputWriteException outputFailure;
  private final CountDownLatch finished = new CountDownLatch(1);
  private int holders = 1; // the run itself

  public synchronized void trigger(String why) {
    if (reason == null) reason = why;
  }

  /** A result file could not be written: the run stops, and says so with its own exit code. */
  public synchronized void failOutput(OutputWriteException e) {
    if (outputFailure == null) outputFailure = e;
    trigger(e.getMessage());
  }

  /** The first write that failed, or null. */
  public OutputWriteException outputFailure() {
    return outputFailure;
  }

  public boolean triggered() {
    return reason != null;
  }

  public String reason() {
    return reason;
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
