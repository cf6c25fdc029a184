package dev.openenvbench.protocol;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client half of {@link ServerFrames} and {@link StepResult#httpBody()}: turns what the server
 * sent into a {@link ServerReply}, parsing the text once. Never throws on bad input; stateless and
 * thread-safe.
 */
public final class ServerReplyParser {
  private ServerReplyParser() {}

  /** One {@code /ws} text frame. */
  public static ServerReply frame(String text) {
    JsonNode root = parseOrNull(text);
    if (!(root instanceof ObjectNode envelope)) {
      return notAnObject(root);
    }
    JsonNode type = envelope.get(Envelope.TYPE);
    if (type == null || !type.isString()) {
      return new ServerReply.Malformed("has no type");
    }
    JsonNode data = envelope.get(Envelope.DATA);
    return switch (type.stringValue()) {
      case Envelope.OBSERVATION -> observation(data);
      case Envelope.ERROR -> error(data);
      case Envelope.STATE ->
          data instanceof ObjectNode state
              ? new ServerReply.State(state)
              : new ServerReply.Malformed("has state data that is not an object");
      case Envelope.MCP ->
          data instanceof ObjectNode response
              ? new ServerReply.Mcp(response)
              : new ServerReply.Malformed("has mcp data that is not an object");
      default -> new ServerReply.Malformed("has unexpected type " + PythonRepr.repr(type));
    };
  }

  /** The body of a 2xx answer to {@code POST /reset} or {@code POST /step}. */
  public static ServerReply.HttpBody httpBody(String text) {
    JsonNode root = parseOrNull(text);
    return root instanceof ObjectNode body ? observation(body) : notAnObject(root);
  }

  /** The body of a 2xx answer to {@code POST /mcp}: a JSON-RPC reply object. */
  public static ServerReply mcpBody(String text) {
    JsonNode root = parseOrNull(text);
    return root instanceof ObjectNode reply ? new ServerReply.Mcp(reply) : notAnObject(root);
  }

  private static ServerReply.HttpBody observation(JsonNode data) {
    if (!(data instanceof ObjectNode body)) {
      return new ServerReply.Malformed("has observation data that is not an object");
    }
    JsonNode observation = body.get(StepResult.OBSERVATION);
    if (observation != null && !(observation instanceof ObjectNode)) {
      return new ServerReply.Malformed("has an observation that is not an object");
    }
    JsonNode done = body.get(StepResult.DONE);
    if (done != null && !done.isBoolean()) {
      return new ServerReply.Malformed("has a done flag that is not a boolean");
    }
    JsonNode reward = body.get(StepResult.REWARD);
    return new ServerReply.Observation(
        observation == null ? Json.mapper().createObjectNode() : (ObjectNode) observation,
        reward == null ? NullNode.getInstance() : reward,
        done != null && done.booleanValue());
  }

  private static ServerReply.Error error(JsonNode data) {
    ObjectNode extra = Json.mapper().createObjectNode();
    if (data instanceof ObjectNode fields) {
      extra.setAll(fields);
      extra.remove(WsError.MESSAGE);
      extra.remove(WsError.CODE);
    }
    JsonNode code = data == null ? null : data.get(WsError.CODE);
    String rawCode = code == null || !code.isValueNode() || code.isNull() ? null : code.asString();
    return new ServerReply.Error(
        known(rawCode),
        rawCode,
        data == null ? "" : data.path(WsError.MESSAGE).asString(""),
        extra);
  }

  private static WsErrorCode known(String rawCode) {
    for (WsErrorCode c : WsErrorCode.values()) {
      if (c.name().equals(rawCode)) {
        return c;
      }
    }
    return null;
  }

  /** The parsed JSON, or null when the text is not JSON. */
  private static JsonNode parseOrNull(String text) {
    try {
      return Json.parse(text);
    } catch (JacksonException | IllegalArgumentException e) {
      return null;
    }
  }

  private static ServerReply.Malformed notAnObject(JsonNode root) {
    return new ServerReply.Malformed(root == null ? "is not JSON" : "is not a JSON object");
  }
}
