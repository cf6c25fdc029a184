package dev.openenvbench.loadgen;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How long a session pauses before each step ({@code --think-seconds S} or {@code MIN..MAX}): the
 * time a trainer's model takes to generate the next action, during which the session keeps its slot
 * and sends nothing. A range is drawn uniformly, from a generator seeded by the run's seed, the
 * session's request id and the step, so that a session pauses the same way in every run with that
 * seed, whichever thread or process runs it. Immutable and thread-safe.
 *
 * @param minSeconds the shortest pause (0 = none)
 * @param maxSeconds the longest pause, ≥ {@code minSeconds}
 */
public record ThinkTime(double minSeconds, double maxSeconds) {
  /** No pause: the seed's sessions step as soon as they can. */
  public static final ThinkTime NONE = new ThinkTime(0, 0);

  public ThinkTime {
    if (!(minSeconds >= 0) || !(maxSeconds >= minSeconds) || Double.isInfinite(maxSeconds)) {
      throw new IllegalArgumentException(
          "--think-seconds must be S or MIN..MAX with 0 ≤ MIN ≤ MAX, finite");
    }
  }

  /**
   * {@code 2.5} or {@code 1..4}.
   *
   * @throws IllegalArgumentException in one line when it is neither
   */
  public static ThinkTime parse(String text) {
    String[] parts = text.strip().split("\\.\\.", -1);
    try {
      if (parts.length == 1) {
        double s = Double.parseDouble(parts[0]);
        return new ThinkTime(s, s);
      }
      if (parts.length == 2) {
        return new ThinkTime(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(
        "--think-seconds '" + text + "': expected seconds (2.5) or a range MIN..MAX (1..4)");
  }

  public boolean none() {
    return maxSeconds == 0;
  }

  /** The pause before step {@code step} (0-based) of session {@code requestId}, in nanoseconds. */
  public long nanos(long seed, int requestId, int step) {
    if (none()) return 0;
    double s = minSeconds;
    if (maxSeconds > minSeconds) {
      long stream = seed * 0x9E3779B97F4A7C15L + ((long) requestId << 32) + step;
      s += new SplittableRandom(stream).nextDouble() * (maxSeconds - minSeconds);
    }
    return Math.round(s * 1e9);
  }

  /** As given on the command line: {@code 2.5} or {@code 1.0..4.0}; {@code 0.0} for none. */
  public String format() {
    return minSeconds == maxSeconds
        ? Double.toString(minSeconds)
        : String.format(Locale.ROOT, "%s..%s", minSeconds, maxSeconds);
  }
}
