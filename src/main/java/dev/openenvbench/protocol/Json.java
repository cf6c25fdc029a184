package dev.openenvbench.protocol;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON in and out, with the rules OpenEnv's Python servers follow.
 *
 * <p>Reading accepts what Python's {@code json.loads} accepts ({@code NaN}, {@code Infinity}
 * literals) and rejects trailing data. Writing is compact, keeps map order (callers pass {@link
 * java.util.LinkedHashMap}s in declaration order), leaves non-ASCII unescaped and prints doubles
 * with {@link PythonFloat#repr} (non-finite ones as null). Thread-safe.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  /**
   * Parses one JSON document.
   *
   * @throws JacksonException if the text is not exactly one JSON value
   */
  public static JsonNode parse(String text) {
    JsonNode node = MAPPER.readTree(text);
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException("Expecting value: line 1 column 1 (char 0)");
    }
    return node;
  }

  /**
   * Writes {@code value} compactly. Accepts maps, lists, strings, numbers, booleans, null and
   * Jackson nodes, nested freely.
   */
  public static String write(Object value) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator gen = MAPPER.createGenerator(out)) {
      writeValue(gen, value);
    }
    return out.toString();
  }

  private static void writeValue(JsonGenerator gen, Object value) {
    switch (value) {
      case null -> gen.writeNull();
      case String s -> gen.writeString(s);
      case Boolean b -> gen.writeBoolean(b);
      case Double d -> writeDouble(gen, d);
      case Float f -> writeDouble(gen, f);
      case BigDecimal d -> writeDouble(gen, d.doubleValue());
      case BigInteger i -> gen.writeNumber(i);
      case Number n -> gen.writeNumber(n.longValue());
      case Map<?, ?> map -> {
        gen.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          gen.writeName(String.valueOf(e.getKey()));
          writeValue(gen, e.getValue());
        }
        gen.writeEndObject();
      }
      case List<?> list -> {
        gen.writeStartArray();
        for (Object item : list) {
          writeValue(gen, item);
        }
        gen.writeEndArray();
      }
      case JsonNode node -> writeNode(gen, node);
      default -> throw new IllegalArgumentException("cannot write " + value.getClass());
    }
  }

  /** Non-finite values become null, as pydantic writes them: NaN is not JSON. */
  private static void writeDouble(JsonGenerator gen, double value) {
    if (Double.isFinite(value)) {
      gen.writeNumber(PythonFloat.repr(value));
    } else {
      gen.writeNull();
    }
  }

  private static void writeNode(JsonGenerator gen, JsonNode node) {
    if (node.isObject()) {
      gen.writeStartObject();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        gen.writeName(e.getKey());
        writeNode(gen, e.getValue());
      }
      gen.writeEndObject();
    } else if (node.isArray()) {
      gen.writeStartArray();
      for (JsonNode item : node) {
        writeNode(gen, item);
      }
      gen.writeEndArray();
    } else if (node.isFloatingPointNumber()) {
      writeDouble(gen, node.doubleValue());
    } else if (node.isNull() || node.isMissingNode()) {
      gen.writeNull();
    } else {
      gen.writeTree(node);
    }
  }
}
