package dev.openenvbench.verdict;

import dev.openenvbench.results.Configuration;
import java.util.Locale;

/**
 * One threshold checked on one configuration.
 *
 * @param measured the combined value ({@link Metric#measure}); NaN when nothing was measured
 * @param repetitions the complete repetitions it was measured on
 */
public record Check(
    Configuration configuration, Threshold threshold, double measured, int repetitions) {

  public boolean passed() {
    return threshold.holds(measured, configuration.numRequests());
  }

  /** The configuration in words: {@code ws N=100 wait 1 s (1 step)}. */
  public String where() {
    return describe(configuration);
  }

  public static String describe(Configuration c) {
    // An open-loop configuration has no N: its rate is in its session shape.
    return String.format(
        Locale.ROOT,
        "%s %swait %s s (%s)",
        c.mode(),
        c.openLoop() ? "" : "N=" + c.numRequests() + " ",
        number(c.waitSeconds()),
        c.session());
  }

  /**
   * What was measured against what was asked, e.g. {@code total.p99 = 2.345 s, not < 2 s}, or
   * {@code no complete repetition measured total.p99} for an empty sample set.
   */
  public String outcome() {
    String name = threshold.metric().name();
    if (Double.isNaN(measured)) {
      return repetitions == 0
          ? "no complete repetition: nothing was measured, so the threshold fails"
          : "no sample of "
              + name
              + " in "
              + repetitions
              + " repetition(s), so the threshold fails";
    }
    String bound = value(threshold.boundFor(configuration.numRequests()));
    String op = threshold.comparison().symbol;
    String suffix = threshold.perN() ? " (" + number(threshold.bound()) + " × N)" : "";
    return name
        + " = "
        + value(measured)
        + (passed() ? ", " : ", not ")
        + op
        + " "
        + bound
        + suffix;
  }

  private String value(double v) {
    return switch (threshold.metric().unit()) {
      case TIME -> v < 1 ? number(round(v * 1e3, 3)) + " ms" : number(round(v, 6)) + " s";
      case FRACTION -> String.format(Locale.ROOT, "%.4f", v);
      case COUNT -> number(round(v, 3));
      case FLAG -> v != 0 ? "true" : "false";
    };
  }

  private static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
