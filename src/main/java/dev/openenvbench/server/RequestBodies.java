package dev.openenvbench.server;

import dev.openenvbench.protocol.ClientMessageParser;
import dev.openenvbench.protocol.FieldError;
import dev.openenvbench.protocol.HttpCall;
import dev.openenvbench.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * FastAPI's validation of the {@code /reset} and {@code /step} request bodies (OpenEnv's {@code
 * ResetRequest} and {@code StepRequest}): the shapes of its 422 errors, with {@code loc} starting
 * at {@code "body"}. Extra keys are allowed in both bodies. Also the Task API's bodies (OpenEnv
 * 0.5+'s {@code ListTasksRequest} and kin), which forbid extra keys.
 */
final class RequestBodies {
  /** A parsed body or the 422 errors; exactly one is non-null. */
  record Checked(ObjectNode body, List<FieldError> errors) {
    boolean ok() {
      return errors.isEmpty();
    }
  }

  private RequestBodies() {}

  /** An absent or empty body means "all defaults", as the seed's client sends none. */
  static Checked reset(String text, String contentType) {
    if (text == null || text.isEmpty()) {
      return new Checked(Json.mapper().createObjectNode(), List.of());
    }
    Checked parsed = parseObject(text, contentType);
    if (!parsed.ok()) {
      return parsed;
    }
    List<FieldError> errors = new ArrayList<>();
    JsonNode seed = parsed.body().get("seed");
    if (seed != null && !seed.isNull()) {
      checkSeed(seed, errors);
    }
    checkOptionalString(parsed.body(), "episode_id", errors);
    return new Checked(parsed.body(), errors);
  }

  static Checked step(String text, String contentType) {
    if (text == null || text.isEmpty()) {
      return new Checked(
          null, List.of(FieldError.of("missing", List.of("body"), "Field required", null)));
    }
    Checked parsed = parseObject(text, contentType);
    if (!parsed.ok()) {
      return parsed;
    }
    ObjectNode body = parsed.body();
    List<FieldError> errors = new ArrayList<>();
    JsonNode action = body.get(HttpCall.ACTION);
    if (action == null) {
      errors.add(
          FieldError.of("missing", List.of("body", HttpCall.ACTION), "Field required", body));
    } else if (!action.isObject()) {
      errors.add(
          FieldError.of(
              "dict_type",
              List.of("body", HttpCall.ACTION),
              "Input should be a valid dictionary",
              action));
    }
    JsonNode timeout = body.get("timeout_s");
    if (timeout != null && !timeout.isNull()) {
      if (!timeout.isNumber()) {
        errors.add(
            FieldError.of(
                "float_type",
                List.of("body", "timeout_s"),
                "Input should be a valid number",
                timeout));
      } else if (!(timeout.doubleValue() > 0)) {
        errors.add(
            new FieldError(
                "greater_than",
                List.of("body", "timeout_s"),
                "Input should be greater than 0",
                timeout,
                Map.of("gt", 0.0)));
      }
    }
    checkOptionalString(body, "request_id", errors);
    return new Checked(body, errors);
  }

  /** The kind of a Task API body field: pydantic's {@code str}, {@code int}, {@code int|None}. */
  enum TaskField {
    STRING,
    INT,
    OPTIONAL_INT
  }

  /**
   * A Task API body: the fields in declaration order (each required unless optional), no others.
   * Errors come in pydantic's order: the fields' in declaration order, then one {@code
   * extra_forbidden} per unknown key in the order sent.
   */
  static Checked task(String text, String contentType, Map<String, TaskField> fields) {
    if (text == null || text.isEmpty()) {
      return new Checked(
          null, List.of(FieldError.of("missing", List.of("body"), "Field required", null)));
    }
    Checked parsed = parseObject(text, contentType);
    if (!parsed.ok()) {
      return parsed;
    }
    ObjectNode body = parsed.body();
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, TaskField> field : fields.entrySet()) {
      String name = field.getKey();
      List<Object> loc = List.of("body", name);
      JsonNode value = body.get(name);
      if (value == null) {
        if (field.getValue() != TaskField.OPTIONAL_INT) {
          errors.add(FieldError.of("missing", loc, "Field required", body));
        }
        continue;
      }
      switch (field.getValue()) {
        case STRING -> {
          if (!value.isString()) {
            errors.add(FieldError.of("string_type", loc, "Input should be a valid string", value));
          }
        }
        case INT -> checkInt(value, loc, errors);
        case OPTIONAL_INT -> {
          if (!value.isNull()) {
            checkInt(value, loc, errors);
          }
        }
      }
    }
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (!fields.containsKey(e.getKey())) {
        errors.add(
            FieldError.of(
                "extra_forbidden",
                List.of("body", e.getKey()),
                "Extra inputs are not permitted",
                e.getValue()));
      }
    }
    return new Checked(body, errors);
  }

  /**
   * FastAPI parses the body as JSON only when the content type says JSON; otherwise the model sees
   * the raw text, which is not an object.
   */
  private static Checked parseObject(String text, String contentType) {
    if (!isJson(contentType)) {
      return notAnObject(text);
    }
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (JacksonException e) {
      long at = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getCharOffset());
      return jsonInvalid(at, ClientMessageParser.reason(e));
    } catch (IllegalArgumentException e) {
      return jsonInvalid(0, "Expecting value");
    }
    return node instanceof ObjectNode object ? new Checked(object, List.of()) : notAnObject(node);
  }

  /** {@code application/json}, or any {@code application/*+json}, parameters ignored. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/json")
        || (type.startsWith("application/") && type.endsWith("+json"));
  }

  private static Checked jsonInvalid(long charOffset, String reason) {
    return new Checked(
        null,
        List.of(
            new FieldError(
                "json_invalid",
                List.of("body", charOffset),
                "JSON decode error",
                Map.of(),
                Map.of("error", reason))));
  }

  private static Checked notAnObject(Object input) {
    return new Checked(
        null,
        List.of(
            FieldError.of(
                "model_attributes_type",
                List.of("body"),
                "Input should be a valid dictionary or object to extract fields from",
                input)));
  }

  private static void checkSeed(JsonNode seed, List<FieldError> errors) {
    List<Object> loc = List.of("body", "seed");
    JsonNode integral = checkInt(seed, loc, errors);
    if (integral != null && integral.doubleValue() < 0) {
      errors.add(
          new FieldError(
              "greater_than_equal",
              loc,
              "Input should be greater than or equal to 0",
              integral,
              Map.of("ge", 0)));
    }
  }

  /**
   * pydantic's lax {@code int}: integral numbers and integer strings pass (returned as a number),
   * anything else adds its error and gives null.
   */
  private static JsonNode checkInt(JsonNode seed, List<Object> loc, List<FieldError> errors) {
    boolean integral =
        seed.isIntegralNumber()
            || (seed.isFloatingPointNumber()
                && seed.doubleValue() == Math.rint(seed.doubleValue()));
    if (!integral && seed.isString() && seed.asString().strip().matches("[+-]?\\d+")) {
      integral = true;
      seed =
          Json.mapper()
              .getNodeFactory()
              .numberNode(new java.math.BigInteger(seed.asString().strip()));
    }
    if (!integral) {
      String type =
          seed.isString()
              ? "int_parsing"
              : seed.isFloatingPointNumber() ? "int_from_float" : "int_type";
      String msg =
          seed.isString()
              ? "Input should be a valid integer, unable to parse string as an integer"
              : seed.isFloatingPointNumber()
                  ? "Input should be a valid integer, got a number with a fractional part"
                  : "Input should be a valid integer";
      errors.add(FieldError.of(type, loc, msg, seed));
      return null;
    }
    return seed;
  }

  private static void checkOptionalString(ObjectNode body, String field, List<FieldError> errors) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return;
    }
    List<Object> loc = List.of("body", field);
    if (!value.isString()) {
      errors.add(FieldError.of("string_type", loc, "Input should be a valid string", value));
    } else if (value.asString().length() > 255) {
      errors.add(
          new FieldError(
              "string_too_long",
              loc,
              "String should have at most 255 characters",
              value,
              Map.of("max_length", 255)));
    }
  }
}
