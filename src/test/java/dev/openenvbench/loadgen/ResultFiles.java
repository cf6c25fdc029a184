package dev.openenvbench.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test helper: reads a run's raw.jsonl, summary.csv (plain CSV, no quoted cells) and its one run's
 * manifest back, and empties a folder for the next run.
 */
public final class ResultFiles {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ResultFiles() {}

  public static List<JsonNode> raw(Path dir) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("raw.jsonl"))) rows.add(JSON.readTree(line));
    return rows;
  }

  public static List<Map<String, String>> summary(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("summary.csv"));
    String[] header = lines.getFirst().split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (cells.length != header.length)
        throw new AssertionError("row has " + cells.length + " cells: " + line);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) row.put(header[i], cells[i]);
      rows.add(row);
    }
    return rows;
  }

  /** The manifest of the folder's one run, as text. */
  public static String manifest(Path dir) throws IOException {
    try (var runs = Files.list(dir.resolve("runs"))) {
      return Files.readString(runs.findFirst().orElseThrow().resolve("manifest.json"));
    }
  }

  /** Deletes everything in {@code dir}, keeping the folder itself. */
  public static void clear(Path dir) throws IOException {
    try (var all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder())
          .filter(p -> !p.equals(dir))
          .forEach(p -> p.toFile().delete());
    }
  }
}
