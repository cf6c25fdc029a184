package dev.openenvbench.results;

/**
 * What identifies a cell of a run: one batch of {@code numRequests} sessions in one mode with one
 * wait, one repetition (1-indexed).
 *
 * @param url the server URL, or several joined with {@code ;} when sessions were spread over them
 * @param timestamp ISO-8601 UTC time the cell started
 */
public record CellKey(
    String mode,
    String url,
    int numRequests,
    double waitSeconds,
    int repetition,
    String timestamp,
    String hardware,
    int steps,
    boolean barrier,
    double rampSeconds) {}
