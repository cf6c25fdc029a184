package dev.openenvbench.report;

import dev.openenvbench.report.Figure.BarPanel;
import dev.openenvbench.report.Figure.LinePanel;
import dev.openenvbench.report.Figure.Series;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/** Figures drawn from raw.jsonl aggregates: step-overhead distribution and fairness. */
final class RawFigures {
  /** Percentiles at which the overhead CDF is sampled. */
  private static final double[] CDF_PERCENTILES = {
    0, 1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.9, 100
  };

  private RawFigures() {}

  static Optional<Figure> stepOverhead(Analysis a) {
    List<LinePanel> panels = new ArrayList<>();
    for (String mode : a.modes()) {
      List<Series> series = new ArrayList<>();
      for (InfraResults infra : a.infras()) {
        Histogram h = infra.raw().map(r -> r.overheadByMode().get(mode)).orElse(null);
        if (h != null && h.getTotalCount() > 0) {
          series.add(cdf(infra.label(), h));
        }
      }
      if (!series.isEmpty()) {
        panels.add(new LinePanel(mode, series, Double.NaN));
      }
    }
    return panels.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new Figure.Lines(
                "step-overhead",
                "Step overhead distribution (all N)",
                "step latency − requested wait (ms)",
                "fraction of sessions ≤ x",
                false,
                panels));
  }

  static Series cdf(String name, Histogram h) {
    double[] x = new double[CDF_PERCENTILES.length];
    double[] y = new double[CDF_PERCENTILES.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = h.getValueAtPercentile(CDF_PERCENTILES[i]) / 1000.0;
      y[i] = CDF_PERCENTILES[i] / 100;
    }
    return new Series(name, x, y);
  }

  static Optional<Figure> fairness(Analysis a) {
    List<InfraResults> withRaw = a.infras().stream().filter(i -> i.raw().isPresent()).toList();
    if (withRaw.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Figure.Bars(
            "fairness",
            "Share of sessions per host and per process",
            "share of sessions (%)",
            List.of(
                shares("per host (busiest first)", withRaw, RawStats::sessionsPerHost),
                shares("per process (busiest first)", withRaw, RawStats::sessionsPerPid))));
  }

  private static BarPanel shares(
      String title,
      List<InfraResults> infras,
      Function<RawStats, java.util.Map<String, Long>> counts) {
    int ranks = infras.stream().mapToInt(i -> counts.apply(i.raw().get()).size()).max().orElse(0);
    List<String> categories = new ArrayList<>();
    for (int r = 1; r <= Math.max(1, ranks); r++) {
      categories.add("#" + r);
    }
    List<Series> series = new ArrayList<>();
    for (InfraResults infra : infras) {
      series.add(
          Figures.bars(
              infra.label(),
              sharesPercent(counts.apply(infra.raw().get()).values(), categories.size())));
    }
    return new BarPanel(title, categories, series);
  }

  /** Each count's share of the total in percent, largest first, padded with zeros. */
  static double[] sharesPercent(Collection<Long> counts, int length) {
    double total = counts.stream().mapToLong(Long::longValue).sum();
    double[] out = new double[length];
    List<Long> sorted = counts.stream().sorted((x, y) -> Long.compare(y, x)).toList();
    for (int i = 0; i < sorted.size() && i < length; i++) {
      out[i] = total == 0 ? 0 : 100.0 * sorted.get(i) / total;
    }
    return out;
  }
}
