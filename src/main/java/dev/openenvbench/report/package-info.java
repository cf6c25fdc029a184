/**
 * The analysis: tables and figures from result folders, offline.
 *
 * <p>Data flows one way: {@link dev.openenvbench.report.ResultFolders} reads each folder's
 * summary.csv (by column name) and raw.jsonl (streamed into {@link
 * dev.openenvbench.report.RawStats}); {@link dev.openenvbench.report.Cells} combines repetitions
 * into cells and judges them; {@link dev.openenvbench.report.MaxBatchFinder} finds the max batch;
 * {@link dev.openenvbench.report.Tables} and {@link dev.openenvbench.report.Figures} describe the
 * output; {@link dev.openenvbench.report.PngRenderer} and report.html draw the same figures.
 *
 * <p>Worked example (the {@code edges} test fixture, wait 1 s, so the SLO is 2 × (1 + 0.5) = 3 s):
 *
 * <pre>
 *   N    successes per rep    mean    worst p99   passes?
 *   10   10/10 10/10 10/10    1.000   2.000 s     yes
 *   20   19/20 20/20 18/20    0.950   3.000 s     yes (both limits are inclusive)
 *   40   40/40 40/40 40/40    1.000   3.001 s     no: p99 above the SLO
 *   80   72/80 72/80 72/80    0.900   1.100 s     no: success below 0.95
 * </pre>
 *
 * The max batch is 20, and the report says why N=40 failed. With {@code --no-latency-slo} it is 40.
 * {@code MaxBatchTest} checks exactly these rows.
 */
package dev.openenvbench.report;
