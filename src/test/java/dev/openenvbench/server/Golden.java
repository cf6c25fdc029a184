package dev.openenvbench.server;

/**
 * Replaces the values that legitimately differ per process or session (pid, session hash, host,
 * episode id) with placeholders, so replies can be compared byte for byte.
 */
final class Golden {
  private Golden() {}

  static String normalize(String json) {
    return json.replaceAll("\"pid\":\\d+", "\"pid\":PID")
        .replaceAll("\"session_hash\":\"[0-9a-f]{12}\"", "\"session_hash\":\"HASH\"")
        .replaceAll("\"host_url\":\"[^\"]+:\\d+\"", "\"host_url\":\"HOST:PORT\"")
        .replaceAll("\"episode_id\":\"[0-9a-f-]{36}\"", "\"episode_id\":\"UUID\"");
  }
}
