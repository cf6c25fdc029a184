package dev.openenvbench.report;

import java.util.List;

/**
 * A chart described once and drawn twice: as a PNG by {@link PngRenderer} (XChart) and as SVG in
 * report.html by the inlined script. A figure has one or more panels laid out in a grid of {@link
 * #COLUMNS} columns.
 */
public sealed interface Figure permits Figure.Lines, Figure.Bars, Figure.Heatmap {
  int COLUMNS = 2;
  int PANEL_WIDTH = 640;
  int PANEL_HEIGHT = 420;

  /** File stem of the PNG and id of the HTML chart, e.g. {@code success-vs-n}. */
  String id();

  String title();

  int panelCount();

  /** The PNG's size follows from the panel count: a grid {@link #COLUMNS} wide. */
  default int widthPx() {
    return Math.min(COLUMNS, panelCount()) * PANEL_WIDTH;
  }

  default int heightPx() {
    return (panelCount() + COLUMNS - 1) / COLUMNS * PANEL_HEIGHT;
  }

  /** Points joined by lines; with {@code log2X} the x axis is log base 2 (for N = 1, 2, 4, …). */
  record Lines(
      String id, String title, String xLabel, String yLabel, boolean log2X, List<LinePanel> panels)
      implements Figure {
    public int panelCount() {
      return panels.size();
    }
  }

  /**
   * @param hLine a horizontal reference line (e.g. the success threshold), NaN for none
   */
  record LinePanel(String title, List<Series> series, double hLine) {}

  record Series(String name, double[] x, double[] y) {}

  /** Grouped bars: one group per category, one bar per series. */
  record Bars(String id, String title, String yLabel, List<BarPanel> panels) implements Figure {
    public int panelCount() {
      return panels.size();
    }
  }

  record BarPanel(String title, List<String> categories, List<Series> series) {}

  /** Cells coloured by value; {@code values[row][column]}, NaN where nothing was measured. */
  record Heatmap(String id, String title, String xLabel, String valueLabel, List<HeatPanel> panels)
      implements Figure {
    public int panelCount() {
      return panels.size();
    }
  }

  record HeatPanel(String title, List<String> columns, List<String> rows, double[][] values) {}
}
