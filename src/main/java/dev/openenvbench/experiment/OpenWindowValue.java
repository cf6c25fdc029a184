package dev.openenvbench.experiment;

import dev.openenvbench.loadgen.Connection;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * An infrastructure's {@code open_window:}, parsed as {@code run --open-window} parses it: {@code
 * auto} or a whole number ≥ 0, a bad one stopping the study at its own line and column.
 */
final class OpenWindowValue extends ValueDeserializer<Integer> {
  @Override
  public Integer deserialize(JsonParser p, DeserializationContext ctxt) {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT) {
      return ctxt.reportInputMismatch(
          OpenWindowValue.class, "open_window is auto or a whole number ≥ 0 (0 = all at once)");
    }
    try {
      return Connection.parseOpenWindow(
          t == JsonToken.VALUE_NUMBER_INT ? Long.toString(p.getLongValue()) : p.getString());
    } catch (IllegalArgumentException e) {
      return ctxt.reportInputMismatch(
          OpenWindowValue.class,
          "%s",
          e.getMessage().replaceFirst("^--open-window", "open_window"));
    }
  }
}
