package dev.openenvbench.report;

import java.util.Locale;

/** Number formats shared by the tables, so Markdown, CSV and HTML agree digit for digit. */
final class Format {
  private Format() {}

  /** A success rate as a fraction with three decimals, e.g. {@code 0.950}. */
  static String rate(double r) {
    return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.3f", r);
  }

  /** Seconds with three decimals (milliseconds resolution). */
  static String seconds(double s) {
    return Double.isNaN(s) ? "n/a" : String.format(Locale.ROOT, "%.3f", s);
  }

  /** Milliseconds with one decimal, from seconds. */
  static String millisFromSeconds(double s) {
    return Double.isNaN(s) ? "n/a" : String.format(Locale.ROOT, "%.1f", s * 1000);
  }

  /** A ratio with two decimals, trailing zeros dropped: 4, 2.5, 1.33. */
  static String ratio(double r) {
    if (Double.isNaN(r) || Double.isInfinite(r)) {
      return "n/a";
    }
    String s = String.format(Locale.ROOT, "%.2f", r);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  /** A wait in seconds as written in the sweep: 0.1, 1, 2.5. */
  static String waitSeconds(double w) {
    return ratio(w);
  }
}
