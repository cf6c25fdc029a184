package dev.openenvbench.results;

import java.util.List;
import java.util.stream.Collectors;

/** CSV as {@code summary.csv} and the report's tables write it (RFC 4180 quoting). */
public final class Csv {
  private Csv() {}

  /** One record, newline-terminated; a cell with a comma, quote or newline is quoted. */
  public static String line(List<String> cells) {
    return cells.stream().map(Csv::quote).collect(Collectors.joining(",")) + "\n";
  }

  private static String quote(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n")) {
      return "\"" + cell.replace("\"", "\"\"") + "\"";
    }
    return cell;
  }
}
