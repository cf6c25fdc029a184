package dev.openenvbench.loadgen;

import dev.openenvbench.results.OpenLoop;
import java.util.SplittableRandom;

/**
 * The intended start times of an open-loop cell's sessions, in nanoseconds from the cell's start,
 * one at a time (a long soak at a high rate never holds its whole schedule). Constant: one at 0,
 * then one every 1/rate s. Poisson: gaps drawn from the exponential distribution of mean 1/rate
 * with a seeded generator, so a seed always gives the same times. Both stop before the window's
 * end. Split over K processes (a {@link Segment}), each walks the whole schedule and keeps every
 * K-th arrival, its index's: together they start exactly the one process's schedule (the same
 * times, the same Poisson draws); a segment's n-th arrival is arrival i + n·K of the whole, its
 * request id. Not thread-safe.
 */
final class ArrivalTimes {
  /** What {@link #next} returns once the window has no more arrivals. */
  static final long NONE = Long.MAX_VALUE;

  private final double ratePerSecond;
  private final long windowNanos;
  private final SplittableRandom random;
  private final Segment segment;
  private long count;
  private double poissonSeconds;

  /** The whole schedule. */
  ArrivalTimes(OpenLoop schedule) {
    this(schedule, null);
  }

  /** {@code segment}'s arrivals of the schedule (null: all of them). */
  ArrivalTimes(OpenLoop schedule, Segment segment) {
    this.ratePerSecond = schedule.ratePerSecond();
    this.windowNanos = Math.round(schedule.durationSeconds() * 1e9);
    this.random = schedule.poisson() ? new SplittableRandom(schedule.seed()) : null;
    this.segment = segment;
  }

  /** This process's next arrival's offset from the cell's start, or {@link #NONE}. */
  long next() {
    long at;
    do {
      at = nextOfAll();
    } while (at != NONE && segment != null && (count - 1) % segment.count() != segment.index());
    return at;
  }

  private long nextOfAll() {
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
