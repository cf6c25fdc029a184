package dev.openenvbench.report;

import java.util.List;

/**
 * A chart described once and drawn twice: as a PNG by {@link PngRenderer} (XChart) and as SVG in
 * report.html by the inlined script. A figure has one or more panels laid out in a grid of {@link
 * #COLUMNS} columns.
 */
public sealed interface Figure permits Figure.Lines, Figure.Bars, Figure.Heatmap {
  int COLUMNS = 2;

  /** A PNG is this wide whatever its panels, as the seed's matplotlib figures (1500 × 900). */
  int WIDTH_PX = 1600;

  /** A PNG is at least this high; a panel at least {@link #MIN_PANEL_HEIGHT_PX}. */
  int MIN_HEIGHT_PX = 900;

  int MIN_PANEL_HEIGHT_PX = 500;

  /** File stem of the PNG and id of the HTML chart, e.g. {@code success-vs-n}. */
  String id();

  String title();

  int panelCount();

  /** The PNG's panels are a grid {@link #COLUMNS} wide (fewer when there are fewer panels). */
  default int columns() {
    return Math.max(1, Math.min(COLUMNS, panelCount()));
  }

  default int gridRows() {
    return (panelCount() + columns() - 1) / columns();
  }

  default int panelWidthPx() {
    return WIDTH_PX / columns();
  }

  default int panelHeightPx() {
    return Math.max(MIN_PANEL_HEIGHT_PX, (MIN_HEIGHT_PX + gridRows() - 1) / gridRows());
  }

  default int widthPx() {
    return panelWidthPx() * columns();
  }

  default int heightPx() {
    return gridRows() * panelHeightPx();
  }

  /**
   * Points joined by lines; with {@code log2X} the x axis is log base 2 (for N = 1, 2, 4, …). With
   * {@code perSecond} each point is a count over the second that starts at its x, [x, x + 1), and
   * is drawn as a step that holds for that second, each series with its own dash: a line from one
   * second's count to the next would read as a ramp (a 1 s cell's "finished" as sessions finishing
   * one by one), and two equal counts drawn solid hide one another.
   */
  record Lines(
      String id,
      String title,
      String xLabel,
      String yLabel,
      boolean log2X,
      List<LinePanel> panels,
      boolean perSecond)
      implements Figure {
    Lines(
        String id,
        String title,
        String xLabel,
        String yLabel,
        boolean log2X,
        List<LinePanel> panels) {
      this(id, title, xLabel, yLabel, log2X, panels, false);
    }

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

  /**
   * @param sloSeconds the limit the colours are relative to ({@link Band}); NaN paints by nothing
   */
  record HeatPanel(
      String title, List<String> columns, List<String> rows, double[][] values, double sloSeconds) {
    public Band band(int row, int column) {
      return Band.of(values[row][column], sloSeconds);
    }
  }

  /**
   * A heatmap cell's colour, relative to the SLO rather than to the data's range: a passing 1.06 s
   * is green whatever else the sweep measured.
   */
  enum Band {
    /** At most {@link #NEAR_FRACTION} of the SLO. */
    PASS("#a5d6a7", "pass"),
    /** Above {@link #NEAR_FRACTION} of the SLO, not above it. */
    NEAR("#ffe082", "near"),
    /** Above the SLO. */
    FAIL("#ef9a9a", "fail"),
    /** Not measured, or no SLO. */
    NONE("#eeeeee", "none");

    public static final double NEAR_FRACTION = 0.8;
    public final String rgb;
    public final String word;

    Band(String rgb, String word) {
      this.rgb = rgb;
      this.word = word;
    }

    public static Band of(double value, double slo) {
      if (Double.isNaN(value) || Double.isNaN(slo)) return NONE;
      if (value > slo + Repetitions.EPSILON) return FAIL;
      return value > NEAR_FRACTION * slo ? NEAR : PASS;
    }
  }
}
