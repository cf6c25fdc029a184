package dev.openenvbench.report;

import dev.openenvbench.report.Figure.BarPanel;
import dev.openenvbench.report.Figure.LinePanel;
import dev.openenvbench.report.Figure.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Draws a {@link Figure} to PNG with XChart, one chart per panel, panels in a grid. Needs no
 * display: the caller runs with {@code java.awt.headless=true} (set by {@link ReportService}).
 */
public final class PngRenderer {
  private PngRenderer() {}

  public static void write(Figure figure, Path file) throws IOException {
    List<BufferedImage> panels =
        switch (figure) {
          case Figure.Lines l -> l.panels().stream().map(p -> image(lines(l, p))).toList();
          case Figure.Bars b -> b.panels().stream().map(p -> image(bars(b, p))).toList();
          case Figure.Heatmap h ->
              h.panels().stream()
                  .map(p -> HeatmapPainter.paint(h, p, h.panelWidthPx(), h.panelHeightPx()))
                  .toList();
        };
    BufferedImage out =
        new BufferedImage(figure.widthPx(), figure.heightPx(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(
          panels.get(i),
          i % figure.columns() * figure.panelWidthPx(),
          i / figure.columns() * figure.panelHeightPx(),
          null);
    }
    g.dispose();
    // Encoded in memory, then written at once: ImageIO would hide the file system's reason ("No
    // space left on device") behind its own "I/O error writing PNG file!".
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    if (!ImageIO.write(out, "png", png)) {
      throw new IOException("no PNG writer available");
    }
    Files.write(file, png.toByteArray());
  }

  private static BufferedImage image(Chart<?, ?> chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }

  static XYChart lines(Figure.Lines f, LinePanel p) {
    XYChart c = new XYChart(f.panelWidthPx(), f.panelHeightPx());
    c.setTitle(p.title());
    c.setXAxisTitle(f.xLabel());
    c.setYAxisTitle(f.yLabel());
    style(c.getStyler());
    c.getStyler().setMarkerSize(8);
    for (int i = 0; i < p.series().size(); i++) {
      Series s = p.series().get(i);
      if (f.perSecond()) {
        perSecond(c, s, i);
        continue;
      }
      double[] x =
          f.log2X() ? Arrays.stream(s.x()).map(v -> Math.log(v) / Math.log(2)).toArray() : s.x();
      XYSeries xy = c.addSeries(s.name(), x, s.y());
      xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      xy.setLineStyle(dashed(i));
    }
    if (f.log2X()) {
      // A tick at every N tested, labelled with it: XChart puts the ticks of a custom-formatted
      // axis at the data's x values when there are few of them, so 1, 10, 100 are all labelled.
      c.setCustomXAxisTickLabelsFormatter(PngRenderer::testedNLabel);
    }
    if (!Double.isNaN(p.hLine())) {
      AnnotationLine line = new AnnotationLine(p.hLine(), false, false);
      c.addAnnotation(line);
      c.getStyler().setAnnotationLineColor(Color.RED);
      c.getStyler()
          .setAnnotationLineStroke(
              new BasicStroke(
                  1.5f,
                  BasicStroke.CAP_BUTT,
                  BasicStroke.JOIN_MITER,
                  10f,
                  new float[] {6f, 4f},
                  0f));
      c.getStyler().setYAxisMin(0.0);
      c.getStyler().setYAxisMax(1.05);
    }
    return c;
  }

  /** Dashes of the i-th series of a line figure, as report.html's charts.js draws them too. */
  private static final float[][] DASHES = {null, {10f, 5f}, {2f, 4f}, {12f, 4f, 2f, 4f}};

  /**
   * A per-second series as steps: the count of second x holds from x to x + 1, so the last second
   * gets a closing point; the first series drawn widest, so a later one equal to it runs on top of
   * it and both show.
   */
  private static void perSecond(XYChart c, Series s, int i) {
    int n = s.x().length;
    double[] x = Arrays.copyOf(s.x(), n + 1);
    double[] y = Arrays.copyOf(s.y(), n + 1);
    if (n > 0) {
      x[n] = s.x()[n - 1] + 1;
      y[n] = s.y()[n - 1];
    }
    XYSeries xy = c.addSeries(s.name(), x, y);
    xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    xy.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
    xy.setLineStyle(dashed(i));
  }

  /**
   * The i-th series' line: its own dash, the first widest, so that series with equal values (ws and
   * http both at a success rate of 1; started and in flight) are drawn one over the other and both
   * show.
   */
  private static BasicStroke dashed(int i) {
    float[] dash = DASHES[i % DASHES.length];
    float width = i == 0 ? 4f : 2f;
    return dash == null
        ? new BasicStroke(width)
        : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dash, 0f);
  }

  /** A tick label of a log2 axis: the N at x = log2(N), whole Ns only. */
  static String testedNLabel(double x) {
    double n = Math.pow(2, x);
    double r = Math.rint(n);
    return Math.abs(n - r) < 1e-6 * Math.max(1, r) ? Long.toString(Math.round(r)) : "";
  }

  /**
   * Type big enough for a 1600 px figure; the legend right of the plot, one series a line, never
   * over the data (a horizontal legend below is cut off when the names are long).
   */
  private static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideE);
    s.setLegendLayout(Styler.LegendLayout.Vertical);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
      a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
      a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
      a.setYAxisDecimalPattern("0.###"); // "0.05", not XChart's ".05"
    }
  }

  static CategoryChart bars(Figure.Bars f, BarPanel p) {
    CategoryChart c = new CategoryChart(f.panelWidthPx(), f.panelHeightPx());
    c.setTitle(p.title());
    c.setYAxisTitle(f.yLabel());
    style(c.getStyler());
    for (Series s : p.series()) {
      List<Double> values = Arrays.stream(s.y()).boxed().toList();
      c.addSeries(s.name(), p.categories(), values);
    }
    return c;
  }
}
