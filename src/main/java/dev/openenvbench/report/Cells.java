package dev.openenvbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Combines summary rows into {@link Cell}s and judges each against the report's criteria. */
public final class Cells {
  /** Guards "19/20 ≥ 0.95" against the rounding of a mean over repetitions. */
  static final double EPSILON = 1e-9;

  private Cells() {}

  /** Every cell of one infrastructure, ordered by mode, wait, N. */
  public static List<Cell> of(InfraResults infra, ReportConfig config) {
    Map<CellKey, List<SummaryRow>> byKey = new TreeMap<>(CellKey.ORDER);
    for (SummaryRow r : infra.rows()) {
      byKey
          .computeIfAbsent(
              new CellKey(r.mode(), r.numRequests(), r.waitSeconds()), k -> new ArrayList<>())
          .add(r);
    }
    List<Cell> cells = new ArrayList<>();
    byKey.forEach((key, reps) -> cells.add(combine(infra, key, reps, config)));
    return cells;
  }

  /** Cells of every infrastructure, keeping the infrastructures' order. */
  public static Map<String, List<Cell>> of(List<InfraResults> infras, ReportConfig config) {
    Map<String, List<Cell>> out = new LinkedHashMap<>();
    infras.forEach(i -> out.put(i.label(), of(i, config)));
    return out;
  }

  static Cell combine(InfraResults infra, CellKey key, List<SummaryRow> reps, ReportConfig c) {
    double[] rates = reps.stream().mapToDouble(SummaryRow::successRate).toArray();
    double mean = Arrays.stream(rates).average().orElse(0);
    double p99 = worst(reps, SummaryRow::totalP99Seconds);
    double overheadP99 = worst(reps, SummaryRow::stepOverheadP99Seconds);
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
        Arrays.stream(rates).min().orElse(0),
        Arrays.stream(rates).max().orElse(0),
        median(reps, SummaryRow::connectP50Seconds),
        median(reps, SummaryRow::resetP50Seconds),
        median(reps, SummaryRow::stepP50Seconds),
        median(reps, SummaryRow::totalP50Seconds),
        worst(reps, SummaryRow::totalP95Seconds),
        p99,
        overheadP99,
        slo,
        reps.stream().anyMatch(SummaryRow::harnessSaturated),
        mean >= c.successThreshold() - EPSILON,
        latencyOk);
  }

  static double worst(List<SummaryRow> reps, ToDoubleFunction<SummaryRow> f) {
    return reps.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
  }

  /** The lower median, so the value is one a repetition actually measured. */
  static double median(List<SummaryRow> reps, ToDoubleFunction<SummaryRow> f) {
    double[] v = reps.stream().mapToDouble(f).filter(x -> !Double.isNaN(x)).sorted().toArray();
    return v.length == 0 ? Double.NaN : v[(v.length - 1) / 2];
  }
}
