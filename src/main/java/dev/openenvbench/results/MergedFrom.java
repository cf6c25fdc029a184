package dev.openenvbench.results;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * What {@code openenv-bench merge} put a run together from, written in the merged run's manifest
 * under {@code merged_from}: every segment of the run (also one that was not given or left no
 * files, so a reader sees what is missing) and, per cell, each segment's {@link Health} and the
 * sessions the merged cell lacks. docs/formats.md describes each key.
 *
 * @param segments one per segment index of the run, 0 to K − 1, in order
 * @param cells one per merged cell, in the order of its cell number
 */
public record MergedFrom(List<Source> segments, List<Cell> cells) {

  /**
   * One segment of the run as merge found it.
   *
   * @param folder the result folder it was read from, or null when none of the folders was it
   * @param host the host it ran on (its manifest's), or null when it is missing
   * @param clockOffsetSeconds its host's wall clock minus the reference clock (positive = ahead),
   *     by which its session times were corrected; null when unmeasured (then not corrected)
   * @param outcome its manifest's outcome ({@code completed}, {@code aborted: ...}), null when it
   *     never ended (killed) or is missing
   */
  public record Source(
      int index,
      int count,
      String folder,
      String host,
      Double clockOffsetSeconds,
      String clockReference,
      String outcome) {}

  /**
   * One merged cell.
   *
   * @param cellId as in the merged summary.csv row
   * @param sessionsLacking sessions of the cell that no segment recorded (N less the rows merged,
   *     less an open-loop cell's dropped arrivals): 0 when the cell is complete
   * @param health each segment's health in this cell, by segment index
   * @param sessions each segment's rows merged into this cell, by segment index
   */
  public record Cell(
      String cellId,
      boolean incomplete,
      int sessionsLacking,
      List<Health> health,
      List<Integer> sessions) {}

  /**
   * How one segment fared in one cell, worst first: a cell's segment has one health, the first of
   * these that applies.
   */
  public enum Health {
    /** No rows and no summary row for the cell, or no folder of that segment was given. */
    MISSING,
    /** Its summary row says incomplete, or it has rows but no summary row (killed mid-cell). */
    INCOMPLETE,
    /**
     * Its summary row says {@code harness_saturated}: the harness, not the server, may have limited
     * it.
     */
    SATURATED,
    /** Some of its sessions failed. */
    FAILED,
    /** Every session of its share finished and succeeded, the harness keeping up. */
    COMPLETE;

    /** The name written in the manifest, lower case. */
    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the merged cell is whole with this segment so: failed and saturated ones are. */
    public boolean whole() {
      return this != MISSING && this != INCOMPLETE;
    }
  }
}
