package dev.openenvbench.loadgen;

import dev.openenvbench.results.AbandonedSlots;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The probe of one cell's abandoned sessions, from the cell's start to its answer: with the
 * server's own count ({@code /metrics}) it starts polling, on a virtual thread, as soon as every
 * session to abandon has vanished (or the cell ended), so a slot given back mid-cell is timed when
 * it comes back; without one the probe sessions run after the cell, when they cannot take a slot
 * from it.
 */
final class AbandonWatch {
  private final AbandonProbe probe;
  private final Abandonment abandonment;
  private final CompletableFuture<Void> cellEnded = new CompletableFuture<>();
  private final CompletableFuture<AbandonedSlots> byMetrics = new CompletableFuture<>();
  private final double probeSeconds;
  private final AbortSignal abort;

  private AbandonWatch(
      AbandonProbe probe, Abandonment abandonment, double probeSeconds, AbortSignal abort) {
    this.probe = probe;
    this.abandonment = abandonment;
    this.probeSeconds = probeSeconds;
    this.abort = abort;
  }

  /**
   * @param progress the cell's counters: the sessions past their reset hold a slot on our behalf
   * @param probeSeconds how long after the last abandonment the probe waits for the slots
   */
  static AbandonWatch start(
      AbandonProbe probe,
      Abandonment abandonment,
      CellProgress progress,
      double probeSeconds,
      AbortSignal abort) {
    AbandonWatch w = new AbandonWatch(probe, abandonment, probeSeconds, abort);
    if (probe.hasMetrics()) {
      Thread.ofVirtual().name("openenv-bench-abandon-probe").start(() -> w.poll(progress));
    }
    return w;
  }

  private void poll(CellProgress progress) {
    try {
      while (abandonment.count() < abandonment.planned() && !cellEnded.isDone()) {
        Thread.sleep(10);
      }
      if (abandonment.count() == 0) {
        byMetrics.complete(none());
        return;
      }
      byMetrics.complete(probe.byMetrics(probeSeconds, () -> abandonment.ourLive(progress), abort));
    } catch (InterruptedException e) {
      byMetrics.complete(none());
    }
  }

  /**
   * Called once every session of the cell has ended: waits for the probe's answer, at most the
   * probe's time after the last abandonment.
   */
  AbandonedSlots result(AbandonProbe.Probe sessions) throws InterruptedException {
    cellEnded.complete(null);
    if (abandonment.count() == 0) return none();
    if (!probe.hasMetrics()) {
      return probe.byRefusal(probeSeconds, abandonment.numRequests() + 1, sessions, abort);
    }
    try {
      return byMetrics.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the abandon probe failed", e.getCause());
    }
  }

  private AbandonedSlots none() {
    return new AbandonedSlots(0, abandonment.how().label(), null, null, null);
  }
}
