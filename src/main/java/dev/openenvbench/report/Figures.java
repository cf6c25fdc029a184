package dev.openenvbench.report;

import dev.openenvbench.report.Figure.BarPanel;
import dev.openenvbench.report.Figure.HeatPanel;
import dev.openenvbench.report.Figure.LinePanel;
import dev.openenvbench.report.Figure.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Builds the report's figures from an {@link Analysis}. A figure with nothing to show (no {@code
 * --cores}, no raw.jsonl, no percentile columns) is left out rather than drawn empty.
 */
public final class Figures {
  private Figures() {}

  public static List<Figure> all(Analysis a) {
    List<Figure> out = new ArrayList<>();
    out.add(successVsN(a));
    out.add(maxBatch(a));
    batchPerCore(a).ifPresent(out::add);
    out.add(p99Heatmap(a));
    out.add(latencyVsN(a));
    RawFigures.stepOverhead(a).ifPresent(out::add);
    RawFigures.fairness(a).ifPresent(out::add);
    out.addAll(TimelineFigures.of(a));
    out.removeIf(f -> f.panelCount() == 0);
    return out;
  }

  static Figure successVsN(Analysis a) {
    List<LinePanel> panels = new ArrayList<>();
    for (double wait : a.waits()) {
      List<Series> series = new ArrayList<>();
      a.cells()
          .forEach(
              (infra, cells) -> {
                for (String mode : a.modes()) {
                  for (String session : a.sessions()) {
                    List<Cell> line = select(cells, mode, session, wait);
                    if (!line.isEmpty()) {
                      series.add(
                          series(infra + " " + a.line(mode, session), line, Cell::successMean));
                    }
                  }
                }
              });
      panels.add(
          new LinePanel(
              "wait " + Format.waitSeconds(wait) + " s", series, a.config().successThreshold()));
    }
    return new Figure.Lines(
        "success-vs-n",
        "Success rate vs concurrent sessions N",
        "N (concurrent sessions)",
        "success rate",
        true,
        panels);
  }

  static Figure maxBatch(Analysis a) {
    return new Figure.Bars(
        "max-batch",
        "Max batch by mode",
        "max batch (sessions)",
        barsPerWait(
            a,
            withBatches(a),
            (infra, mode, session, wait) -> maxN(a, infra, mode, session, wait)));
  }

  /**
   * The infrastructures with batch cells: a folder of open-loop cells only has no max batch, and a
   * bar of 0 would say it held none.
   */
  private static List<InfraResults> withBatches(Analysis a) {
    return a.infras().stream().filter(i -> !i.batchRows().isEmpty()).toList();
  }

  static java.util.Optional<Figure> batchPerCore(Analysis a) {
    List<InfraResults> withCores =
        withBatches(a).stream().filter(i -> i.cores().isPresent()).toList();
    if (withCores.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new Figure.Bars(
            "batch-per-core",
            "Max batch per core",
            "sessions per core",
            barsPerWait(
                a,
                withCores,
                (infra, mode, session, wait) ->
                    maxN(a, infra, mode, session, wait) / (double) infra.cores().getAsInt())));
  }

  /** What one bar shows: a value for an infrastructure, mode, session shape and wait. */
  private interface BarValue {
    double of(InfraResults infra, String mode, String session, double wait);
  }

  /** One panel per wait, one series per mode, one bar per infrastructure. */
  private static List<BarPanel> barsPerWait(Analysis a, List<InfraResults> infras, BarValue value) {
    List<String> labels = infras.stream().map(InfraResults::label).toList();
    List<BarPanel> panels = new ArrayList<>();
    for (double wait : a.waits()) {
      List<Series> series = new ArrayList<>();
      for (String mode : a.modes()) {
        for (String session : a.sessions()) {
          if (a.ran(mode, session)) {
            double[] v =
                infras.stream().mapToDouble(i -> value.of(i, mode, session, wait)).toArray();
            series.add(bars(a.line(mode, session), v));
          }
        }
      }
      panels.add(new BarPanel("wait " + Format.waitSeconds(wait) + " s", labels, series));
    }
    return panels;
  }

  private static int maxN(
      Analysis a, InfraResults infra, String mode, String session, double wait) {
    return a.maxBatch(infra.label(), mode, session, wait).map(MaxBatch::maxN).orElse(0);
  }

  static Figure p99Heatmap(Analysis a) {
    List<Integer> ns = a.ns();
    List<String> infras = a.infras().stream().map(InfraResults::label).toList();
    List<HeatPanel> panels = new ArrayList<>();
    for (String mode : a.modes()) {
      for (String session : a.sessions()) {
        for (double wait : a.waits()) {
          heatPanel(a, ns, infras, mode, session, wait).ifPresent(panels::add);
        }
      }
    }
    return new Figure.Heatmap(
        "p99-heatmap",
        "Total latency p99 (s) by infrastructure and N, against the SLO",
        "N (concurrent sessions)",
        "total p99 (s)",
        panels);
  }

  private static java.util.Optional<HeatPanel> heatPanel(
      Analysis a, List<Integer> ns, List<String> infras, String mode, String session, double wait) {
    double[][] v = new double[infras.size()][ns.size()];
    boolean any = false;
    for (int r = 0; r < infras.size(); r++) {
      List<Cell> cells = select(a.cells().get(infras.get(r)), mode, session, wait);
      for (int col = 0; col < ns.size(); col++) {
        int n = ns.get(col);
        v[r][col] =
            cells.stream()
                .filter(c -> c.n() == n)
                .mapToDouble(Cell::totalP99Seconds)
                .findFirst()
                .orElse(Double.NaN);
        any |= !Double.isNaN(v[r][col]);
      }
    }
    if (!any) return java.util.Optional.empty();
    return java.util.Optional.of(
        new HeatPanel(
            a.line(mode, session) + ", wait " + Format.waitSeconds(wait) + " s",
            ns.stream().map(String::valueOf).toList(),
            infras,
            v,
            a.config().latencySlo() ? a.config().sloSecondsFor(wait) : Double.NaN));
  }

  static Figure latencyVsN(Analysis a) {
    List<LinePanel> panels = new ArrayList<>();
    a.cells()
        .forEach(
            (infra, cells) -> {
              for (double wait : a.waits()) {
                List<Series> series = new ArrayList<>();
                for (String mode : a.modes()) {
                  for (String session : a.sessions()) {
                    List<Cell> line = select(cells, mode, session, wait);
                    String name = a.line(mode, session);
                    addIfAny(series, series(name + " p50", line, Cell::totalP50Seconds));
                    addIfAny(series, series(name + " p95", line, Cell::totalP95Seconds));
                    addIfAny(series, series(name + " p99", line, Cell::totalP99Seconds));
                  }
                }
                if (!series.isEmpty()) {
                  panels.add(
                      new LinePanel(
                          infra + ", wait " + Format.waitSeconds(wait) + " s", series, Double.NaN));
                }
              }
            });
    return new Figure.Lines(
        "latency-vs-n",
        "Total latency percentiles vs N",
        "N (concurrent sessions)",
        "total latency (s)",
        true,
        panels);
  }

  static List<Cell> select(List<Cell> cells, String mode, String session, double wait) {
    return cells.stream()
        .filter(
            c -> c.mode().equals(mode) && c.session().equals(session) && c.waitSeconds() == wait)
        .toList();
  }

  /** A series over N, leaving out cells where the value is unknown. */
  static Series series(String name, List<Cell> cells, ToDoubleFunction<Cell> y) {
    List<Cell> known = cells.stream().filter(c -> !Double.isNaN(y.applyAsDouble(c))).toList();
    return new Series(
        name,
        known.stream().mapToDouble(Cell::n).toArray(),
        known.stream().mapToDouble(y).toArray());
  }

  static Series bars(String name, double[] values) {
    return new Series(name, IntStream.range(0, values.length).asDoubleStream().toArray(), values);
  }

  private static void addIfAny(List<Series> out, Series s) {
    if (s.y().length > 0) {
      out.add(s);
    }
  }
}
