package dev.openenvbench.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One validation failure in pydantic's shape ({@code type, loc, msg, input, ctx, url}), because
 * OpenEnv clients and people reading logs already know that shape.
 *
 * @param type pydantic's error type, e.g. {@code float_parsing}
 * @param loc path to the bad value, e.g. {@code ["wait_seconds"]} or {@code ["body","seed"]}
 * @param input the offending value (a Jackson node, or null)
 * @param ctx extra context such as {@code {"ge": 0.0}}, or null for none
 */
public record FieldError(
    String type, List<Object> loc, String msg, Object input, Map<String, Object> ctx) {
  /** The pydantic minor version whose docs URL OpenEnv 0.2/0.3 servers put in errors. */
  static final String LOC = "loc";

  static final String MSG = "msg";

  static final String PYDANTIC_DOCS = "https://errors.pydantic.dev/2.12/v/";

  public static FieldError of(String type, List<Object> loc, String msg, Object input) {
    return new FieldError(type, loc, msg, input, null);
  }

  /** The error as pydantic serialises it; FastAPI drops {@code url} for request-body errors. */
  public Map<String, Object> toMap(boolean withUrl) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put(LOC, loc);
    m.put(MSG, msg);
    m.put("input", input);
    if (ctx != null) {
      m.put("ctx", ctx);
    }
    if (withUrl) {
      m.put("url", PYDANTIC_DOCS + type);
    }
    return m;
  }

  /**
   * One {@code extra_forbidden} error per key of {@code object} not in {@code allowed}, in order.
   */
  public static List<FieldError> extraForbidden(
      tools.jackson.databind.node.ObjectNode object, java.util.Set<String> allowed) {
    List<FieldError> errors = new java.util.ArrayList<>();
    for (Map.Entry<String, tools.jackson.databind.JsonNode> e : object.properties()) {
      if (!allowed.contains(e.getKey())) {
        errors.add(
            of(
                "extra_forbidden",
                List.of(e.getKey()),
                "Extra inputs are not permitted",
                e.getValue()));
      }
    }
    return errors;
  }

  public static List<Map<String, Object>> toMaps(List<FieldError> errors, boolean withUrl) {
    return errors.stream().map(e -> e.toMap(withUrl)).toList();
  }
}
