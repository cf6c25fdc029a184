package dev.openenvbench.report;

/**
 * One line of a {@code summary.csv}: one repetition of one configuration (mode × N × wait).
 *
 * <p>Latencies are in seconds. A column that the file does not have (files written by the seed's
 * Python harness lack our additions) or that is empty is {@link Double#NaN}, so "unknown" is never
 * mistaken for zero.
 *
 * @param numRequests N, the number of concurrent sessions in the batch
 * @param harnessSaturated the harness marked this cell as limited by itself, not by the server
 */
public record SummaryRow(
    String mode,
    int numRequests,
    double waitSeconds,
    int repetition,
    double successRate,
    double connectP50Seconds,
    double resetP50Seconds,
    double stepP50Seconds,
    double totalP50Seconds,
    double totalP95Seconds,
    double totalP99Seconds,
    double stepOverheadP99Seconds,
    boolean harnessSaturated) {}
