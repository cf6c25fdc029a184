package dev.openenvbench.loadgen;

import dev.openenvbench.results.CellId;
import dev.openenvbench.results.RawJsonlWriter;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Runs unrecorded sessions (wait 0) per mode first, in batches of the largest cell's N (at least
 * 100; a capped server refuses the excess, which does no harm here), so class loading and JIT
 * compilation of the client path do not land in the first cell. Measured on the 2-core machine: an
 * N=2,000 barrier cell right after 10 warm-up sessions had connect p50 18.8 s and step overhead p50
 * 1.4 s; after 500 plus one cell, 0.96 s and 0.33 s (the server's own step overhead was 0.28 s).
 */
public final class WarmUp {
  /** The warm-up of a run against a server it started itself ({@code --warmup} unset). */
  public static final int DEFAULT_SESSIONS = 1000;

  private WarmUp() {}

  /**
   * The warm-up a run gets when {@code --warmup} is not given: {@link #DEFAULT_SESSIONS} against a
   * server the run (or the study) started itself, none against a user's {@code --url}. A warm-up
   * costs the user's deployment real sessions (and a private one real money), and a one-session run
   * seconds of warm-up one session at a time: against their deployment it is theirs to ask for.
   */
  public static int defaultSessions(boolean ownServer) {
    return ownServer ? DEFAULT_SESSIONS : 0;
  }

  static void run(
      RunConfig cfg,
      List<Target> targets,
      CellRunner runner,
      SelfMonitor monitor,
      AbortSignal abort,
      PrintStream err)
      throws InterruptedException {
    if (cfg.warmupSessions() == 0) return;
    err.printf(
        Locale.ROOT,
        "openenv-bench run: warm-up: %d unrecorded session(s) per mode%n",
        cfg.warmupSessions());
    try (RawJsonlWriter nowhere = RawJsonlWriter.discarding()) {
      for (CellPlan.Mode m : cfg.modes()) {
        for (int left = cfg.warmupSessions(); left > 0 && !abort.triggered(); ) {
          // Never more at once than the run itself asks for: a small deployment must not see a
          // bigger load from the warm-up than from the test.
          int batch = Math.min(left, cfg.maxRequests());
          CellPlan plan =
              new CellPlan(
                  m,
                  targets,
                  batch,
                  0.0,
                  0,
                  1,
                  0,
                  false,
                  cfg.timeoutSeconds(),
                  cfg.hardware(),
                  null,
                  cfg.workload().withoutThinking());
          runner.run(plan, CellId.UNRECORDED, nowhere, monitor, abort, new CellProgress(batch));
          left -= batch;
        }
      }
    }
  }
}
