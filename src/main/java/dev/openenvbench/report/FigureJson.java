package dev.openenvbench.report;

import dev.openenvbench.report.Figure.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Figures as plain maps for report.html's JSON; NaN becomes null (JSON has no NaN). */
final class FigureJson {
  private FigureJson() {}

  static Map<String, Object> of(Figure f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    m.put("title", f.title());
    switch (f) {
      case Figure.Lines l -> {
        m.put("type", "lines");
        m.put("xLabel", l.xLabel());
        m.put("yLabel", l.yLabel());
        m.put("log2X", l.log2X());
        m.put("perSecond", l.perSecond());
        m.put("panels", l.panels().stream().map(FigureJson::linePanel).toList());
      }
      case Figure.Bars b -> {
        m.put("type", "bars");
        m.put("yLabel", b.yLabel());
        m.put(
            "panels",
            b.panels().stream()
                .map(
                    p ->
                        Map.of(
                            "title",
                            p.title(),
                            "categories",
                            p.categories(),
                            "series",
                            series(p.series())))
                .toList());
      }
      case Figure.Heatmap h -> {
        m.put("type", "heatmap");
        m.put("xLabel", h.xLabel());
        m.put("valueLabel", h.valueLabel());
        m.put(
            "panels",
            h.panels().stream()
                .map(
                    p ->
                        Map.of(
                            "title",
                            p.title(),
                            "columns",
                            p.columns(),
                            "rows",
                            p.rows(),
                            "values",
                            Arrays.stream(p.values()).map(FigureJson::values).toList(),
                            "slo",
                            Double.isNaN(p.sloSeconds()) ? "none" : p.sloSeconds(),
                            "bands",
                            bands(p)))
                .toList());
      }
    }
    return m;
  }

  /** Each cell's colour, decided once here ({@link Figure.Band}) for the browser to paint. */
  private static List<List<String>> bands(Figure.HeatPanel p) {
    List<List<String>> out = new java.util.ArrayList<>();
    for (int r = 0; r < p.rows().size(); r++) {
      List<String> row = new java.util.ArrayList<>();
      for (int c = 0; c < p.columns().size(); c++) row.add(p.band(r, c).rgb);
      out.add(row);
    }
    return out;
  }

  private static Map<String, Object> linePanel(Figure.LinePanel p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", p.title());
    m.put("series", series(p.series()));
    m.put("hLine", Double.isNaN(p.hLine()) ? null : p.hLine());
    return m;
  }

  private static List<Map<String, Object>> series(List<Series> series) {
    return series.stream()
        .map(s -> Map.<String, Object>of("name", s.name(), "x", values(s.x()), "y", values(s.y())))
        .toList();
  }

  private static List<Double> values(double[] v) {
    List<Double> out = new ArrayList<>(v.length);
    for (double d : v) {
      out.add(Double.isNaN(d) ? null : d);
    }
    return out;
  }
}
