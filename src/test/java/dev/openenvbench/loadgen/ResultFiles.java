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

/** Test helper: reads a run's raw.jsonl and summary.csv back (plain CSV, no quoted cells). */
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
}
