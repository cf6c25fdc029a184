package dev.openenvbench.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns a {@link CellSummary} into the text cells of one summary.csv row, by column name. */
public final class SummaryRow {
  private SummaryRow() {}

  public static Map<String, String> of(CellSummary s) {
    Map<String, String> row = new LinkedHashMap<>();
    CellKey k = s.key();
    row.put("mode", k.mode());
    row.put("url", k.url());
    row.put("num_requests", Integer.toString(k.numRequests()));
    row.put("batch_size", Integer.toString(k.numRequests()));
    row.put("wait_seconds", num(k.waitSeconds()));
    row.put("repetition", Integer.toString(k.repetition()));
    row.put("timestamp", k.timestamp());
    row.put("hardware", k.hardware() == null ? "" : k.hardware());
    row.put("successful", Integer.toString(s.successful()));
    row.put("failed", Integer.toString(s.failed()));
    row.put("error_rate", num(s.errorRate()));
    row.put("total_wall_time", num(s.totalWallTime()));
    percentiles(row, s, Phase.CONNECT, List.of("p50", "p95", "p99"));
    percentiles(row, s, Phase.RESET, List.of("p50", "p95", "p99"));
    percentiles(row, s, Phase.STEP, List.of("p50", "p95", "p99"));
    percentiles(row, s, Phase.TOTAL, List.of("min", "max", "avg", "p50", "p90", "p95", "p99"));
    row.put("requests_per_second", num(s.requestsPerSecond()));
    row.put("effective_concurrency", num(s.effectiveConcurrency()));
    row.put("unique_pids", Integer.toString(s.uniquePids()));
    row.put("unique_sessions", Integer.toString(s.uniqueSessions()));
    row.put("unique_hosts", Integer.toString(s.uniqueHosts()));
    additions(row, s);
    return row;
  }

  private static void additions(Map<String, String> row, CellSummary s) {
    CellKey k = s.key();
    row.put("steps", Integer.toString(k.steps()));
    row.put("barrier", Boolean.toString(k.barrier()));
    row.put("ramp_seconds", num(k.rampSeconds()));
    percentiles(row, s, Phase.TCP_CONNECT, List.of("p50", "p95", "p99"));
    percentiles(row, s, Phase.WS_UPGRADE, List.of("p50", "p95", "p99"));
    percentiles(row, s, Phase.CLOSE, List.of("p50", "p95", "p99"));
    PhaseStats step = s.phase(Phase.STEP);
    row.put("step_max", step == null ? "" : num(step.max()));
    percentiles(row, s, Phase.STEP_OVERHEAD, List.of("p50", "p95", "p99"));
    row.put("peak_concurrency", Integer.toString(s.peakConcurrency()));
    row.put("open_rate", num(s.openRate()));
    row.put("errors", errors(s));
    HarnessLoad h = s.harness();
    row.put("harness_cpu_seconds", num(h.cpuSeconds()));
    row.put("harness_cpu_max", num(h.cpuMax()));
    row.put("harness_loop_lag_max_ms", num(h.loopLagMaxMs()));
    row.put("harness_gc_pause_ms", num(h.gcPauseMs()));
    row.put("harness_open_fds_max", Long.toString(h.openFdsMax()));
    row.put("harness_saturated", Boolean.toString(h.saturated()));
    row.put("incomplete", Boolean.toString(s.incomplete()));
  }

  /** Failure counts per cause, e.g. {@code openenv_error:CAPACITY_REACHED=3;read_timeout=1}. */
  public static String errors(CellSummary s) {
    return s.errors().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(";"));
  }

  private static void percentiles(
      Map<String, String> row, CellSummary s, Phase phase, List<String> which) {
    PhaseStats st = s.phase(phase);
    for (String w : which) {
      String col = phase.columnPrefix() + "_" + w;
      row.put(col, st == null ? "" : num(pick(st, w)));
    }
  }

  private static double pick(PhaseStats st, String which) {
    return switch (which) {
      case "p50" -> st.p50();
      case "p90" -> st.p90();
      case "p95" -> st.p95();
      case "p99" -> st.p99();
      case "min" -> st.min();
      case "max" -> st.max();
      case "avg" -> st.avg();
      default -> throw new IllegalArgumentException(which);
    };
  }

  static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
