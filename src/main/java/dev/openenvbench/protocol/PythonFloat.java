package dev.openenvbench.protocol;

import java.math.BigDecimal;

/**
 * Formats doubles as OpenEnv's Python servers write them (FastAPI serialises responses with
 * pydantic-core, on HTTP and WebSocket alike), so that our bytes match theirs: {@code 1.0} not
 * {@code 1}, {@code 0.1}, {@code 0.00001} not {@code 1.0E-5}, {@code 1e-7}, {@code 1e+16}.
 *
 * <p>Java and Python both print the shortest digits that round-trip; they differ only in where they
 * switch to exponent notation (pydantic-core: below 1e-5 or from 1e16) and in how they spell it.
 * The rule was observed on openenv 0.10.0 and openenv-core 0.3.0 (docs/compatibility.md).
 */
public final class PythonFloat {
  private PythonFloat() {}

  /**
   * The Python server's spelling; non-finite values as Python's json module spells them (NaN,
   * Infinity).
   */
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
    if (magnitude >= 1e-5 && magnitude < 1e16) {
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
    return sign + mantissa + "e" + expSign + absExp;
  }
}
