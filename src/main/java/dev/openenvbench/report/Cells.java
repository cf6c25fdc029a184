package dev.openenvbench.report;

import static dev.openenvbench.results.SummaryColumns.stat;

import dev.openenvbench.results.Configuration;
import dev.openenvbench.results.Field;
import dev.openenvbench.results.Phase;
import dev.openenvbench.results.Stat;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Combines summary rows into {@link Cell}s and judges each against the report's criteria. */
public final class Cells {
  /** Guards "19/20 ≥ 0.95" against the rounding of a mean over repetitions. */
  static final double EPSILON = 1e-9;

  private Cells() {}

  /** Every cell of one infrastructure, ordered by mode, session shape, wait, N. */
  public static List<Cell> of(InfraResults infra, ReportConfig config) {
    Map<Configuration, List<SummaryRecord>> byConfig = new TreeMap<>(Configuration.ORDER);
    for (SummaryRecord r : infra.rows()) {
      byConfig.computeIfAbsent(r.configuration(), k -> new ArrayList<>()).add(r);
    }
    List<Cell> cells = new ArrayList<>();
    byConfig.forEach((key, reps) -> cells.add(combine(infra, key, reps, config)));
    return cells;
  }

  /** Cells of every infrastructure, keeping the infrastructures' order. */
  public static Map<String, List<Cell>> of(List<InfraResults> infras, ReportConfig config) {
    Map<String, List<Cell>> out = new LinkedHashMap<>();
    infras.forEach(i -> out.put(i.label(), of(i, config)));
    return out;
  }

  static Cell combine(
      InfraResults infra, Configuration key, List<SummaryRecord> all, ReportConfig c) {
    List<SummaryRecord> reps =
        all.stream().filter(r -> !r.flag(SummaryColumns.INCOMPLETE)).toList();
    double[] rates = reps.stream().mapToDouble(SummaryRecord::successRate).toArray();
    double mean = Arrays.stream(rates).average().orElse(Double.NaN);
    double p99 = worst(reps, stat(Phase.TOTAL, Stat.P99));
    double overheadP99 = worst(reps, stat(Phase.STEP_OVERHEAD, Stat.P99));
    if (Double.isNaN(overheadP99) && infra.raw().isPresent()) {
      overheadP99 = infra.raw().get().overheadPercentileSeconds(key, 99).orElse(Double.NaN);
    }
    double slo = c.sloSecondsFor(key.waitSeconds());
    boolean latencyOk = !c.latencySlo() || Double.isNaN(p99) || p99 <= slo + EPSILON;
    return new Cell(
        infra.label(),
        key,
        reps.size(),
        mean,
        Arrays.stream(rates).min().orElse(Double.NaN),
        Arrays.stream(rates).max().orElse(Double.NaN),
        median(reps, stat(Phase.CONNECT, Stat.P50)),
        median(reps, stat(Phase.RESET, Stat.P50)),
        median(reps, stat(Phase.STEP, Stat.P50)),
        median(reps, stat(Phase.TOTAL, Stat.P50)),
        worst(reps, stat(Phase.TOTAL, Stat.P95)),
        p99,
        overheadP99,
        slo,
        reps.stream().anyMatch(r -> r.flag(SummaryColumns.HARNESS_SATURATED)),
        all.size() - reps.size(),
        !reps.isEmpty() && mean >= c.successThreshold() - EPSILON,
        latencyOk);
  }

  static double worst(List<SummaryRecord> reps, Field<Double> column) {
    return reps.stream()
        .mapToDouble(r -> r.number(column))
        .filter(v -> !Double.isNaN(v))
        .max()
        .orElse(Double.NaN);
  }

  /** The lower median, so the value is one a repetition actually measured. */
  static double median(List<SummaryRecord> reps, Field<Double> column) {
    double[] v =
        reps.stream()
            .mapToDouble(r -> r.number(column))
            .filter(x -> !Double.isNaN(x))
            .sorted()
            .toArray();
    return v.length == 0 ? Double.NaN : v[(v.length - 1) / 2];
  }
}
