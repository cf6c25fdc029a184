package dev.openenvbench.report;

import dev.openenvbench.report.Figure.LinePanel;
import dev.openenvbench.report.Figure.Series;
import dev.openenvbench.results.Configuration;
import dev.openenvbench.results.Field;
import dev.openenvbench.results.SummaryColumns;
import dev.openenvbench.results.SummaryRecord;
import dev.openenvbench.results.TimeSeriesColumns;
import dev.openenvbench.results.TimeSeriesRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What happened inside each cell, from {@code timeseries.csv}: one panel per cell, second by
 * second, of its sessions (started, finished, failed, in flight) and of its steps' round trips
 * (p50, p99). A soak, an open-loop cell or a cell where sessions were abandoned shows here what its
 * one summary row averages away. Only the last {@link #MAX_PANELS} cells are drawn, so that a long
 * sweep's report stays readable; the file has them all.
 */
final class TimelineFigures {
  static final int MAX_PANELS = 8;

  private TimelineFigures() {}

  static List<Figure> of(Analysis a) {
    Map<String, List<TimeSeriesRecord>> cells = new LinkedHashMap<>();
    Map<String, String> titles = new LinkedHashMap<>();
    for (InfraResults infra : a.infras()) {
      for (TimeSeriesRecord r : infra.timeSeries()) {
        String key = infra.label() + "/" + r.get(TimeSeriesColumns.CELL_ID);
        cells.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        titles.computeIfAbsent(key, k -> title(infra, r.get(TimeSeriesColumns.CELL_ID)));
      }
    }
    if (cells.isEmpty()) return List.of();
    List<String> shown = new ArrayList<>(cells.keySet());
    String which = "";
    if (shown.size() > MAX_PANELS) {
      which = " (the last " + MAX_PANELS + " of " + shown.size() + " cells)";
      shown = shown.subList(shown.size() - MAX_PANELS, shown.size());
    }
    List<LinePanel> sessions = new ArrayList<>();
    List<LinePanel> steps = new ArrayList<>();
    for (String key : shown) {
      List<TimeSeriesRecord> rows = cells.get(key);
      String title = titles.get(key);
      sessions.add(
          new LinePanel(
              title,
              List.of(
                  series("started", rows, TimeSeriesColumns.STARTED),
                  series("finished", rows, TimeSeriesColumns.FINISHED),
                  series("failed", rows, TimeSeriesColumns.FAILED),
                  series("in flight", rows, TimeSeriesColumns.IN_FLIGHT)),
              Double.NaN));
      // A cell stopped before any step was answered has nothing to draw (nor can a chart draw it).
      List<Series> latencies =
          List.of(
                  seconds("step p50", rows, TimeSeriesColumns.STEP_P50),
                  seconds("step p99", rows, TimeSeriesColumns.STEP_P99))
              .stream()
              .filter(x -> x.x().length > 0)
              .toList();
      if (!latencies.isEmpty()) steps.add(new LinePanel(title, latencies, Double.NaN));
    }
    return List.of(
        new Figure.Lines(
            "timeline-sessions",
            "Sessions per second inside each cell" + which,
            "second of the cell",
            "sessions (in flight: at the second's end)",
            false,
            sessions,
            true),
        new Figure.Lines(
            "timeline-steps",
            "Step latency per second inside each cell" + which,
            "second of the cell",
            "step round trip (s) of the steps answered in that second",
            false,
            steps));
  }

  /** The cell as its summary row describes it, e.g. {@code local: ws N=30 w=1 s rep 1}. */
  private static String title(InfraResults infra, String cellId) {
    Optional<SummaryRecord> row =
        infra.rows().stream().filter(r -> cellId.equals(r.get(SummaryColumns.CELL_ID))).findFirst();
    if (row.isEmpty()) return infra.label() + ": " + cellId;
    Configuration c = row.get().configuration();
    String load =
        c.openLoop() ? Format.ratio(c.arrivalRate()) + "/s" : "N=" + row.get().numRequests();
    return String.format(
        Locale.ROOT,
        "%s: %s %s w=%s s rep %d",
        infra.label(),
        c.mode(),
        load,
        Format.waitSeconds(c.waitSeconds()),
        row.get().get(SummaryColumns.REPETITION));
  }

  private static Series series(String name, List<TimeSeriesRecord> rows, Field<Integer> f) {
    double[] x = new double[rows.size()];
    double[] y = new double[rows.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = rows.get(i).get(TimeSeriesColumns.SECOND);
      Integer v = rows.get(i).get(f);
      y[i] = v == null ? Double.NaN : v;
    }
    return new Series(name, x, y);
  }

  /** A latency per second: seconds without steps have no point (not a zero). */
  private static Series seconds(String name, List<TimeSeriesRecord> rows, Field<Double> f) {
    List<TimeSeriesRecord> with = rows.stream().filter(r -> r.get(f) != null).toList();
    double[] x = new double[with.size()];
    double[] y = new double[with.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = with.get(i).get(TimeSeriesColumns.SECOND);
      y[i] = with.get(i).get(f);
    }
    return new Series(name, x, y);
  }
}
