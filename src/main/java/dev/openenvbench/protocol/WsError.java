package dev.openenvbench.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error the server sends as {@code {"type":"error","data":{"message","code",...extra}}}.
 *
 * @param extra keys after {@code code}, in order (e.g. {@code errors}, {@code active_sessions})
 */
public record WsError(WsErrorCode code, String message, Map<String, Object> extra) {
  static final String MESSAGE = "message";
  static final String CODE = "code";
  static final String ACTIVE_SESSIONS = "active_sessions";
  static final String MAX_SESSIONS = "max_sessions";
  static final String ERRORS = "errors";

  public WsError {
    extra = extra == null ? Map.of() : extra;
  }

  public static WsError of(WsErrorCode code, String message) {
    return new WsError(code, message, Map.of());
  }

  /** VALIDATION_ERROR with pydantic-shaped errors; the message is Python's fixed text. */
  public static WsError validation(List<FieldError> errors) {
    return new WsError(
        WsErrorCode.VALIDATION_ERROR,
        "Invalid message",
        Map.of(ERRORS, FieldError.toMaps(errors, true)));
  }

  public static WsError capacityReached(int active, int max) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put(ACTIVE_SESSIONS, active);
    extra.put(MAX_SESSIONS, max);
    return new WsError(
        WsErrorCode.CAPACITY_REACHED,
        "Server at capacity: "
            + active
            + "/"
            + max
            + " sessions active. Cannot accept new connections.",
        extra);
  }

  public static WsError factoryFailed(String factoryName) {
    return new WsError(
        WsErrorCode.FACTORY_ERROR,
        "Environment factory '" + factoryName + "' failed to create instance.",
        Map.of("factory_name", factoryName));
  }

  /** The {@code data} object of the error frame, keys in the protocol's order. */
  public Map<String, Object> data() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put(MESSAGE, message);
    data.put(CODE, code.name());
    data.putAll(extra);
    return data;
  }
}
