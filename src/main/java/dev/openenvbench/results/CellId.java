package dev.openenvbench.results;

/**
 * A cell's identity across runs: its run's {@link RunId} and its number within the run, 1-based,
 * written as {@code <runId>-c<number>} in the {@code cell_id} of its summary row, its sessions and
 * its histogram tags. A repeated probe of one configuration in one run (a capacity search) gets a
 * new number, so no file ever merges two measurements.
 */
public record CellId(String runId, int number) {
  /** The id of a session run outside any recorded cell (the warm-up). */
  public static final CellId UNRECORDED = new CellId("unrecorded", 0);

  @Override
  public String toString() {
    return runId + "-c" + number;
  }
}
