package dev.openenvbench.experiment;

import dev.openenvbench.loadgen.AbortSignal;
import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.CellProgress;
import dev.openenvbench.loadgen.ProgressLine;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The study's one progress display. On a terminal (and without {@code --no-progress}) it is {@code
 * run}'s live line with the study in front of the running cell's own counters: {@code [study cell
 * 7/24 · 3 min in · ≥ 5 min left · big] [ws N=2 w=1.0 rep 1/2] started 2 ...}. Elsewhere (a log
 * file, a pipe, {@code --no-progress}) it is one line per cell with its place in the study, so a
 * log still says how far the study got. Cells are counted across every infrastructure, only those
 * still to run; a capacity search's probes are counted per infrastructure, as a search does not
 * know ahead how many it will need.
 *
 * <p>It is also where {@code cooldown_seconds} is kept: {@code run} calls it just before each cell
 * starts, and it waits first, except before the study's first cell.
 */
final class StudyProgress {
  private final StudyPlan plan;
  private final PrintStream err;
  private final boolean live;
  private final int total;
  private final long startNanos = System.nanoTime();
  private int started;
  private double leastSecondsLeft;

  /**
   * @param wanted not {@code --no-progress}: the live line is drawn when stderr is a terminal too
   */
  StudyProgress(StudyPlan plan, PrintStream err, boolean wanted) {
    this.plan = plan;
    this.err = err;
    this.live = wanted && ProgressLine.stderrIsTerminal();
    this.total = plan.remainingCells();
    this.leastSecondsLeft = plan.leastSecondsLeft();
  }

  /** What {@code run} calls as each cell of {@code infra} starts (on its own thread). */
  Consumer<CellProgress> cellsOf(InfraPlan infra, AbortSignal abort) {
    List<CellPlan> cells = infra.remaining();
    int[] next = {0};
    return p -> cellStarts(infra, cells, next[0]++, p, abort);
  }

  private void cellStarts(
      InfraPlan infra, List<CellPlan> cells, int index, CellProgress p, AbortSignal abort) {
    double cooldown = plan.file().execution().cooldownSeconds();
    if (started > 0 && cooldown > 0) {
      coolDown(cooldown, abort);
      leastSecondsLeft -= cooldown;
    }
    started++;
    String id = infra.infra().id();
    if (infra.search() != null) {
      String where = String.format(Locale.ROOT, "%s capacity probe %d", id, index + 1);
      p.setContext(() -> "[study " + where + " · " + Durations.of(elapsed()) + " in] ");
      if (!live) err.println("openenv-bench experiment: " + where);
      return;
    }
    // Not expected (run skips the cells this plan skips), but never worth failing a cell over.
    CellPlan c = index < cells.size() ? cells.get(index) : null;
    double wait = c == null ? 0 : c.waitSeconds();
    double leftAfter = Math.max(0, leastSecondsLeft - wait);
    long cellStart = System.nanoTime();
    int k = started;
    p.setContext(
        () -> {
          double inCell = (System.nanoTime() - cellStart) / 1e9;
          double left = leftAfter + Math.max(0, wait - inCell);
          return String.format(
              Locale.ROOT,
              "[study cell %d/%d · %s in · ≥ %s left · %s] ",
              k,
              total,
              Durations.of(elapsed()),
              Durations.of(left),
              id);
        });
    if (!live) {
      err.printf(
          Locale.ROOT,
          "openenv-bench experiment: cell %d/%d of the study: %s%s; at least %s left%n",
          started,
          total,
          id,
          c == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  " %s N=%d wait=%s rep %d/%d",
                  c.mode().label(),
                  c.numRequests(),
                  c.waitSeconds(),
                  c.repetition(),
                  plan.file().execution().repetitions()),
          Durations.of(Math.max(0, leastSecondsLeft)));
    }
    leastSecondsLeft = leftAfter;
  }

  private double elapsed() {
    return (System.nanoTime() - startNanos) / 1e9;
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
