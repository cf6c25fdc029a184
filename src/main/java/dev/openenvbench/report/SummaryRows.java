package dev.openenvbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code summary.csv} records (read by {@link dev.openenvbench.results.SummaryCsvReader})
 * into {@link SummaryRow}s by column name, tolerating missing and extra columns: the seed's Python
 * harness writes only the seed columns, ours appends more.
 */
public final class SummaryRows {
  private SummaryRows() {}

  public static List<SummaryRow> read(Path file) throws IOException {
    List<SummaryRow> rows = new ArrayList<>();
    int line = 1;
    for (Map<String, String> r : dev.openenvbench.results.SummaryCsvReader.rows(file)) {
      line++;
      try {
        rows.add(toRow(r));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": record " + line + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }

  static SummaryRow toRow(Map<String, String> r) {
    String mode = r.getOrDefault("mode", "").toLowerCase(java.util.Locale.ROOT);
    if (mode.isEmpty()) {
      throw new IllegalArgumentException("no mode");
    }
    int n = (int) number(r, "num_requests");
    if (n <= 0) {
      n = (int) number(r, "batch_size");
    }
    if (n <= 0) {
      throw new IllegalArgumentException("no num_requests");
    }
    double wait = number(r, "wait_seconds");
    if (Double.isNaN(wait)) {
      throw new IllegalArgumentException("no wait_seconds");
    }
    double rep = number(r, "repetition");
    return new SummaryRow(
        mode,
        n,
        wait,
        Double.isNaN(rep) ? 1 : (int) rep,
        successRate(r, n),
        number(r, "connect_p50"),
        number(r, "reset_p50"),
        number(r, "step_p50"),
        number(r, "total_p50"),
        number(r, "total_p95"),
        number(r, "total_p99"),
        number(r, "step_overhead_p99"),
        flag(r, "harness_saturated"));
  }

  /**
   * Successful sessions over the N requested: a session that never finished (harness stopped,
   * {@code incomplete}) counts as not successful. Falls back to {@code 1 - error_rate} (a fraction,
   * or a percentage when above 1) for files without counts.
   */
  static double successRate(Map<String, String> r, int n) {
    double ok = number(r, "successful");
    if (!Double.isNaN(ok)) {
      double failed = number(r, "failed");
      double denominator = Math.max(n, ok + (Double.isNaN(failed) ? 0 : failed));
      return ok / denominator;
    }
    double errorRate = number(r, "error_rate");
    if (Double.isNaN(errorRate)) {
      throw new IllegalArgumentException("neither successful nor error_rate");
    }
    return 1 - (errorRate > 1 ? errorRate / 100 : errorRate);
  }

  static double number(Map<String, String> r, String column) {
    String v = r.get(column);
    if (v == null || v.isEmpty() || v.equalsIgnoreCase("nan") || v.equalsIgnoreCase("none")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("column " + column + ": not a number: " + v, e);
    }
  }

  static boolean flag(Map<String, String> r, String column) {
    String v = r.getOrDefault(column, "").toLowerCase(java.util.Locale.ROOT);
    return v.equals("true") || v.equals("1") || v.equals("yes");
  }
}
