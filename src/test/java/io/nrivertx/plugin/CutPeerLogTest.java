package io.nrivertx.plugin;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** One line per cut peer, at most a few per reason and window, and a summary of the rest (fake clock). */
class CutPeerLogTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final CutPeerLog log = new CutPeerLog(now::get, (level, line) -> lines.add(line));

  @Test
  void aFloodOfOneReasonWritesAFewLinesThenOneSummaryPerWindow() {
    for (int i = 0; i < 1000; i++) {
      log.cut(PeerCuts.PROTOCOL_ERROR, new PeerIdentity(100 + i, 0, 0), "protocol error: unknown ttrpc message type 7");
    }
    assertEquals(CutPeerLog.LINES_PER_WINDOW, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("cut plugin connection from pid=100 uid=0 gid=0 before it registered"
        + " (protocol error): protocol error: unknown ttrpc message type 7"), lines.get(0));
    log.flush();
    assertEquals(CutPeerLog.LINES_PER_WINDOW, lines.size(), "no summary before the window ends");
    now.addAndGet(TimeUnit.SECONDS.toNanos(CutPeerLog.WINDOW_SECONDS));
    log.flush();
    assertEquals(CutPeerLog.LINES_PER_WINDOW + 1, lines.size());
    assertTrue(lines.getLast().startsWith("suppressed 995 similar lines (plugin connections cut before registering:"
        + " protocol error) in the last 10 s; the last: pid=1099"), lines.getLast());
    log.flush();
    assertEquals(CutPeerLog.LINES_PER_WINDOW + 1, lines.size(), "a summary once");
    assertEquals(Map.of(PeerCuts.PROTOCOL_ERROR, 1000L), log.byReason());
    assertEquals(995, log.suppressedLines());
  }

  @Test
  void eachReasonHasItsOwnRateAndTheNextLineAfterAWindowBringsTheSummary() {
    for (int i = 0; i < 8; i++) {
      log.cut(PeerCuts.OVER_LIMIT, new PeerIdentity(i, 0, 0), "over the inbound limit");
    }
    log.cut(PeerCuts.REGISTRATION_TIMEOUT, new PeerIdentity(9, 0, 0), "no RegisterPlugin within 5000 ms");
    assertEquals(CutPeerLog.LINES_PER_WINDOW + 1, lines.size(), "another reason is not held back");
    now.addAndGet(TimeUnit.SECONDS.toNanos(CutPeerLog.WINDOW_SECONDS + 1));
    log.cut(PeerCuts.OVER_LIMIT, new PeerIdentity(20, 0, 0), "over the inbound limit");
    assertTrue(lines.get(lines.size() - 2).startsWith("suppressed 3 similar lines"), lines.toString());
    assertTrue(lines.getLast().startsWith("cut plugin connection from pid=20"), lines.getLast());
    assertEquals(Map.of(PeerCuts.OVER_LIMIT, 9L, PeerCuts.REGISTRATION_TIMEOUT, 1L), log.byReason());
  }
}
