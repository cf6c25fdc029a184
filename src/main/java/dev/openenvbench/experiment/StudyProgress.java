package dev.openenvbench.experiment;

import dev.openenvbench.loadgen.AbortSignal;
import dev.openenvbench.loadgen.CellPlan;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The study's one progress display: before each cell, across every infrastructure, a line on stderr
 * with the cell's place in the whole study and the least time left ({@code run}'s live line then
 * counts that cell's sessions). It is also where {@code cooldown_seconds} is kept: {@code run}
 * calls it just before each cell starts, and it waits first, except before the study's first cell.
 */
final class StudyProgress {
  private final StudyPlan plan;
  private final PrintStream err;
  private final int total;
  private int started;
  private double leastSecondsLeft;

  StudyProgress(StudyPlan plan, PrintStream err) {
    this.plan = plan;
    this.err = err;
    this.total = plan.remainingCells();
    this.leastSecondsLeft = plan.leastSecondsLeft();
  }

  /**
   * Called by {@code run} (on its thread) as the next cell of {@code infra} is about to start.
   *
   * @param cells that infrastructure's remaining cells, in {@code run}'s order
   * @param index which of them starts
   */
  void cellStarts(InfraPlan infra, List<CellPlan> cells, int index, AbortSignal abort) {
    double cooldown = plan.file().execution().cooldownSeconds();
    if (started > 0 && cooldown > 0) {
      coolDown(cooldown, abort);
      leastSecondsLeft -= cooldown;
    }
    started++;
    if (index >= cells.size()) {
      // Not expected (run skips the cells this plan skips), but never worth failing a cell over.
      err.printf(
          Locale.ROOT, "openenv-bench experiment: cell %d/%d of the study%n", started, total);
      return;
    }
    CellPlan c = cells.get(index);
    err.printf(
        Locale.ROOT,
        "openenv-bench experiment: cell %d/%d of the study: %s %s N=%d wait=%s rep %d/%d;"
            + " at least %s left%n",
        started,
        total,
        infra.infra().id(),
        c.mode().label(),
        c.numRequests(),
        c.waitSeconds(),
        c.repetition(),
        plan.file().execution().repetitions(),
        Durations.of(Math.max(0, leastSecondsLeft)));
    leastSecondsLeft -= c.waitSeconds();
  }

  /** Waits out the cooldown in short steps, so Ctrl-C is not held up by it. */
  private static void coolDown(double seconds, AbortSignal abort) {
    long end = System.nanoTime() + Math.round(seconds * 1e9);
    try {
      while (!abort.triggered() && System.nanoTime() < end) {
        Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
