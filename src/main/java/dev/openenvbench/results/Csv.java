package dev.openenvbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as summary.csv and the report's tables are written and read: RFC 4180 quoting, one record per
 * line. A line break inside a cell would split the record for every line-based reader (ours, the
 * seed's scripts, {@code grep}), so it is written as a space.
 */
public final class Csv {
  private Csv() {}

  /** One record, newline-terminated; a cell with a comma or quote is quoted. */
  public static String line(List<String> cells) {
    return cells.stream().map(Csv::quote).collect(Collectors.joining(",")) + "\n";
  }

  private static String quote(String cell) {
    String c = cell.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    if (c.contains(",") || c.contains("\"")) {
      return "\"" + c.replace("\"", "\"\"") + "\"";
    }
    return c;
  }

  /** Splits one record; a doubled quote inside a quoted cell is one quote. */
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
