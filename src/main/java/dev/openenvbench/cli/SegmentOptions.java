package dev.openenvbench.cli;

import dev.openenvbench.loadgen.CellPlan;
import dev.openenvbench.loadgen.RunArgs;
import dev.openenvbench.loadgen.Segment;
import dev.openenvbench.loadgen.SegmentRun;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/**
 * {@code run}'s options for load from several machines: which segment of every cell this process
 * runs, under which run id, and how it keeps time with the other segments (docs/run.md, "Load from
 * several machines"). Also the internal options a {@code --processes} parent gives its children.
 */
final class SegmentOptions {
  @Option(
      names = RunArgs.SEGMENT,
      paramLabel = "I/K",
      converter = SegmentConverter.class,
      description =
          "Run segment I of K (0-based) of every cell: its share of the N sessions, request ids"
              + " disjoint from the other segments'. Start K processes (one per machine) with the"
              + " same options, --run-id and --schedule-dir, then merge their --output-dirs.")
  Segment segment;

  @Option(
      names = RunArgs.RUN_ID,
      paramLabel = "ID",
      description =
          "The run's id, the same in every segment ([A-Za-z0-9._-]+, e.g."
              + " $SLURM_JOB_ID.$SLURM_STEP_ID); cells are ID-c1, ID-c2, ... Required with"
              + " --segment.")
  String runId;

  @Option(
      names = RunArgs.SCHEDULE_DIR,
      paramLabel = "DIR",
      description =
          "A folder every segment's host sees (a shared file system) where the segments stamp"
              + " ready and done and so agree on each cell's start; each cell has a deadline, so a"
              + " slow or dead segment delays the others by at most that. Without it cell 1"
              + " starts at --start-at (or at once) and later cells of different segments do not"
              + " line up.")
  Path scheduleDir;

  @Option(
      names = RunArgs.START_AT,
      paramLabel = "TIME",
      description =
          "When cell 1 starts: epoch seconds or an ISO-8601 instant (2026-12-02T18:00:00Z)."
              + " Default: with --schedule-dir, when all K segments are ready; without, at once.")
  String startAt;

  @Option(
      names = RunArgs.CELL_DEADLINE_SECONDS,
      defaultValue = "0",
      paramLabel = "SECONDS",
      description =
          "Stop a segment's cell this long after its shared start, its unfinished sessions"
              + " recorded as such (default: ${DEFAULT-VALUE} = (steps + 3) x --timeout + ramp +"
              + " think + 10 s).")
  double cellDeadlineSeconds;

  @Option(
      names = RunArgs.READY_TIMEOUT_SECONDS,
      defaultValue = "120",
      paramLabel = "SECONDS",
      description =
          "With --schedule-dir: how long after the first segment is ready cell 1 waits for the"
              + " others (default: ${DEFAULT-VALUE}).")
  double readyTimeoutSeconds;

  /** Internal: the shared start instant of a --processes cell (monotonic clock, nanoseconds). */
  @Option(names = RunArgs.START_AT_NANOS, hidden = true)
  Long startAtNanos;

  /** Internal: the --processes parent's repetition number of the cell. */
  @Option(names = RunArgs.REPETITION, hidden = true)
  Integer repetition;

  /**
   * A child of {@code run --processes}: one segment of one cell, started at the parent's instant of
   * this machine's monotonic clock. Null for any other run.
   */
  CellPlan.Shard shard() {
    if (segment == null || startAtNanos == null && repetition == null) return null;
    if (startAtNanos == null || repetition == null) {
      throw new IllegalArgumentException(
          RunArgs.START_AT_NANOS + " and " + RunArgs.REPETITION + " go together");
    }
    return new CellPlan.Shard(segment, startAtNanos, repetition);
  }

  /** A public {@code --segment}, or null; its options without one are refused. */
  SegmentRun segmentRun() {
    if (segment == null) {
      String stray =
          runId != null
              ? RunArgs.RUN_ID
              : scheduleDir != null
                  ? RunArgs.SCHEDULE_DIR
                  : startAt != null
                      ? RunArgs.START_AT
                      : cellDeadlineSeconds != 0 ? RunArgs.CELL_DEADLINE_SECONDS : null;
      if (stray != null) throw new IllegalArgumentException(stray + " needs --segment I/K");
      return null;
    }
    if (shard() != null) return null;
    if (runId == null) {
      throw new IllegalArgumentException(
          "--segment needs --run-id ID, the same in every segment, so their cells match");
    }
    return new SegmentRun(
        segment, runId, scheduleDir, instant(startAt), cellDeadlineSeconds, readyTimeoutSeconds);
  }

  /** {@code --start-at}: epoch seconds (with a fraction) or an ISO-8601 instant. */
  static Instant instant(String text) {
    if (text == null) return null;
    try {
      BigDecimal seconds = new BigDecimal(text.strip());
      return Instant.ofEpochSecond(
          seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    } catch (NumberFormatException | ArithmeticException notANumber) {
      try {
        return Instant.parse(text.strip());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            RunArgs.START_AT
                + " '"
                + text
                + "': epoch seconds (1796234400) or an ISO-8601 instant (2026-12-02T18:00:00Z)");
      }
    }
  }
}
