package dev.openenvbench.report;

import dev.openenvbench.report.Figure.Band;
import dev.openenvbench.report.Figure.HeatPanel;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Draws one heatmap panel with Java2D: each cell in its {@link Band}'s colour (pass, near, fail
 * relative to the SLO) with its value written in it, and a key below. XChart's heatmap spreads its
 * colours over the data's min..max, which paints a passing value red when all values pass.
 */
final class HeatmapPainter {
  private static final int TOP = 56;
  private static final int BOTTOM = 110;
  private static final int RIGHT = 24;

  private HeatmapPainter() {}

  static BufferedImage paint(Figure.Heatmap f, HeatPanel p, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    centre(g, p.title(), width / 2, 32);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    int left =
        20 + p.rows().stream().mapToInt(r -> g.getFontMetrics().stringWidth(r)).max().orElse(0);
    int cw = (width - left - RIGHT) / Math.max(1, p.columns().size());
    int ch = Math.min(200, (height - TOP - BOTTOM) / Math.max(1, p.rows().size()));
    for (int r = 0; r < p.rows().size(); r++) {
      int y = TOP + r * ch;
      g.setColor(Color.BLACK);
      g.drawString(
          p.rows().get(r),
          left - 10 - g.getFontMetrics().stringWidth(p.rows().get(r)),
          y + ch / 2 + 5);
      for (int c = 0; c < p.columns().size(); c++) {
        int x = left + c * cw;
        g.setColor(Color.decode(p.band(r, c).rgb));
        g.fillRect(x, y, cw - 2, ch - 2);
        double v = p.values()[r][c];
        g.setColor(Color.BLACK);
        centre(g, Double.isNaN(v) ? "–" : Format.seconds(v), x + cw / 2, y + ch / 2 + 5);
      }
    }
    int axis = TOP + p.rows().size() * ch;
    for (int c = 0; c < p.columns().size(); c++) {
      centre(g, p.columns().get(c), left + c * cw + cw / 2, axis + 20);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    centre(g, f.xLabel(), left + (width - left - RIGHT) / 2, axis + 44);
    key(g, p, width / 2, axis + 76);
    g.setStroke(new BasicStroke(1));
    g.dispose();
    return img;
  }

  /** What the colours mean, with the SLO they are relative to. */
  private static void key(Graphics2D g, HeatPanel p, int centreX, int y) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    if (Double.isNaN(p.sloSeconds())) {
      centre(g, "no latency SLO (--no-latency-slo): cells are not coloured", centreX, y);
      return;
    }
    String slo = Format.seconds(p.sloSeconds());
    String near = Format.seconds(Band.NEAR_FRACTION * p.sloSeconds());
    String[] words = {
      "pass: ≤ " + near + " s", "near: ≤ SLO " + slo + " s", "fail: > SLO " + slo + " s"
    };
    Band[] bands = {Band.PASS, Band.NEAR, Band.FAIL};
    FontMetrics m = g.getFontMetrics();
    int total = 0;
    for (String w : words) total += 24 + m.stringWidth(w) + 30;
    int x = centreX - total / 2;
    for (int i = 0; i < words.length; i++) {
      g.setColor(Color.decode(bands[i].rgb));
      g.fillRect(x, y - 13, 18, 18);
      g.setColor(Color.BLACK);
      g.drawString(words[i], x + 24, y + 1);
      x += 24 + m.stringWidth(words[i]) + 30;
    }
  }

  private static void centre(Graphics2D g, String s, int x, int y) {
    g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y);
  }
}
