package dev.openenvbench.report;

import dev.openenvbench.results.Csv;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One report table, written as Markdown (in report.md), CSV ({@code <id>.csv}) and HTML from the
 * same cells, so the three always agree.
 *
 * @param id file stem and HTML anchor, e.g. {@code max-batch}
 */
public record Table(
    String id, String title, String description, List<String> headers, List<List<String>> rows) {

  public Table {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
    for (List<String> r : rows) {
      if (r.size() != headers.size()) {
        throw new IllegalArgumentException(id + ": row " + r + " does not match " + headers);
      }
    }
  }

  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("### ").append(title).append("\n\n").append(description).append("\n\n");
    b.append(mdLine(headers));
    b.append(mdLine(headers.stream().map(h -> "---").toList()));
    rows.forEach(r -> b.append(mdLine(r)));
    if (rows.isEmpty()) {
      b.append("\n(no data)\n");
    }
    return b.append('\n').toString();
  }

  /** The table for a terminal: columns padded to their widest cell. */
  public String text() {
    int[] w = new int[headers.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = headers.get(i).length();
      for (List<String> r : rows) w[i] = Math.max(w[i], r.get(i).length());
    }
    StringBuilder b = new StringBuilder();
    textLine(b, headers, w);
    rows.forEach(r -> textLine(b, r, w));
    return b.toString();
  }

  private static void textLine(StringBuilder b, List<String> cells, int[] w) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(cells.get(i)).append(" ".repeat(w[i] - cells.get(i).length() + 2));
    }
    b.append(line.toString().stripTrailing()).append('\n');
  }

  public String csv() {
    StringBuilder b = new StringBuilder(Csv.line(headers));
    rows.forEach(r -> b.append(Csv.line(r)));
    return b.toString();
  }

  /** The value of one column in one row; tests read tables by column name. */
  public String cell(int row, String column) {
    int i = headers.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException(id + " has no column " + column);
    }
    return rows.get(row).get(i);
  }

  private static String mdLine(List<String> cells) {
    return cells.stream()
            .map(c -> c.replace("|", "\\|"))
            .collect(Collectors.joining(" | ", "| ", " |"))
        + "\n";
  }
}
