package dev.openenvbench.loadgen;

import dev.openenvbench.results.OpenLoop;
import java.util.SplittableRandom;

/**
 * The intended start times of an open-loop cell's sessions, in nanoseconds from the cell's start,
 * one at a time (a long soak at a high rate never holds its whole schedule). Constant: one at 0,
 * then one every 1/rate s. Poisson: gaps drawn from the exponential distribution of mean 1/rate
 * with a seeded generator, so a seed always gives the same times. Both stop before the window's
 * end. Not thread-safe.
 */
final class ArrivalTimes {
  /** What {@link #next} returns once the window has no more arrivals. */
  static final long NONE = Long.MAX_VALUE;

  private final double ratePerSecond;
  private final long windowNanos;
  private final SplittableRandom random;
  private long count;
  private double poissonSeconds;

  ArrivalTimes(OpenLoop schedule) {
    this.ratePerSecond = schedule.ratePerSecond();
    this.windowNanos = Math.round(schedule.durationSeconds() * 1e9);
    this.random = schedule.poisson() ? new SplittableRandom(schedule.seed()) : null;
  }

  /** The next arrival's offset from the cell's start, or {@link #NONE}. */
  long next() {
    double seconds;
    if (random == null) {
      seconds = count / ratePerSecond;
    } else {
      // 1 − u is in (0, 1]: its log is finite.
      poissonSeconds += -Math.log(1 - random.nextDouble()) / ratePerSecond;
      seconds = poissonSeconds;
    }
    long nanos = Math.round(seconds * 1e9);
    if (nanos >= windowNanos) return NONE;
    count++;
    return nanos;
  }
}
