package dev.openenvbench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams {@code raw.jsonl} into {@link RawStats}, one line at a time. Reads the seed's fields and
 * uses ours when present: {@code step_overhead} if written, otherwise step latency minus the
 * requested wait; {@code batch_size} for N (without it a session counts only in per-mode figures).
 */
public final class RawJsonlReader {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private RawJsonlReader() {}

  public static RawStats read(Path file) throws IOException {
    RawStats stats = new RawStats();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode s;
        try {
          s = JSON.readTree(line);
        } catch (RuntimeException e) {
          throw new IOException(file + ":" + lineNo + ": not JSON: " + e.getMessage(), e);
        }
        if (s.path("success").asBoolean(false)) {
          record(stats, s);
        }
      }
    }
    return stats;
  }

  private static void record(RawStats stats, JsonNode s) {
    double wait = number(s, "wait_requested");
    CellKey cell =
        new CellKey(
            s.path("mode").asString("").toLowerCase(Locale.ROOT),
            (int) (Double.isNaN(number(s, "batch_size")) ? 0 : number(s, "batch_size")),
            wait);
    double overhead = number(s, "step_overhead");
    if (Double.isNaN(overhead)) {
      overhead = number(s, "step_latency") - wait;
    }
    stats.recordSuccess(cell, overhead, text(s, "host_url"), text(s, "pid"));
  }

  private static double number(JsonNode s, String field) {
    JsonNode v = s.get(field);
    return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
  }

  private static String text(JsonNode s, String field) {
    JsonNode v = s.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
