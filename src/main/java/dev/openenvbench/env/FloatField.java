package dev.openenvbench.env;

import dev.openenvbench.protocol.FieldError;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Pydantic's lax-mode coercion of a JSON value to a float field: numbers and booleans convert,
 * numeric strings parse ({@code "1.5"}, {@code " 2 "}, {@code "nan"}, {@code "inf"}), anything else
 * is an error of pydantic's type and message.
 */
public final class FloatField {
  /** What Python's float() accepts from a string (after trimming), without hex or suffixes. */
  private static final Pattern NUMERIC =
      Pattern.compile("[+-]?((\\d[\\d_]*)?\\.?\\d[\\d_]*([eE][+-]?\\d+)?|\\d[\\d_]*\\.)");

  private static final Pattern NON_FINITE =
      Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

  /** Either a value or an error; exactly one is present. */
  public record Coerced(double value, FieldError error) {
    public boolean ok() {
      return error == null;
    }
  }

  private FloatField() {}

  public static Coerced coerce(JsonNode input, String field) {
    List<Object> loc = List.of(field);
    if (input.isNumber()) {
      return new Coerced(input.doubleValue(), null);
    }
    if (input.isBoolean()) {
      return new Coerced(input.booleanValue() ? 1.0 : 0.0, null);
    }
    if (input.isString()) {
      String text = input.asString().strip();
      if (NUMERIC.matcher(text).matches()) {
        return new Coerced(Double.parseDouble(text.replace("_", "")), null);
      }
      if (NON_FINITE.matcher(text).matches()) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        double value =
            lower.contains("nan")
                ? Double.NaN
                : lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return new Coerced(value, null);
      }
      return new Coerced(
          0,
          FieldError.of(
              "float_parsing",
              loc,
              "Input should be a valid number, unable to parse string as a number",
              input));
    }
    return new Coerced(
        0, FieldError.of("float_type", loc, "Input should be a valid number", input));
  }
}
