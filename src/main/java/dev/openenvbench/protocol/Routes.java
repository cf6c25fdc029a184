package dev.openenvbench.protocol;

/**
 * The paths of an OpenEnv server's routes (docs/protocol.md §4.1), relative to its root URL: the
 * server routes requests by them, the harness calls them through {@link ServerUrl}.
 */
public final class Routes {
  public static final String RESET = "/reset";
  public static final String STEP = "/step";
  public static final String STATE = "/state";
  public static final String METADATA = "/metadata";
  public static final String HEALTH = "/health";
  public static final String SCHEMA = "/schema";

  /** JSON-RPC over HTTP ({@code POST}); not in the seed-pinned server. */
  public static final String MCP = "/mcp";

  /** The WebSocket session protocol (§2). */
  public static final String WS = "/ws";

  /** FastAPI's generated API description, which {@code openenv validate} reads. */
  public static final String OPENAPI = "/openapi.json";

  /** Prometheus metrics: this project's extension, not an OpenEnv route. */
  public static final String METRICS = "/metrics";

  private Routes() {}
}
