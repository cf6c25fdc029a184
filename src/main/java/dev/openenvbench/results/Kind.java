package dev.openenvbench.results;

import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The value types of result fields, with how each is written and read in JSON (raw.jsonl) and in
 * CSV (summary.csv). A {@code null} value is JSON {@code null} and an empty CSV cell. Reading is as
 * lax as the files that exist need (the seed's Python harness writes {@code 4.0} for some integers
 * and {@code nan} for a missing float) and strict about anything else: a value that is not of the
 * field's type is an error naming it.
 *
 * @param jsonType the type's name in the machine-readable schema (JSON Schema's names)
 */
public record Kind<T>(String jsonType, Class<T> javaType) {
  public static final Kind<Integer> INT = new Kind<>("integer", Integer.class);
  public static final Kind<Long> LONG = new Kind<>("integer", Long.class);
  public static final Kind<Double> FLOAT = new Kind<>("number", Double.class);
  public static final Kind<String> TEXT = new Kind<>("string", String.class);
  public static final Kind<Boolean> BOOL = new Kind<>("boolean", Boolean.class);

  /** Writes a non-null value. */
  public void write(JsonGenerator gen, T value) {
    switch (value) {
      case Integer i -> gen.writeNumber(i);
      case Long l -> gen.writeNumber(l);
      case Double d when !Double.isFinite(d) -> gen.writeNull(); // JSON has no NaN
      case Double d -> gen.writeNumber(d);
      case String s -> gen.writeString(s);
      case Boolean b -> gen.writeBoolean(b);
      default -> throw new IllegalArgumentException("no kind for " + value.getClass());
    }
  }

  /**
   * The value of a JSON node, null for JSON null.
   *
   * @throws IllegalArgumentException the node is not of this kind (the message says what it is)
   */
  public T read(JsonNode n) {
    if (n.isNull()) return null;
    Object v =
        switch (jsonType) {
          case "integer" -> n.isIntegralNumber() || isWhole(n) ? integral(n.asDouble()) : null;
          case "number" -> n.isNumber() ? n.doubleValue() : null;
          case "string" -> n.isString() ? n.stringValue() : null;
          case "boolean" -> n.isBoolean() ? n.booleanValue() : null;
          default -> throw new IllegalStateException(jsonType);
        };
    if (v == null) {
      throw new IllegalArgumentException("expected " + article() + ", got " + abbreviate(n));
    }
    return javaType.cast(v);
  }

  /**
   * The CSV cell of a value: floats with 6 decimals (seconds to the microsecond), "" for null and
   * for a non-finite float (unknown).
   */
  public String format(T value) {
    return switch (value) {
      case null -> "";
      case Double d when !Double.isFinite(d) -> ""; // unknown, as an absent value
      case Double d -> String.format(Locale.ROOT, "%.6f", d);
      default -> value.toString();
    };
  }

  /**
   * The value of a CSV cell, null for an empty cell (and for {@code nan}/{@code none} in number
   * columns, which is how Python writes a missing float).
   *
   * @throws IllegalArgumentException the cell is not of this kind
   */
  public T parse(String cell) {
    String c = cell.strip();
    if (c.isEmpty()) return null;
    String lower = c.toLowerCase(Locale.ROOT);
    Object v =
        switch (jsonType) {
          case "integer" -> lower.equals("none") ? null : integral(number(c));
          case "number" -> lower.equals("nan") || lower.equals("none") ? null : number(c);
          case "string" -> c;
          case "boolean" -> bool(lower);
          default -> throw new IllegalStateException(jsonType);
        };
    return javaType.cast(v);
  }

  private Object integral(double d) {
    if (d != Math.rint(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("expected an integer, got " + d);
    }
    return javaType == Long.class ? (Object) (long) d : (Object) (int) d;
  }

  private static boolean isWhole(JsonNode n) {
    return n.isNumber() && n.asDouble() == Math.rint(n.asDouble());
  }

  private static double number(String c) {
    try {
      return Double.parseDouble(c);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + c, e);
    }
  }

  private static Boolean bool(String lower) {
    return switch (lower) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException("not true or false: " + lower);
    };
  }

  private String article() {
    return switch (jsonType) {
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "string" -> "a string";
      default -> "a boolean";
    };
  }

  private static String abbreviate(JsonNode n) {
    String s = n.toString();
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
