package dev.openenvbench.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file read by header name (RFC 4180 quoting, one record per line). Files appended to across
 * runs repeat no header, but a repeated header line is skipped anyway so that two concatenated
 * files still read.
 */
record CsvTable(List<Map<String, String>> rows) {

  static CsvTable read(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String headerLine = in.readLine();
      if (headerLine == null) {
        return new CsvTable(List.of());
      }
      List<String> header = splitLine(stripBom(headerLine));
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank() || line.equals(headerLine)) {
          continue;
        }
        rows.add(toRow(header, splitLine(line)));
      }
      return new CsvTable(rows);
    }
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  private static Map<String, String> toRow(List<String> header, List<String> values) {
    Map<String, String> row = new HashMap<>();
    for (int i = 0; i < header.size() && i < values.size(); i++) {
      row.put(header.get(i).trim(), values.get(i).trim());
    }
    return row;
  }

  /** Splits one record; a doubled quote inside a quoted field is one quote. */
  static List<String> splitLine(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out;
  }
}
