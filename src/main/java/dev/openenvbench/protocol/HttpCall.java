package dev.openenvbench.protocol;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request of an OpenEnv client's HTTP session API (docs/protocol.md §4.3, §4.4): method, route
 * and JSON body, as the seed's client sends them. The server's body validation reads the same
 * {@link #ACTION} key and honours a body only with {@link #JSON} as its content type.
 *
 * @param method upper-case HTTP method
 * @param route one of {@link Routes}, relative to the server's root
 * @param body the JSON body, or null to send none (and no content type)
 */
public record HttpCall(String method, String route, String body) {
  /** The key under which {@code POST /step} nests the action. */
  public static final String ACTION = "action";

  /** The content type of every body sent; FastAPI parses a body as JSON only with it. */
  public static final String JSON = "application/json";

  /** {@code POST /reset} with no body, so the environment's defaults apply. */
  public static HttpCall reset() {
    return new HttpCall("POST", Routes.RESET, null);
  }

  /**
   * {@code POST /reset} with options such as {@code seed} and {@code episode_id}.
   *
   * @param options null for none, which sends no body at all
   */
  public static HttpCall reset(ObjectNode options) {
    return options == null ? reset() : new HttpCall("POST", Routes.RESET, Json.write(options));
  }

  /** {@code POST /step {"action":{...}}}. */
  public static HttpCall step(ObjectNode action) {
    return new HttpCall("POST", Routes.STEP, Json.write(Map.of(ACTION, action)));
  }

  /**
   * {@code POST /mcp} with a JSON-RPC request, as OpenEnv's MCP client sends a tool call over HTTP
   * (docs/protocol.md §4.7): the body is the request itself, answered 200 with a JSON-RPC reply.
   */
  public static HttpCall mcp(ObjectNode request) {
    return new HttpCall("POST", Routes.MCP, Json.write(request));
  }

  /** {@link #JSON} when there is a body, else null. */
  public String contentType() {
    return body == null ? null : JSON;
  }
}
