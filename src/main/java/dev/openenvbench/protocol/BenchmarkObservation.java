package dev.openenvbench.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The benchmark environment's observation fields, in the Python class's declaration order
 * (docs/protocol.md §5.3): the server's environment writes them with {@link #fields()}, the harness
 * reads them with {@link #from}. Any field may be null on the reading side, so that a server
 * hosting another environment still yields a usable result.
 *
 * @param waitedSeconds the {@code wait_seconds} the step was asked for (0.0 after reset)
 * @param pid the id of the server process that ran the step
 * @param sessionHash the first 12 hex digits of the SHA-256 of the session's episode id
 * @param hostUrl {@code <hostname>:<port>} of the server
 * @param stepCount steps since the last reset
 */
public record BenchmarkObservation(
    Double waitedSeconds, Long pid, String sessionHash, String hostUrl, Integer stepCount) {
  public static final String WAITED_SECONDS = "waited_seconds";
  public static final String PID = "pid";
  public static final String SESSION_HASH = "session_hash";
  public static final String HOST_URL = "host_url";
  public static final String STEP_COUNT = "step_count";

  /** Reads the fields from an observation object; a missing or mistyped field is null. */
  public static BenchmarkObservation from(ObjectNode observation) {
    JsonNode waited = observation.path(WAITED_SECONDS);
    JsonNode pid = observation.path(PID);
    JsonNode hash = observation.path(SESSION_HASH);
    JsonNode host = observation.path(HOST_URL);
    JsonNode steps = observation.path(STEP_COUNT);
    return new BenchmarkObservation(
        waited.isNumber() ? waited.doubleValue() : null,
        pid.isNumber() ? pid.longValue() : null,
        hash.isString() ? hash.stringValue() : null,
        host.isString() ? host.stringValue() : null,
        steps.isNumber() ? steps.intValue() : null);
  }

  /** The observation as the server sends it, keys in declaration order. */
  public Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(WAITED_SECONDS, waitedSeconds);
    m.put(PID, pid);
    m.put(SESSION_HASH, sessionHash);
    m.put(HOST_URL, hostUrl);
    m.put(STEP_COUNT, stepCount);
    return m;
  }
}
