package io.nrivertx.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The report's chart, drawn with Java2D (headless): CreateContainer p50 and p99 latency against
 * the number of plugins, one line per runtime and percentile.
 */
final class Chart {
  private static final int[] PLUGINS = {1, 3, 10};
  private static final int W = 820;
  private static final int H = 500;
  private static final int LEFT = 80;
  private static final int RIGHT = 220;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;

  private Chart() {
  }

  static void write(Results r, Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    double max = 0;
    for (String rt : new String[] {Runners.GO, Runners.JAVA}) {
      for (int n : PLUGINS) {
        max = Math.max(max, nz(r.median("create-" + n, rt, "p99Us")));
      }
    }
    max = niceCeiling(Math.max(max, 1));
    axes(g, max);
    line(g, r, Runners.GO, "p50Us", new Color(0x1f77b4), false, max, 0);
    line(g, r, Runners.GO, "p99Us", new Color(0x1f77b4), true, max, 1);
    line(g, r, Runners.JAVA, "p50Us", new Color(0xd62728), false, max, 2);
    line(g, r, Runners.JAVA, "p99Us", new Color(0xd62728), true, max, 3);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString("CreateContainer latency vs number of plugins", LEFT, 30);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  private static void axes(Graphics2D g, double max) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i <= 5; i++) {
      int y = y(max * i / 5, max);
      g.setColor(new Color(0xdddddd));
      g.drawLine(LEFT, y, W - RIGHT, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format("%.0f", max * i / 5), 20, y + 4);
    }
    for (int n : PLUGINS) {
      g.drawString(Integer.toString(n), x(n) - 4, H - BOTTOM + 18);
    }
    g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
    g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
    g.drawString("plugins", (LEFT + W - RIGHT) / 2 - 20, H - 20);
    g.drawString("µs", 30, TOP - 10);
  }

  private static void line(Graphics2D g, Results r, String rt, String metric, Color c, boolean dashed,
                           double max, int legendRow) {
    g.setColor(c);
    g.setStroke(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
        new float[] {8f, 6f}, 0f) : new BasicStroke(2.5f));
    int px = -1;
    int py = -1;
    for (int n : PLUGINS) {
      double v = r.median("create-" + n, rt, metric);
      if (Double.isNaN(v)) {
        continue;
      }
      int x = x(n);
      int y = y(v, max);
      g.fillOval(x - 4, y - 4, 8, 8);
      if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      px = x;
      py = y;
    }
    int ly = TOP + 20 + legendRow * 24;
    g.drawLine(W - RIGHT + 20, ly, W - RIGHT + 60, ly);
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.BLACK);
    g.drawString(rt + " " + metric.replace("Us", ""), W - RIGHT + 68, ly + 4);
  }

  private static int x(int plugins) {
    return LEFT + (int) Math.round((plugins - 1) / 9.0 * (W - LEFT - RIGHT - 20)) + 10;
  }

  private static int y(double v, double max) {
    return H - BOTTOM - (int) Math.round(v / max * (H - TOP - BOTTOM));
  }

  private static double nz(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  private static double niceCeiling(double v) {
    double step = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * step >= v) {
        return m * step;
      }
    }
    return 10 * step;
  }
}
