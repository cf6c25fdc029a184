package dev.openenvbench.results;

/**
 * What identifies a cell of a run: one batch of {@code numRequests} sessions in one mode with one
 * wait and session shape, one repetition (1-indexed), in one run.
 *
 * @param runId the run, as in its manifest ({@link RunId})
 * @param cellId this cell, unique across runs: {@code <runId>-c<n>}, n counting the run's cells
 * @param url the server URL, or several joined with {@code ;} when sessions were spread over them
 * @param timestamp ISO-8601 UTC time the cell started
 * @param openLoop the arrival schedule of an open-loop cell; null for a batch cell
 */
public record CellKey(
    String runId,
    String cellId,
    String mode,
    String url,
    int numRequests,
    double waitSeconds,
    int repetition,
    String timestamp,
    String hardware,
    int steps,
    boolean barrier,
    double rampSeconds,
    OpenLoop openLoop) {

  /** The same cell with another N: an open-loop cell's N is the sessions it started. */
  public CellKey withNumRequests(int n) {
    return new CellKey(
        runId,
        cellId,
        mode,
        url,
        n,
        waitSeconds,
        repetition,
        timestamp,
        hardware,
        steps,
        barrier,
        rampSeconds,
        openLoop);
  }
}
