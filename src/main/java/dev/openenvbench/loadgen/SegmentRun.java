package dev.openenvbench.loadgen;

import dev.openenvbench.results.RunId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A public {@code run --segment I/K}: this process runs {@code segment}'s share of every cell of a
 * run that K processes, usually on K machines, run together under one user-chosen {@code runId}, so
 * every segment names its cells alike ({@code <runId>-c1}, ...) and {@code merge} can put them back
 * together. How the segments agree on each cell's start is {@link SegmentSchedule}'s.
 *
 * @param scheduleDir the folder all segments share (a shared file system) that holds the schedule's
 *     stamps, or null: then cell 1 starts at {@code startAt} (or at once) and later cells right
 *     after the one before, so cells of different segments need not line up
 * @param startAt when cell 1 starts (reference clock with a {@code scheduleDir}, this host's wall
 *     clock without), or null: with a {@code scheduleDir}, when every segment is ready
 * @param cellDeadlineSeconds how long after its start a cell is stopped, or 0 for {@link
 *     #cellBound}'s bound from the cell's own options
 * @param readyTimeoutSeconds how long after the first segment is ready the others may take before
 *     cell 1 starts without them
 */
public record SegmentRun(
    Segment segment,
    String runId,
    Path scheduleDir,
    Instant startAt,
    double cellDeadlineSeconds,
    double readyTimeoutSeconds) {

  /** The pause between one cell's end (or deadline) and the next one's start. */
  public static final Duration GAP = Duration.ofSeconds(2);

  public SegmentRun {
    RunId.check(runId);
    if (cellDeadlineSeconds < 0 || Double.isNaN(cellDeadlineSeconds)) {
      throw new IllegalArgumentException(
          "--cell-deadline-seconds must be ≥ 0 (0 = from --timeout)");
    }
    if (!(readyTimeoutSeconds > 0)) {
      throw new IllegalArgumentException("--ready-timeout-seconds must be > 0");
    }
  }

  /**
   * How long a cell may run, from its start: {@code --cell-deadline-seconds}, or else the longest a
   * session of it can take when every reply takes its whole {@code --timeout} (connect, reset, each
   * step, close), after the last session's start (ramp, open-loop window) and its think time, plus
   * 10 s.
   */
  public Duration cellBound(CellPlan plan) {
    return cellDeadlineSeconds > 0 ? seconds(cellDeadlineSeconds) : defaultBound(plan);
  }

  /** {@link #cellBound} without {@code --cell-deadline-seconds}: from the cell's own options. */
  static Duration defaultBound(CellPlan plan) {
    double starts =
        plan.rampSeconds() + (plan.openLoop() == null ? 0 : plan.openLoop().durationSeconds());
    double session =
        (plan.steps() + 3) * plan.timeoutSeconds()
            + plan.steps() * plan.workload().think().maxSeconds();
    return seconds(starts + session + 10);
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  /** The segment's options by name, for the run manifest's configuration. */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("segment", segment.format());
    m.put("run_id", runId);
    m.put("schedule_dir", scheduleDir == null ? null : scheduleDir.toString());
    m.put("start_at", startAt == null ? null : startAt.toString());
    m.put("cell_deadline_seconds", cellDeadlineSeconds);
    m.put("ready_timeout_seconds", readyTimeoutSeconds);
    return m;
  }
}
