package dev.openenvbench.results;

import java.util.Locale;

/**
 * The seed's pass criterion for a configuration, in one place for every command that judges one
 * ({@code report}'s tables, {@code capacity}'s probes, {@code experiment}'s {@code
 * success_criteria}): total p99 ≤ 2 × (wait + 0.5 s), the wait being the work a step does and 0.5 s
 * the overhead the seed allows around it. {@link LatencyLimit} is the same formula with another
 * multiplier or overhead, as an experiment file's {@code success_criteria} may give them.
 */
public final class SeedCriterion {
  /** The share of a configuration's sessions that must succeed. */
  public static final double MIN_SUCCESS_RATE = 0.95;

  /** The experiment file's {@code max_latency_multiplier}. */
  public static final double LATENCY_MULTIPLIER = 2.0;

  /** The experiment file's {@code overhead_seconds}. */
  public static final double OVERHEAD_SECONDS = 0.5;

  /** The seed's latency limit, {@code 2 × (wait + 0.5 s)}. */
  public static final LatencyLimit SEED_LIMIT =
      new LatencyLimit(LATENCY_MULTIPLIER, OVERHEAD_SECONDS);

  private SeedCriterion() {}

  /** A criterion's number as people write it: 0.95, 1.4, 30 (at most three decimals). */
  public static String number(double v) {
    return java.math.BigDecimal.valueOf(v)
        .setScale(3, java.math.RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** The seed's total-p99 limit for a configuration whose steps wait {@code waitSeconds}. */
  public static double p99LimitSeconds(double waitSeconds) {
    return SEED_LIMIT.p99Seconds(waitSeconds);
  }

  /**
   * A total-p99 limit that grows with the wait: {@code multiplier × (wait + overheadSeconds)}.
   *
   * @param multiplier the file's {@code max_latency_multiplier}, &gt; 0
   * @param overheadSeconds the file's {@code overhead_seconds}, ≥ 0
   */
  public record LatencyLimit(double multiplier, double overheadSeconds) {
    public LatencyLimit {
      if (!(multiplier > 0)) {
        throw new IllegalArgumentException(
            "the latency multiplier (--latency-multiplier, max_latency_multiplier) must be > 0,"
                + " got "
                + multiplier);
      }
      if (!(overheadSeconds >= 0)) {
        throw new IllegalArgumentException(
            "the latency overhead (--overhead-seconds, overhead_seconds) must be ≥ 0 seconds, got "
                + overheadSeconds);
      }
    }

    /** The limit for a configuration whose steps wait {@code waitSeconds}. */
    public double p99Seconds(double waitSeconds) {
      return multiplier * (waitSeconds + overheadSeconds);
    }

    public boolean isSeeds() {
      return equals(SEED_LIMIT);
    }

    /** {@code 2 × (wait + 0.5 s)}. */
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT, "%s × (wait + %s s)", number(multiplier), number(overheadSeconds));
    }

    private static String number(double v) {
      return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
  }
}
