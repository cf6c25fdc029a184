package dev.openenvbench.results;

/**
 * What the server said about a cell on its own {@code /metrics}, read before and after the cell:
 * its step overhead percentiles and the CPU it used. Null figures mean the server offers no such
 * metrics (the Python reference server, for one): unknown, never 0.
 *
 * @param overheadP50 the upper bound of the histogram bucket holding the median of the server's own
 *     step overhead over the cell's steps, in seconds; null when unknown
 * @param overheadP99 the same for the 99th percentile
 * @param cpuSeconds CPU time the server processes used during the cell; null when unknown
 * @param status {@code complete} when every server pid seen in the cell's rows answered a scrape
 *     before and after the cell, {@code partial} when some did not (the figures cover those that
 *     did); null when the server offers no metrics
 * @param cpuCount the cores the server may use ({@code system_cpu_count}): for each server URL the
 *     largest count its workers reported (the workers of one server share its machine), added over
 *     the URLs; null when no worker reported one. Not a summary.csv column: {@code capacity} reads
 *     it with {@code cpuSeconds} to say how many cores were busy.
 */
public record ServerSide(
    Double overheadP50, Double overheadP99, Double cpuSeconds, String status, Integer cpuCount) {
  /** A server without these metrics, or a cell that was not read. */
  public static final ServerSide NONE = new ServerSide(null, null, null, null, null);

  public static final String COMPLETE = "complete";
  public static final String PARTIAL = "partial";

  public boolean known() {
    return status != null;
  }
}
