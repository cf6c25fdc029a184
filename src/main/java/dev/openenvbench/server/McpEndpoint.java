package dev.openenvbench.server;

import dev.openenvbench.env.Environment;
import dev.openenvbench.env.EnvironmentType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * OpenEnv's JSON-RPC 2.0 endpoint ({@code POST /mcp}, and {@code {"type":"mcp"}} on {@code /ws}),
 * for an environment that has no MCP tools: errors are returned in the body, never as HTTP statuses
 * (docs/protocol.md §4.7). {@code openenv validate} only checks that it answers.
 *
 * <p>{@code openenv/session/create} opens a real session that counts against the session cap, as in
 * Python; {@code openenv/session/close} ends it.
 */
final class McpEndpoint {
  static final int PARSE_ERROR = -32700;
  static final int INVALID_REQUEST = -32600;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;
  static final int INTERNAL_ERROR = -32603;
  static final int SERVER_ERROR = -32000;

  private static final java.util.Set<String> REQUEST_KEYS =
      java.util.Set.of("jsonrpc", "method", "params", "id");

  private final EnvironmentType type;
  private final SessionSlots slots;
  private final Map<String, Environment> sessions = new ConcurrentHashMap<>();

  McpEndpoint(EnvironmentType type, SessionSlots slots) {
    this.type = type;
    this.slots = slots;
  }

  static Map<String, Object> parseError() {
    return error(null, PARSE_ERROR, "Parse error", null);
  }

  /** Answers one request. May build an environment, so call it off the event loop. */
  Map<String, Object> handle(JsonNode request) {
    if (!isValidRequest(request)) {
      // Python validates the whole request model first; any failure is -32600 with a null id.
      return error(
          null,
          INVALID_REQUEST,
          "Invalid request: expected {\"jsonrpc\":\"2.0\",\"method\":<string>,\"params\":<object>,\"id\":<number|string|null>} and no other keys",
          null);
    }
    Object id = idOf(request.get("id"));
    String method = request.get("method").asString();
    return switch (method) {
      case "tools/list", "tools/call" -> withoutMcp(id);
      case "openenv/session/create" -> createSession(id);
      case "openenv/session/close" -> closeSession(id, request.get("params"));
      default -> error(id, METHOD_NOT_FOUND, "Method not found: " + method, null);
    };
  }

  /** OpenEnv's {@code JsonRpcRequest}: exactly these keys, params an object when present. */
  private static boolean isValidRequest(JsonNode request) {
    if (request == null || !request.isObject()) {
      return false;
    }
    for (String key : request.propertyNames()) {
      if (!REQUEST_KEYS.contains(key)) {
        return false;
      }
    }
    JsonNode version = request.get("jsonrpc");
    JsonNode method = request.get("method");
    JsonNode params = request.get("params");
    JsonNode id = request.get("id");
    return version != null
        && version.isString()
        && version.asString().equals("2.0")
        && method != null
        && method.isString()
        && (params == null || params.isObject())
        && (id == null || id.isNull() || id.isNumber() || id.isString());
  }

  private Map<String, Object> withoutMcp(Object id) {
    try (Environment probe = type.create()) {
      return error(id, INTERNAL_ERROR, "Environment does not support MCP", null);
    } catch (Exception e) {
      return error(id, INTERNAL_ERROR, String.valueOf(e.getMessage()), null);
    }
  }

  private Map<String, Object> createSession(Object id) {
    int activeWhenFull = slots.tryAcquire();
    if (activeWhenFull >= 0) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("active_sessions", activeWhenFull);
      data.put("max_sessions", slots.max());
      return error(
          id,
          SERVER_ERROR,
          "Server at capacity: " + activeWhenFull + "/" + slots.max() + " sessions active.",
          data);
    }
    try {
      String sessionId = UUID.randomUUID().toString();
      sessions.put(sessionId, type.create());
      return result(id, Map.of("session_id", sessionId));
    } catch (Exception e) {
      slots.release();
      return error(
          id,
          SERVER_ERROR,
          "Environment factory '" + type.factoryName() + "' failed to create instance.",
          null);
    }
  }

  private Map<String, Object> closeSession(Object id, JsonNode params) {
    JsonNode sessionId = params == null ? null : params.get("session_id");
    if (sessionId == null || !sessionId.isString()) {
      return error(id, INVALID_PARAMS, "session_id is required", null);
    }
    Environment env = sessions.remove(sessionId.asString());
    if (env == null) {
      return error(id, INVALID_PARAMS, "Unknown session_id: " + sessionId.asString(), null);
    }
    env.close();
    slots.release();
    Map<String, Object> closed = new LinkedHashMap<>();
    closed.put("session_id", sessionId.asString());
    closed.put("closed", true);
    return result(id, closed);
  }

  /** Ends every MCP session (at shutdown). */
  void closeAll() {
    sessions
        .keySet()
        .forEach(
            key -> {
              Environment env = sessions.remove(key);
              if (env != null) {
                env.close();
                slots.release();
              }
            });
  }

  private static Object idOf(JsonNode id) {
    if (id == null || id.isNull()) {
      return null;
    }
    return id.isIntegralNumber()
        ? (Object) id.longValue()
        : id.isNumber() ? id.doubleValue() : id.asString();
  }

  private static Map<String, Object> result(Object id, Object result) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jsonrpc", "2.0");
    m.put("id", id);
    m.put("result", result);
    return m;
  }

  static Map<String, Object> error(Object id, int code, String message, Object data) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("code", code);
    err.put("message", message);
    err.put("data", data);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jsonrpc", "2.0");
    m.put("id", id);
    m.put("error", err);
    return m;
  }
}
