package dev.openenvbench.protocol;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a client read from the server (docs/protocol.md §4.3, §5.3): one {@code /ws} frame, or the
 * 2xx body of {@code POST /reset} or {@code /step}, parsed by {@link ServerReplyParser}. A reply
 * that breaks the protocol is a {@link Malformed} value, never an exception, so a load client can
 * count it like any other outcome.
 *
 * <p>The JSON inside is as the server sent it (extra keys kept, numbers as parsed); treat it as
 * read-only.
 */
public sealed interface ServerReply {
  /** What {@code POST /reset} and {@code /step} can answer with a 2xx status. */
  sealed interface HttpBody extends ServerReply {}

  /**
   * The result of a reset or step: {@code {"type":"observation","data":{...}}} on {@code /ws}, the
   * whole body on HTTP. Read as OpenEnv's client reads it: a missing {@code observation} is {@code
   * {}}, a missing {@code reward} null, a missing {@code done} false.
   *
   * @param observation the environment's observation fields, in the order sent
   * @param reward as sent: JSON null, a number ({@code 1} and {@code 1.0} differ) or a boolean
   */
  record Observation(ObjectNode observation, JsonNode reward, boolean done) implements HttpBody {}

  /** {@code {"type":"state","data":{...}}}: {@code episode_id}, {@code step_count}, then extras. */
  record State(ObjectNode state) implements ServerReply {}

  /**
   * {@code {"type":"mcp","data":{JSON-RPC response}}} on {@code /ws}, or the body of {@code POST
   * /mcp}.
   */
  record Mcp(ObjectNode response) implements ServerReply {
    /**
     * The JSON-RPC {@code error} as {@code <code> <message>}, or null when the reply has none (a
     * result). A tool's own failure inside a result is the environment's business, not an error.
     */
    public String error() {
      JsonNode e = response.get("error");
      if (e == null || e.isNull()) return null;
      return e.path("code").asString("?") + " " + e.path("message").asString("");
    }
  }

  /**
   * {@code {"type":"error","data":{"message":…,"code":…,…}}}. Read leniently, because an error is
   * the server's verdict whatever its shape: a missing message is {@code ""}, missing keys null.
   *
   * @param code the code when it is one of the seven this protocol knows, else null
   * @param rawCode {@code data.code} as sent (kept when unknown to us), or null when there is none
   * @param extra every key of {@code data} after {@code message} and {@code code}, e.g. {@code
   *     errors}, {@code factory_name}, {@code active_sessions}
   */
  record Error(WsErrorCode code, String rawCode, String message, ObjectNode extra)
      implements ServerReply {
    /**
     * The message, and for VALIDATION_ERROR the first field error's location and text as well (its
     * message alone is the fixed "Invalid message"), e.g. {@code Invalid message: wait_seconds:
     * Input should be less than or equal to 600}.
     */
    public String detail() {
      JsonNode errors = extra.get(WsError.ERRORS);
      if (errors == null || !errors.isArray() || errors.isEmpty()) return message;
      JsonNode first = errors.get(0);
      List<String> loc = new ArrayList<>();
      first.path(FieldError.LOC).forEach(l -> loc.add(l.asString()));
      String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
      return message
          + ": "
          + String.join(".", loc)
          + ": "
          + first.path(FieldError.MSG).asString()
          + more;
    }

    /** CAPACITY_REACHED's count of sessions the server held, when it sent one. */
    public Integer activeSessions() {
      return intOrNull(extra.get(WsError.ACTIVE_SESSIONS));
    }

    /** CAPACITY_REACHED's session cap, when it sent one. */
    public Integer maxSessions() {
      return intOrNull(extra.get(WsError.MAX_SESSIONS));
    }

    private static Integer intOrNull(JsonNode n) {
      return n != null && n.isNumber() ? n.intValue() : null;
    }
  }

  /**
   * A reply that is not JSON, not an object, of a type no client expects, or of a known type with
   * the wrong shape.
   *
   * @param reason completes "the reply …", e.g. {@code is not JSON}
   */
  record Malformed(String reason) implements HttpBody {}
}
