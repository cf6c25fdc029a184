package dev.openenvbench.experiment;

import dev.openenvbench.verdict.Threshold;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads an experiment file with Jackson's YAML data format into a {@link StudyFile}. Every problem
 * is one line, {@code FILE:LINE:COLUMN: where: what}, thrown as an {@link IllegalArgumentException}
 * (the CLI's "bad arguments"): malformed YAML, an unknown or misspelt key (with the keys that are
 * allowed there), a value of the wrong type, a missing key, a value out of range, a duplicate key.
 */
public final class StudyFileReader {
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private StudyFileReader() {}

  public static StudyFile read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    return parse(file.toString(), text);
  }

  /** Parses {@code text}; {@code name} is what error messages call the file. */
  public static StudyFile parse(String name, String text) {
    if (text.isBlank()) throw new IllegalArgumentException(name + ": the file is empty");
    try {
      StudyFile f = MAPPER.readValue(text, StudyFile.class);
      if (f == null) throw new IllegalArgumentException(name + ": the file holds no mapping");
      return f;
    } catch (JacksonException e) {
      throw new IllegalArgumentException(name + ":" + where(e) + " " + what(e), e);
    }
  }

  /** {@code LINE:COLUMN:}, or nothing when the parser did not know. */
  private static String where(JacksonException e) {
    TokenStreamLocation l = e.getLocation();
    if (l == null || l.getLineNr() < 1) return "";
    return l.getLineNr() + ":" + l.getColumnNr() + ":";
  }

  private static String what(JacksonException e) {
    String at = path(e.getPath());
    String prefix = at.isEmpty() ? "" : at + ": ";
    return switch (e) {
      case UnrecognizedPropertyException u ->
          (path(u.getPath().subList(0, u.getPath().size() - 1)).isEmpty()
                  ? ""
                  : path(u.getPath().subList(0, u.getPath().size() - 1)) + ": ")
              + "unknown key '"
              + u.getPropertyName()
              + "' (allowed here: "
              + u.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", "))
              + ")";
      case InvalidFormatException f ->
          prefix + "expected " + typeName(f.getTargetType()) + ", not '" + f.getValue() + "'";
      case ValueInstantiationException v ->
          (v.getCause() instanceof IllegalArgumentException iae
              ? prefix + iae.getMessage()
              : prefix + firstLine(v.getOriginalMessage()));
      case MismatchedInputException m -> prefix + mismatch(m);
      case StreamReadException r -> "malformed YAML: " + firstLine(r.getOriginalMessage());
      default -> prefix + firstLine(e.getOriginalMessage());
    };
  }

  private static String mismatch(MismatchedInputException m) {
    String msg = firstLine(m.getOriginalMessage());
    String missing = "Missing required creator property '";
    if (msg.startsWith(missing)) {
      String key = msg.substring(missing.length(), msg.indexOf('\'', missing.length()));
      return "missing key '" + key + "'";
    }
    // These values' own deserializers word the message: it says what is wrong better.
    boolean worded =
        m.getTargetType() == Threshold.class || m.getTargetType() == OpenWindowValue.class;
    if (m.getTargetType() != null && !worded) {
      String got = m.getCurrentToken() == null ? "" : ", not " + tokenName(m);
      return "expected " + typeName(m.getTargetType()) + got;
    }
    return msg;
  }

  /** {@code variables.infrastructures[1].url_template}: the keys and indexes leading to a value. */
  private static String path(List<JacksonException.Reference> refs) {
    StringBuilder b = new StringBuilder();
    for (JacksonException.Reference r : refs) {
      if (r.getPropertyName() != null) {
        if (!b.isEmpty()) b.append('.');
        b.append(r.getPropertyName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.toString();
  }

  private static String typeName(Class<?> t) {
    if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
      return "a whole number";
    }
    if (t == double.class || t == Double.class) return "a number";
    if (t == String.class) return "a text value";
    if (t == boolean.class || t == Boolean.class) return "true or false";
    if (List.class.isAssignableFrom(t)) return "a list";
    if (java.util.Map.class.isAssignableFrom(t) || t.isRecord()) return "a mapping (key: value)";
    return t.getSimpleName();
  }

  private static String tokenName(MismatchedInputException m) {
    return switch (m.getCurrentToken()) {
      case START_OBJECT -> "a mapping";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a text value";
      case VALUE_NUMBER_INT -> "a whole number";
      case VALUE_NUMBER_FLOAT -> "a number with a fraction";
      case VALUE_TRUE, VALUE_FALSE -> "true/false";
      case VALUE_NULL -> "nothing";
      default -> m.getCurrentToken().toString();
    };
  }

  private static String firstLine(String s) {
    if (s == null) return "invalid";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
