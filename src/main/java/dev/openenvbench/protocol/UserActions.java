package dev.openenvbench.protocol;

import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The messages a user writes for the harness to send ({@code run --reset-json}, {@code
 * --action-json}, {@code --actions}): JSON objects turned into the {@link ClientMessage}s they
 * stand for. An object that is exactly {@code {"type":"mcp","data":{...}}} is an MCP message
 * (§5.2); any other object is a step's action, sent as it is. Stateless and thread-safe.
 */
public final class UserActions {
  private UserActions() {}

  /**
   * A reset whose options are {@code text}.
   *
   * @param where names the input in the error, e.g. {@code --reset-json}
   * @throws IllegalArgumentException in one line when it is not one JSON object
   */
  public static ClientMessage.Reset reset(String text, String where) {
    return new ClientMessage.Reset(object(text, where));
  }

  /**
   * The step or MCP message {@code text} stands for.
   *
   * @throws IllegalArgumentException in one line when it is not one JSON object
   */
  public static ClientMessage action(String text, String where) {
    ObjectNode action = object(text, where);
    JsonNode type = action.get(Envelope.TYPE);
    JsonNode data = action.get(Envelope.DATA);
    if (action.size() == 2
        && type != null
        && Envelope.MCP.equals(type.asString(""))
        && data instanceof ObjectNode request) {
      return new ClientMessage.Mcp(request);
    }
    return new ClientMessage.Step(action);
  }

  /** The {@code wait_seconds} a step's action asks for, or null (none, or an MCP message). */
  public static Double waitSeconds(ClientMessage m) {
    if (!(m instanceof ClientMessage.Step(var action))) return null;
    JsonNode w = action.get(BenchmarkAction.WAIT_SECONDS);
    return w != null && w.isNumber() ? w.doubleValue() : null;
  }

  /** A reset's options as compact JSON, or null for the seed's reset (no options). */
  public static String optionsText(ClientMessage.Reset reset) {
    return reset == null ? null : Json.write(reset.data());
  }

  private static ObjectNode object(String text, String where) {
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": not JSON (" + firstLine(e) + ")");
    }
    if (!(node instanceof ObjectNode o)) {
      throw new IllegalArgumentException(
          where
              + ": expected a JSON object, got a JSON "
              + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return o;
  }

  private static String firstLine(Exception e) {
    String m = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
  }
}
