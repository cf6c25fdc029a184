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
 * Python; {@code openenv/session/close} ends it. From OpenEnv 0.5 a WebSocket may attach to such a
 * session ({@code /ws?session_id=<id>}, {@link #attach}); closing an attached session only marks
 * it, and it ends when its socket detaches ({@link #detach}). Session state changes under this
 * object's lock; environments are built and closed outside it.
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

  /** One MCP session: its environment once built, and whether a WebSocket holds it. */
  private static final class Session {
    Environment env; // null while the factory runs
    boolean attached;
    boolean closing; // close was asked while attached: ends at detach
  }

  /** What {@link #attach} gives: the session's environment, or the SESSION_ERROR text. */
  sealed interface Attach {
    record Attached(Environment env) implements Attach {}

    record Refused(String message) implements Attach {}
  }

  private final EnvironmentType type;
  private final SessionSlots slots;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

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
    String sessionId = UUID.randomUUID().toString();
    Session session = new Session();
    sessions.put(sessionId, session); // "still initializing" until the factory returns
    try {
      Environment env = type.create();
      synchronized (this) {
        session.env = env;
      }
      return result(id, Map.of("session_id", sessionId));
    } catch (Exception e) {
      sessions.remove(sessionId);
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
    if (sessionId == null || !sessionId.isString() || sessionId.asString().isEmpty()) {
      return error(id, INVALID_PARAMS, "Invalid params - 'session_id' is required", null);
    }
    String key = sessionId.asString();
    Environment env;
    synchronized (this) {
      Session session = sessions.get(key);
      if (session == null) {
        return error(id, INVALID_PARAMS, "Unknown session_id: " + key, null);
      }
      if (session.attached) {
        session.closing = true;
        Map<String, Object> closing = new LinkedHashMap<>();
        closing.put("session_id", key);
        closing.put("closed", false);
        closing.put("closing", true);
        return result(id, closing);
      }
      if (session.env == null) {
        return error(
            id, INVALID_REQUEST, "Session " + key + " is still initializing; retry shortly", null);
      }
      sessions.remove(key);
      env = session.env;
    }
    env.close();
    slots.release();
    Map<String, Object> closed = new LinkedHashMap<>();
    closed.put("session_id", key);
    closed.put("closed", true);
    return result(id, closed);
  }

  /**
   * Attaches a WebSocket to session {@code sessionId}: at most one socket per session, and only
   * once its environment exists. The texts are OpenEnv 0.5+'s SESSION_ERROR messages.
   */
  synchronized Attach attach(String sessionId) {
    Session session = sessions.get(sessionId);
    if (session == null) {
      return new Attach.Refused("Unknown session_id: " + sessionId);
    }
    if (session.env == null) {
      return new Attach.Refused("Session " + sessionId + " is still initializing");
    }
    if (session.attached) {
      return new Attach.Refused("Session " + sessionId + " already has an attached WebSocket");
    }
    session.attached = true;
    return new Attach.Attached(session.env);
  }

  /**
   * The socket attached to {@code sessionId} is gone (its last call has ended): the session stays
   * for MCP, unless a close was asked meanwhile, which ends it now. May close an environment, so
   * call it where that may block.
   */
  void detach(String sessionId) {
    Environment ended = null;
    synchronized (this) {
      Session session = sessions.get(sessionId);
      if (session == null) {
        return;
      }
      session.attached = false;
      if (session.closing) {
        sessions.remove(sessionId);
        ended = session.env;
      }
    }
    if (ended != null) {
      ended.close();
      slots.release();
    }
  }

  /** Ends every MCP session (at shutdown). */
  void closeAll() {
    sessions
        .keySet()
        .forEach(
            key -> {
              Session session = sessions.remove(key);
              if (session != null && session.env != null) {
                session.env.close();
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
