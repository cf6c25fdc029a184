package dev.openenvbench.verdict;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --threshold} bound, e.g. {@code total.p99<2s} or {@code peak_concurrency>=0.99*N}: a
 * metric, a comparison and a bound in the metric's own unit (seconds for times, a fraction for
 * {@code success_rate}, a count otherwise, 1/0 for a flag).
 *
 * @param text the expression as the user wrote it
 * @param bound seconds, fraction, count or 1/0; a multiple of N when {@code perN}
 * @param perN the bound is {@code bound × N} of the configuration it is checked on
 */
public record Threshold(
    String text, Metric metric, Comparison comparison, double bound, boolean perN) {

  /** How the measured value must compare with the bound. */
  public enum Comparison {
    LE("<="),
    GE(">="),
    EQ("=="),
    NE("!="),
    LT("<"),
    GT(">");

    final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    boolean holds(double measured, double bound) {
      return switch (this) {
        case LE -> measured <= bound;
        case GE -> measured >= bound;
        case EQ -> measured == bound;
        case NE -> measured != bound;
        case LT -> measured < bound;
        case GT -> measured > bound;
      };
    }

    /** Whether the bound is an upper one: the largest value is then the worst. */
    boolean upper() {
      return this == LE || this == LT;
    }

    static Comparison of(String symbol) {
      for (Comparison c : values()) {
        if (c.symbol.equals(symbol)) return c;
      }
      throw new IllegalStateException(symbol);
    }
  }

  private static final Pattern EXPRESSION =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*(<=|>=|==|!=|<|>)\\s*(\\S.*?)\\s*");
  private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+");
  private static final Pattern TIME = Pattern.compile("(" + NUMBER.pattern() + ")\\s*([a-zµ]*)");
  private static final Pattern PER_N =
      Pattern.compile(
          "(?:(" + NUMBER.pattern() + ")\\s*\\*\\s*)?N|N\\s*\\*\\s*(" + NUMBER.pattern() + ")");

  /**
   * Parses one expression.
   *
   * @throws IllegalArgumentException with one line saying what is wrong and what is valid
   */
  public static Threshold parse(String text) {
    Matcher m = EXPRESSION.matcher(text);
    if (!m.matches()) {
      throw bad(text, "not METRIC OP VALUE (OP one of <, <=, >, >=, ==, !=), e.g. total.p99<2s");
    }
    String name = m.group(1).toLowerCase(Locale.ROOT);
    Metric metric =
        Metric.named(name)
            .orElseThrow(() -> bad(text, "unknown metric " + name + "; valid: " + Metric.names()));
    Comparison c = Comparison.of(m.group(2));
    String value = m.group(3);
    return switch (metric.unit()) {
      case TIME -> new Threshold(text, metric, c, seconds(text, metric, value), false);
      case FRACTION -> new Threshold(text, metric, c, fraction(text, metric, value), false);
      case COUNT -> count(text, metric, c, value);
      case FLAG -> flag(text, metric, c, value);
    };
  }

  /** The bound for a configuration of N sessions. */
  public double boundFor(int n) {
    return perN ? bound * n : bound;
  }

  /** Whether a measured value meets the bound; an unknown value (no samples) never does. */
  public boolean holds(double measured, int n) {
    return !Double.isNaN(measured) && comparison.holds(measured, boundFor(n));
  }

  /** The expression, normalised: {@code total.p99 < 2 s}. */
  @Override
  public String toString() {
    return text.strip();
  }

  private static double seconds(String text, Metric metric, String value) {
    Matcher t = TIME.matcher(value);
    if (!t.matches() || t.group(2).isEmpty()) {
      throw bad(
          text,
          metric.name()
              + " is a time: give a number and a unit (us, ms, s), e.g. "
              + metric.name()
              + "<250ms");
    }
    double v = Double.parseDouble(t.group(1));
    return switch (t.group(2)) {
      case "us", "µs" -> v / 1e6;
      case "ms" -> v / 1e3;
      case "s" -> v;
      default -> throw bad(text, "unknown unit " + t.group(2) + " (valid: us, ms, s)");
    };
  }

  private static double fraction(String text, Metric metric, String value) {
    boolean percent = value.endsWith("%");
    String number = percent ? value.substring(0, value.length() - 1).strip() : value;
    if (!NUMBER.matcher(number).matches()) {
      throw bad(
          text, metric.name() + " is a fraction: give 0..1 or a percentage, e.g. 0.99 or 99%");
    }
    double v = Double.parseDouble(number) / (percent ? 100 : 1);
    if (v > 1) {
      throw bad(text, metric.name() + " is a fraction 0..1; " + value + " is more than all of it");
    }
    return v;
  }

  private static Threshold count(String text, Metric metric, Comparison c, String value) {
    if (NUMBER.matcher(value).matches()) {
      return new Threshold(text, metric, c, Double.parseDouble(value), false);
    }
    Matcher n = PER_N.matcher(value);
    if (!n.matches()) {
      throw bad(
          text, metric.name() + " is a number: give a number or a multiple of N, e.g. 2 or 0.99*N");
    }
    String factor = n.group(1) != null ? n.group(1) : n.group(2);
    return new Threshold(text, metric, c, factor == null ? 1 : Double.parseDouble(factor), true);
  }

  private static Threshold flag(String text, Metric metric, Comparison c, String value) {
    if (c != Comparison.EQ && c != Comparison.NE) {
      throw bad(text, metric.name() + " is true or false: compare it with == or !=");
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> new Threshold(text, metric, c, 1, false);
      case "false" -> new Threshold(text, metric, c, 0, false);
      default -> throw bad(text, metric.name() + " is true or false, not " + value);
    };
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException("--threshold '" + text + "': " + why);
  }
}
