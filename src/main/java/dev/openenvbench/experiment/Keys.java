package dev.openenvbench.experiment;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The keys a section of the file must have, and the ones it may. Checked in the records'
 * constructors, unknown keys first: Jackson builds a record before it reports a key it did not
 * know, so left to Jackson a misspelt required key ({@code batch_size}) would be reported as the
 * key it was meant to be, missing, instead of as the typo it is.
 */
final class Keys {
  /** The record component that collects unknown keys ({@code @JsonAnySetter}). */
  private static final String UNKNOWN = "unknown";

  private Keys() {}

  static void require(String key, Object value) {
    if (value == null) throw new IllegalArgumentException("missing key '" + key + "'");
  }

  static void noUnknown(Map<String, Object> unknown, Class<? extends Record> section) {
    if (unknown == null || unknown.isEmpty()) return;
    throw new IllegalArgumentException(
        "unknown key '"
            + unknown.keySet().iterator().next()
            + "' (allowed here: "
            + allowed(section)
            + ")");
  }

  private static String allowed(Class<? extends Record> section) {
    return Arrays.stream(section.getRecordComponents())
        .map(RecordComponent::getName)
        .filter(n -> !n.equals(UNKNOWN))
        .map(n -> n.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT))
        .sorted()
        .collect(Collectors.joining(", "));
  }
}
