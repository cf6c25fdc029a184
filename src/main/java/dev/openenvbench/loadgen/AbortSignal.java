package dev.openenvbench.loadgen;

import dev.openenvbench.results.OutputWriteException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Tells a running run to stop (Ctrl-C, the server went away, a result file cannot be written). The
 * first reason wins. The run keeps what finished, marks the running cell incomplete and reports
 * {@link #finished()} so a shutdown hook can wait for the files to be closed.
 */
public final class AbortSignal {
  private volatile String reason;
  private volatile OutputWriteException outputFailure;
  private final CountDownLatch finished = new CountDownLatch(1);

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

  /** Called by the run once its files are complete and closed. */
  public void markFinished() {
    finished.countDown();
  }

  /** Waits until the run has closed its files, at most {@code seconds}. */
  public boolean awaitFinished(double seconds) throws InterruptedException {
    return finished.await(Math.round(seconds * 1000), TimeUnit.MILLISECONDS);
  }
}
