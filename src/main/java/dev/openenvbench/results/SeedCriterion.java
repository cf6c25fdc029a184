package dev.openenvbench.results;

/**
 * The seed's pass criterion for a configuration, in one place for every command that judges one
 * ({@code report}'s tables, {@code capacity}'s probes): total p99 ≤ 2 × (wait + 0.5 s), the wait
 * being the work a step does and 0.5 s the overhead the seed allows around it.
 */
public final class SeedCriterion {
  /** The share of a configuration's sessions that must succeed. */
  public static final double MIN_SUCCESS_RATE = 0.95;

  /** The experiment file's {@code max_latency_multiplier}. */
  public static final double LATENCY_MULTIPLIER = 2.0;

  /** The experiment file's {@code overhead_seconds}. */
  public static final double OVERHEAD_SECONDS = 0.5;

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
    return LATENCY_MULTIPLIER * (waitSeconds + OVERHEAD_SECONDS);
  }
}
