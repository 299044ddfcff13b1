package io.nrivertx.plugin;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One log line per peer cut before it registered, naming the peer and why, rate-limited per
 * reason: at most {@link #LINES_PER_WINDOW} lines per reason every {@link #WINDOW_SECONDS} s; the
 * rest are counted and summed up in one "suppressed N similar lines" line when the window ends
 * (written by {@link #flush}, which the listener calls periodically, or by the next line of that
 * reason). A flood of bad connections thus costs a few lines a minute, and each reason still shows.
 *
 * <p>Thread-safety: safe from any thread; one instance per runtime, never static.
 */
public final class CutPeerLog implements PeerCuts {
  static final int LINES_PER_WINDOW = 5;
  static final long WINDOW_SECONDS = 10;
  private static final System.Logger LOG = System.getLogger(PluginListener.class.getName());

  /** Where lines go; the default is the listener's logger. */
  @FunctionalInterface
  public interface Sink {
    void log(Level level, String line);
  }

  private static final class Window {
    long start;
    int logged;
    long suppressed;
    String lastDetail;
  }

  private final LongSupplier nanoClock;
  private final Sink sink;
  private final Map<String, Window> windows = new LinkedHashMap<>();
  private final Map<String, Long> cuts = new TreeMap<>();
  private long suppressedLines;

  public CutPeerLog() {
    this(System::nanoTime, LOG::log);
  }

  public CutPeerLog(LongSupplier nanoClock, Sink sink) {
    this.nanoClock = nanoClock;
    this.sink = sink;
  }

  /** Counts the cut and logs it unless its reason is over the rate. */
  public void cut(String reason, PeerIdentity peer, String detail) {
    String line = "cut plugin connection from " + peer + " before it registered (" + reason + "): " + detail;
    boolean write;
    String summary;
    synchronized (this) {
      cuts.merge(reason, 1L, Long::sum);
      long now = nanoClock.getAsLong();
      Window w = windows.computeIfAbsent(reason, r -> new Window());
      summary = roll(reason, w, now);
      write = w.logged < LINES_PER_WINDOW;
      if (write) {
        w.logged++;
      } else {
        w.suppressed++;
        w.lastDetail = peer + ": " + detail;
        suppressedLines++;
      }
    }
    if (summary != null) {
      sink.log(Level.WARNING, summary);
    }
    if (write) {
      sink.log(Level.WARNING, line);
    }
  }

  /** Writes the summary of every window that has ended with lines held back. */
  public void flush() {
    java.util.List<String> summaries = new java.util.ArrayList<>();
    synchronized (this) {
      long now = nanoClock.getAsLong();
      windows.forEach((reason, w) -> {
        String s = roll(reason, w, now);
        if (s != null) {
          summaries.add(s);
        }
      });
    }
    summaries.forEach(s -> sink.log(Level.WARNING, s));
  }

  /** Starts a new window if this one has ended; the summary of the old one, or null. */
  private static String roll(String reason, Window w, long now) {
    if (w.logged == 0 && w.suppressed == 0) {
      w.start = now;
      return null;
    }
    if (now - w.start < TimeUnit.SECONDS.toNanos(WINDOW_SECONDS)) {
      return null;
    }
    String summary = w.suppressed == 0 ? null : "suppressed " + w.suppressed + " similar lines (plugin connections"
        + " cut before registering: " + reason + ") in the last " + WINDOW_SECONDS + " s; the last: " + w.lastDetail;
    w.start = now;
    w.logged = 0;
    w.suppressed = 0;
    w.lastDetail = null;
    return summary;
  }

  @Override
  public synchronized Map<String, Long> byReason() {
    return Map.copyOf(cuts);
  }

  @Override
  public synchronized long suppressedLines() {
    return suppressedLines;
  }
}
