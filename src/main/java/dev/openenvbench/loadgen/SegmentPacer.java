package dev.openenvbench.loadgen;

import dev.openenvbench.results.CellId;
import dev.openenvbench.results.RunManifest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Paces the cells of a public {@code run --segment}: waits for each cell's shared start ({@link
 * SegmentSchedule}, or {@code --start-at}, or none), hands the cell a signal that stops it at its
 * deadline, and stamps its end. Called on the run's thread, cell after cell.
 */
final class SegmentPacer {
  private static final long POLL_MILLIS = 50;

  private final SegmentRun run;
  private final NanoClock clock;
  private final PrintStream err;
  private final ClockOffset offset; // null without a schedule folder
  private final SegmentSchedule schedule; // null without a schedule folder
  private final InstantSource reference;
  private final List<String> skipped = new ArrayList<>();
  private CellId previous;
  private Instant previousDeadline;

  /** Measures this host's clock against the schedule folder's, when there is one. */
  SegmentPacer(SegmentRun run, String host, NanoClock clock, PrintStream err) {
    this.run = run;
    this.clock = clock;
    this.err = err;
    if (run.scheduleDir() == null) {
      offset = null;
      schedule = null;
      reference = InstantSource.system();
    } else {
      Path runDir = run.scheduleDir().resolve(run.runId());
      offset = ClockOffset.measure(runDir, run.segment().index());
      reference = offset.referenceClock();
      schedule =
          new SegmentSchedule(run.scheduleDir(), run.runId(), run.segment(), host, reference);
    }
  }

  /** The manifest's {@code segment}: which share this is, where, and how its clock was set. */
  RunManifest.SegmentOf manifestEntry(String host) {
    return new RunManifest.SegmentOf(
        run.segment().index(),
        run.segment().count(),
        host,
        // An offset the schedule did not apply (whole-second mtimes) must not be applied by merge
        // either: null, and clock_reference says why.
        offset == null || !offset.applied() ? null : offset.seconds(),
        offset == null ? "none: no --schedule-dir" : offset.reference());
  }

  /** A cell of this segment, started on the schedule, with the signal that stops it. */
  final class Paced {
    private final CellPlan plan;
    private final CellId cell;
    private final AbortSignal signal;
    private final Instant deadline;
    private final Thread timer;

    private Paced(CellPlan plan, CellId cell, AbortSignal signal, Instant deadline) {
      this.plan = plan;
      this.cell = cell;
      this.signal = signal;
      this.deadline = deadline;
      this.timer =
          Thread.ofVirtual().name("openenv-bench-cell-deadline").start(this::stopAtDeadline);
    }

    /** The cell, with this process's start instant on its monotonic clock. */
    CellPlan plan() {
      return plan;
    }

    /** The run's signal, which also stops this cell alone at its deadline. */
    AbortSignal signal() {
      return signal;
    }

    /** The cell has ended (finished, stopped or aborted): its done stamp, for the next start. */
    void end() {
      timer.interrupt();
      ended(cell, deadline);
    }

    private void stopAtDeadline() {
      try {
        if (sleepUntil(deadline, signal)) {
          signal.stopCell("the cell's deadline " + deadline + " passed");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Waits for {@code plan}'s shared start. Returns the cell to run, or null when the run was
   * aborted while waiting or the cell's deadline passed before this segment got to it (skipped, so
   * {@code merge} counts its sessions as missing).
   */
  Paced begin(CellPlan plan, CellId cell, AbortSignal abort) throws InterruptedException {
    Instant start = awaitStart(abort);
    if (start == null) return null;
    Instant deadline = start.plus(run.cellBound(plan));
    if (!reference.instant().isBefore(deadline)) {
      err.println(
          "openenv-bench run: segment "
              + run.segment().format()
              + " skips "
              + cell
              + ": its deadline "
              + deadline
              + " passed before this segment was ready for it");
      skipped.add(cell.toString());
      ended(cell, deadline);
      return null;
    }
    if (start.isAfter(reference.instant())) {
      err.println("openenv-bench run: " + cell + " starts at " + start + " (shared schedule)");
    }
    if (!sleepUntil(start, abort)) return null;
    long startAtNanos = clock.nanoTime() + Duration.between(reference.instant(), start).toNanos();
    CellPlan.Shard shard =
        new CellPlan.Shard(run.segment(), startAtNanos, plan.shard().repetition());
    return new Paced(plan.withShard(shard), cell, abort.cellScope(), deadline);
  }

  /** The cells skipped so far: their deadline passed before this segment was ready for them. */
  List<String> skipped() {
    return List.copyOf(skipped);
  }

  private Instant awaitStart(AbortSignal abort) throws InterruptedException {
    if (previous == null && schedule != null) schedule.ready();
    if (previous == null && run.startAt() != null) return run.startAt();
    if (schedule == null) return reference.instant();
    Duration readyTimeout = Duration.ofNanos(Math.round(run.readyTimeoutSeconds() * 1e9));
    for (Instant start; !abort.triggered(); Thread.sleep(POLL_MILLIS)) {
      start =
          previous == null
              ? schedule.firstStart(readyTimeout)
              : schedule.nextStart(previous.toString(), previousDeadline);
      if (start != null) return start;
    }
    return null;
  }

  private void ended(CellId cell, Instant deadline) {
    if (schedule != null) schedule.done(cell.toString());
    previous = cell;
    previousDeadline = deadline;
  }

  /** Sleeps until {@code instant} of the reference clock; false if {@code abort} came first. */
  private boolean sleepUntil(Instant instant, AbortSignal abort) throws InterruptedException {
    for (long left; (left = Duration.between(reference.instant(), instant).toMillis()) > 0; ) {
      if (abort.triggered()) return false;
      Thread.sleep(Math.min(left, POLL_MILLIS));
    }
    return !abort.triggered();
  }
}
