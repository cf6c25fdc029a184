package dev.openenvbench.protocol;

import java.math.BigDecimal;

/**
 * Formats doubles the way Python's {@code repr(float)} (and so {@code json.dumps}) does, because
 * OpenEnv clients compare our bytes with a Python server's: {@code 1.0} not {@code 1}, {@code 0.1},
 * {@code 1e-05} not {@code 1.0E-5}, {@code 1e+16} not {@code 1.0E16}.
 *
 * <p>Both languages print the shortest digits that round-trip; they differ only in where they
 * switch to exponent notation (Python: below 1e-4 or from 1e16) and in how they spell it.
 */
public final class PythonFloat {
  private PythonFloat() {}

  /** Python's repr; non-finite values are spelled as Python's json module does (NaN, Infinity). */
  public static String repr(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    BigDecimal shortest = new BigDecimal(Double.toString(value));
    double magnitude = Math.abs(value);
    if (magnitude >= 1e-4 && magnitude < 1e16) {
      String plain = shortest.stripTrailingZeros().toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    return scientific(shortest.stripTrailingZeros());
  }

  private static String scientific(BigDecimal value) {
    String digits = value.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - value.scale();
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String sign = value.signum() < 0 ? "-" : "";
    String expSign = exponent < 0 ? "-" : "+";
    int absExp = Math.abs(exponent);
    return sign + mantissa + "e" + expSign + (absExp < 10 ? "0" : "") + absExp;
  }
}
