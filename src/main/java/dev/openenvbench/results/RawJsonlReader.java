package dev.openenvbench.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code raw.jsonl} back into {@link SessionRecord}s, one line at a time (files may hold
 * millions of sessions). Missing additions read as null, so seed files read too. A last line cut
 * short by a crash is skipped.
 */
public final class RawJsonlReader {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RawJsonlReader() {}

  public static void forEach(Path file, Consumer<SessionRecord> action) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) continue;
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (RuntimeException torn) {
          continue;
        }
        action.accept(parse(n));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SessionRecord parse(JsonNode n) {
    return new SessionRecord(
        n.path("request_id").asInt(),
        str(n, "mode"),
        str(n, "timestamp"),
        n.path("wait_requested").asDouble(),
        n.path("batch_size").asInt(),
        str(n, "hardware"),
        dbl(n, "connect_latency"),
        dbl(n, "reset_latency"),
        dbl(n, "step_latency"),
        dbl(n, "total_latency"),
        dbl(n, "waited_seconds"),
        n.path("pid").isNumber() ? n.path("pid").longValue() : null,
        str(n, "session_hash"),
        str(n, "host_url"),
        n.path("success").asBoolean(),
        str(n, "error_type"),
        str(n, "error_message"),
        n.path("repetition").asInt(1),
        str(n, "url"),
        n.path("steps").asInt(1),
        n.path("steps_completed").asInt(),
        dbl(n, "tcp_connect_latency"),
        dbl(n, "ws_upgrade_latency"),
        dbl(n, "close_latency"),
        dbl(n, "step_overhead"),
        dbl(n, "step_latency_max"),
        str(n, "error_code"),
        integer(n, "active_sessions"),
        integer(n, "max_sessions"),
        str(n, "remote_address"),
        n.path("start_offset").asDouble(),
        dbl(n, "step_start_offset"),
        dbl(n, "step_end_offset"));
  }

  private static String str(JsonNode n, String f) {
    return n.path(f).isString() ? n.path(f).stringValue() : null;
  }

  private static Double dbl(JsonNode n, String f) {
    return n.path(f).isNumber() ? n.path(f).doubleValue() : null;
  }

  private static Integer integer(JsonNode n, String f) {
    return n.path(f).isNumber() ? n.path(f).intValue() : null;
  }
}
