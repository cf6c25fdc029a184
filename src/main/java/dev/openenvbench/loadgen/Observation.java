package dev.openenvbench.loadgen;

import tools.jackson.databind.JsonNode;

/**
 * The benchmark environment's observation, as far as the harness records it. Missing keys are null,
 * so a server with another environment still yields a usable row.
 */
public record Observation(
    Double waitedSeconds, Long pid, String sessionHash, String hostUrl, Integer stepCount) {

  /** Reads the {@code observation} object of a reset/step reply ({@code data} on WS). */
  static Observation from(JsonNode reply) {
    JsonNode o = reply.path("observation");
    return new Observation(
        o.path("waited_seconds").isNumber() ? o.path("waited_seconds").doubleValue() : null,
        o.path("pid").isNumber() ? o.path("pid").longValue() : null,
        o.path("session_hash").isString() ? o.path("session_hash").stringValue() : null,
        o.path("host_url").isString() ? o.path("host_url").stringValue() : null,
        o.path("step_count").isNumber() ? o.path("step_count").intValue() : null);
  }
}
