package dev.openenvbench.results;

/**
 * How hard the harness itself worked during a cell, and whether that makes the cell suspect.
 *
 * @param cpuSeconds CPU time this process used during the cell
 * @param cpuMax highest sampled process CPU load, as a fraction of all cores (0..1)
 * @param loopLagMaxMs longest delay seen by a probe task queued on an event loop
 * @param gcPauseMs total GC time during the cell
 * @param openFdsMax most file descriptors open at once
 * @param saturated true when the harness, not the server, may have limited the measurement
 */
public record HarnessLoad(
    double cpuSeconds,
    double cpuMax,
    double loopLagMaxMs,
    double gcPauseMs,
    long openFdsMax,
    boolean saturated) {
  public static final HarnessLoad UNKNOWN = new HarnessLoad(0, 0, 0, 0, 0, false);
}
