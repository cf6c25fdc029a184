package dev.openenvbench.report;

import static dev.openenvbench.results.SummaryColumns.stat;

import dev.openenvbench.results.Configuration;
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
  static final double EPSILON = Repetitions.EPSILON;

  private Cells() {}

  /** Every cell of one infrastructure, ordered by mode, session shape, wait, N. */
  public static List<Cell> of(InfraResults infra, ReportConfig config) {
    Map<Configuration, List<SummaryRecord>> byConfig = new TreeMap<>(Configuration.ORDER);
    for (SummaryRecord r : infra.batchRows()) {
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
    List<SummaryRecord> reps = Repetitions.complete(all);
    double[] rates = reps.stream().mapToDouble(SummaryRecord::successRate).toArray();
    double mean = Repetitions.successMean(reps);
    double p99 = Repetitions.worst(reps, stat(Phase.TOTAL, Stat.P99));
    double overheadP99 = Repetitions.worst(reps, stat(Phase.STEP_OVERHEAD, Stat.P99));
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
        Repetitions.median(reps, stat(Phase.CONNECT, Stat.P50)),
        Repetitions.median(reps, stat(Phase.RESET, Stat.P50)),
        Repetitions.median(reps, stat(Phase.STEP, Stat.P50)),
        Repetitions.median(reps, stat(Phase.TOTAL, Stat.P50)),
        Repetitions.worst(reps, stat(Phase.TOTAL, Stat.P95)),
        p99,
        overheadP99,
        slo,
        reps.stream().anyMatch(r -> r.flag(SummaryColumns.HARNESS_SATURATED)),
        all.size() - reps.size(),
        !reps.isEmpty() && mean >= c.successThreshold() - EPSILON,
        latencyOk);
  }
}
