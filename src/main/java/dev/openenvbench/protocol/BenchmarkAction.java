package dev.openenvbench.protocol;

import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark environment's action, {@code {"wait_seconds": float}} (seed README; the Python
 * class is {@code BenchmarkAction}). The server's environment validates it under this key; the
 * harness sends it.
 */
public record BenchmarkAction(double waitSeconds) {
  public static final String WAIT_SECONDS = "wait_seconds";

  /** The action object, for a {@code /ws} step's {@code data} or HTTP's {@code "action"}. */
  public ObjectNode json() {
    return Json.mapper().createObjectNode().put(WAIT_SECONDS, waitSeconds);
  }
}
