package io.nrivertx.ops.metrics;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * containerd's {@code <prefix>_active_plugins_total}: a gauge whose name ends in {@code _total}.
 * The Prometheus Java client reserves that suffix for counters and refuses such a gauge, so
 * this one series is appended to the exposition text by hand, in the text format's three lines,
 * to keep containerd's exact name and type for existing dashboards.
 */
public final class ActivePluginsGauge {
  private final String name;
  private final AtomicInteger count = new AtomicInteger();

  ActivePluginsGauge(String prefix) {
    this.name = prefix + "_active_plugins_total";
  }

  public String name() {
    return name;
  }

  public void set(int plugins) {
    count.set(plugins);
  }

  public int get() {
    return count.get();
  }

  String appendTo(String exposition) {
    StringBuilder out = new StringBuilder(exposition.length() + 160).append(exposition);
    if (!exposition.isEmpty() && !exposition.endsWith("\n")) {
      out.append('\n');
    }
    return out.append("# HELP ").append(name).append(" Number of currently active NRI plugins\n")
        .append("# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(count.get()).append(".0\n").toString();
  }
}
