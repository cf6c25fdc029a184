package dev.openenvbench.results;

/**
 * How an open-loop cell's schedule went (null in a batch cell's summary).
 *
 * @param scheduled arrivals the schedule had within its window
 * @param late sessions that started more than {@link OpenLoop#LATE_SECONDS} after their intended
 *     start (they waited for a free slot under {@code --max-in-flight}, or the harness was late)
 * @param dropped arrivals that never started: still waiting for a slot when the window closed
 */
public record ArrivalCounts(int scheduled, int late, int dropped) {}
