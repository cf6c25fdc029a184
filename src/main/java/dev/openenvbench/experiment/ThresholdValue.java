package dev.openenvbench.experiment;

import dev.openenvbench.verdict.Threshold;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * One item of {@code thresholds:}, parsed as {@code run --threshold} parses it while the file is
 * read, so that a mistyped bound stops the study before any load, at its own line and column.
 */
final class ThresholdValue extends ValueDeserializer<Threshold> {
  @Override
  public Threshold deserialize(JsonParser p, DeserializationContext ctxt) {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return ctxt.reportInputMismatch(
          Threshold.class, "write each threshold as text, e.g. \"step_overhead.p99<250ms\"");
    }
    try {
      return Threshold.parse(p.getString());
    } catch (IllegalArgumentException e) {
      // Threshold words it for the command line ("--threshold 'x': ..."); here it is a list item.
      String why = e.getMessage().replaceFirst("^--threshold ", "");
      return ctxt.reportInputMismatch(Threshold.class, "%s", why);
    }
  }
}
