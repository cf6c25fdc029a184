package dev.openenvbench.report;

import dev.openenvbench.report.Figure.BarPanel;
import dev.openenvbench.report.Figure.HeatPanel;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
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
          case Figure.Heatmap h -> h.panels().stream().map(p -> image(heatmap(h, p))).toList();
        };
    BufferedImage out =
        new BufferedImage(figure.widthPx(), figure.heightPx(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(
          panels.get(i),
          i % Figure.COLUMNS * Figure.PANEL_WIDTH,
          i / Figure.COLUMNS * Figure.PANEL_HEIGHT,
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
    XYChart c = new XYChart(Figure.PANEL_WIDTH, Figure.PANEL_HEIGHT);
    c.setTitle(p.title());
    c.setXAxisTitle(f.xLabel());
    c.setYAxisTitle(f.yLabel());
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    for (Series s : p.series()) {
      double[] x =
          f.log2X() ? Arrays.stream(s.x()).map(v -> Math.log(v) / Math.log(2)).toArray() : s.x();
      XYSeries xy = c.addSeries(s.name(), x, s.y());
      xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    }
    if (f.log2X()) {
      c.setCustomXAxisTickLabelsFormatter(PngRenderer::powerOfTwoLabel);
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

  /** Tick labels of a log2 axis: 2^x at whole x, nothing in between. */
  static String powerOfTwoLabel(double x) {
    double r = Math.rint(x);
    return Math.abs(x - r) < 1e-6 ? Long.toString(Math.round(Math.pow(2, r))) : "";
  }

  static CategoryChart bars(Figure.Bars f, BarPanel p) {
    CategoryChart c = new CategoryChart(Figure.PANEL_WIDTH, Figure.PANEL_HEIGHT);
    c.setTitle(p.title());
    c.setYAxisTitle(f.yLabel());
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    for (Series s : p.series()) {
      List<Double> values = Arrays.stream(s.y()).boxed().toList();
      c.addSeries(s.name(), p.categories(), values);
    }
    return c;
  }

  static HeatMapChart heatmap(Figure.Heatmap f, HeatPanel p) {
    HeatMapChart c =
        new HeatMapChartBuilder().width(Figure.PANEL_WIDTH).height(Figure.PANEL_HEIGHT).build();
    c.setTitle(p.title());
    c.setXAxisTitle(f.xLabel());
    c.getStyler().setShowValue(true);
    c.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    c.getStyler().setValueFontColor(Color.BLACK);
    c.getStyler().setHeatMapValueDecimalPattern("0.000");
    c.getStyler().setXAxisTickMarkSpacingHint(20);
    c.getStyler().setYAxisTickMarkSpacingHint(12);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler()
        .setRangeColors(
            new Color[] {new Color(0xE8F5E9), new Color(0xFFEB3B), new Color(0xD32F2F)});
    List<Number[]> cells = new ArrayList<>();
    for (int r = 0; r < p.rows().size(); r++) {
      for (int col = 0; col < p.columns().size(); col++) {
        if (!Double.isNaN(p.values()[r][col])) {
          cells.add(new Number[] {col, r, p.values()[r][col]});
        }
      }
    }
    c.addSeries(f.valueLabel(), p.columns(), p.rows(), cells);
    return c;
  }
}
