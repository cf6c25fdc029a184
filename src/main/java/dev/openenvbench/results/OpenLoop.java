package dev.openenvbench.results;

/**
 * The settings of an open-loop cell ({@code run --arrival-rate}): sessions start on a schedule of
 * {@code ratePerSecond} for {@code durationSeconds}, evenly spaced or as a Poisson process drawn
 * from {@code seed}, at most {@code maxInFlight} at once. Null in the key of a batch cell, whose N
 * sessions start together. A rate is not a batch size: the cell's N ({@code num_requests}) is the
 * sessions it started, an outcome, so rows of one rate are repetitions whatever N they reached.
 */
public record OpenLoop(
    double ratePerSecond, double durationSeconds, boolean poisson, long seed, int maxInFlight) {

  /** A session that starts more than this after its intended start counts as late. */
  public static final double LATE_SECONDS = 0.010;

  /** {@code constant} or {@code poisson}, as summary.csv's {@code arrival_process} says it. */
  public String process() {
    return poisson ? "poisson" : "constant";
  }

  /** The sessions an even schedule starts: one at 0, then one every 1/rate s within the window. */
  public int plannedSessions() {
    return (int) Math.max(1, Math.ceil(ratePerSecond * durationSeconds - 1e-9));
  }
}
