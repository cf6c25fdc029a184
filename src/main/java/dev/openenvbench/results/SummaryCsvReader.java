package dev.openenvbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code summary.csv} rows by column name (RFC 4180 quoting, one record per line): the one
 * CSV reader of the project, used by shard merging and by {@code report}. Tolerant on purpose: a
 * UTF-8 BOM is skipped, cells are trimmed, and a repeated header line (two files concatenated) is
 * skipped, so the seed's files and hand-edited ones read too.
 */
public final class SummaryCsvReader {
  private SummaryCsvReader() {}

  /** Every record as a map from column name to cell text (missing cells are absent). */
  public static List<Map<String, String>> rows(Path file) {
    List<Map<String, String>> rows = new ArrayList<>();
    try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String headerLine = in.readLine();
      if (headerLine == null) {
        return rows;
      }
      headerLine = headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine;
      List<String> header = cells(headerLine).stream().map(String::strip).toList();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isBlank() || line.equals(headerLine)) {
          continue;
        }
        List<String> cells = cells(line);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size() && i < cells.size(); i++) {
          row.put(header.get(i), cells.get(i).strip());
        }
        rows.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Splits one record; a doubled quote inside a quoted field is one quote. */
  public static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
