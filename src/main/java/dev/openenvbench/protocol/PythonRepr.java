package dev.openenvbench.protocol;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Python's {@code str()} of a parsed JSON value, for error messages that embed a value the way the
 * Python server does (e.g. {@code Unknown message type: None}).
 */
public final class PythonRepr {
  private PythonRepr() {}

  /** {@code str(value)}: strings bare, everything else as {@link #repr}. */
  public static String str(JsonNode value) {
    return value != null && value.isString() ? value.asString() : repr(value);
  }

  /** {@code repr(value)}: strings quoted, {@code None}, {@code True}, lists and dicts. */
  public static String repr(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "None";
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "True" : "False";
    }
    if (value.isString()) {
      return "'" + value.asString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (value.isFloatingPointNumber()) {
      double d = value.doubleValue();
      return Double.isNaN(d)
          ? "nan"
          : Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : PythonFloat.repr(d);
    }
    if (value.isArray()) {
      StringBuilder sb = new StringBuilder("[");
      for (Iterator<JsonNode> it = value.iterator(); it.hasNext(); ) {
        sb.append(repr(it.next())).append(it.hasNext() ? ", " : "");
      }
      return sb.append(']').toString();
    }
    if (value.isObject()) {
      StringBuilder sb = new StringBuilder("{");
      Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        sb.append('\'').append(e.getKey()).append("': ").append(repr(e.getValue()));
        sb.append(it.hasNext() ? ", " : "");
      }
      return sb.append('}').toString();
    }
    return value.asString();
  }

  /** Python's type name of a JSON value, as in {@code 'list' object has no attribute 'get'}. */
  public static String typeName(JsonNode value) {
    if (value.isArray()) {
      return "list";
    }
    if (value.isString()) {
      return "str";
    }
    if (value.isBoolean()) {
      return "bool";
    }
    if (value.isIntegralNumber()) {
      return "int";
    }
    if (value.isNumber()) {
      return "float";
    }
    if (value.isNull()) {
      return "NoneType";
    }
    return "dict";
  }
}
