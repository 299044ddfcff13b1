package io.nrivertx.interop;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.plugin.PeerCuts;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.LogCapture;
import io.nrivertx.testing.RawPeer;
import io.nrivertx.testing.RuntimeFixture;
import io.nrivertx.wire.InboundBudget;
import io.nrivertx.wire.WireLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Hostile peers on the plugin socket (issue 13): each is cut as soon as it is over its inbound
 * limit, with one log line, rate-limited per reason; a real plugin is served all along.
 */
class HostilePeersIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PEERS = 300;

  @Test
  void silentPeersAnnouncingHugeFramesAndGarbagePeersAreCutAtOnceWithFewLogLines() throws Exception {
    String self = "pid=" + ProcessHandle.current().pid() + " ";
    try (RuntimeFixture rt = new RuntimeFixture(); LogCapture log = new LogCapture("io.nrivertx")) {
      // Far longer than the test: a peer must be cut for what it sends, not for its silence.
      NriRuntime runtime = rt.start(new NriOptions().setRegistrationTimeout(Duration.ofMinutes(5)));
      JsonLines events = recorder(rt);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Boolean>> cut = new ArrayList<>();
      try {
        for (int i = 0; i < PEERS; i++) {
          // The attack of the issue: a 4 MiB frame minus one byte, never finished, never registering.
          cut.add(pool.submit(() -> attack(rt, RawPeer.muxHeader(2, WireLimits.MAX_MUX_FRAME - 1), 4 << 20)));
          cut.add(pool.submit(() -> attack(rt, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0)));
        }
        for (int i = 0; i < 20; i++) { // served meanwhile
          RuntimeFixture.await(runtime.request(PluginCall.RUN_POD_SANDBOX,
              RunPodSandboxRequest.newBuilder().setPod(rt.pod("pod" + i, "web" + i)).build()));
        }
        for (Future<Boolean> c : cut) {
          assertTrue(c.get(WAIT.toSeconds(), TimeUnit.SECONDS), "a hostile peer was not cut");
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(20, events.await(l -> l.stream().filter(JsonLines.isEvent("RunPodSandbox")).count() == 20, WAIT)
          .stream().filter(JsonLines.isEvent("RunPodSandbox")).count());
      PeerCuts cuts = runtime.peerCuts();
      assertEquals(PEERS, cuts.byReason().get(PeerCuts.OVER_LIMIT), cuts.byReason().toString());
      assertEquals(PEERS, cuts.byReason().get(PeerCuts.PROTOCOL_ERROR), cuts.byReason().toString());
      log.await(m -> m.startsWith("suppressed ") && m.contains(PeerCuts.OVER_LIMIT), WAIT);
      log.await(m -> m.startsWith("suppressed ") && m.contains(PeerCuts.PROTOCOL_ERROR), WAIT);
      List<String> aboutThem = log.events().stream()
          .filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
          .map(e -> e.getFormattedMessage()).filter(m -> m.contains(self)).toList();
      // 600 peers cut; a few lines per reason and 10-second window, under load a few windows (DEBUG aside).
      assertTrue(aboutThem.size() <= 40, aboutThem.size() + " lines about 600 cut peers:\n"
          + String.join("\n", aboutThem.subList(0, Math.min(50, aboutThem.size()))));
      assertTrue(aboutThem.stream().anyMatch(m -> m.contains("cut plugin connection from " + self)
          && m.contains("16384 bytes a logical connection may hold before RegisterPlugin")), aboutThem.toString());
      assertTrue(cuts.suppressedLines() >= 2 * PEERS - 40, "suppressed " + cuts.suppressedLines());
    }
  }

  @Test
  void aRegisteredPeerHoldsOneMessagePerConnectionAndAllPeersShareOneBudget() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture(); LogCapture log = new LogCapture("io.nrivertx.protocol")) {
      // The raw peers never answer Configure: keep them admitted for the length of the test.
      NriRuntime runtime = rt.start(new NriOptions().setRequestTimeout(Duration.ofMinutes(2)));
      JsonLines events = recorder(rt);
      try (RawPeer greedy = RawPeer.connect(rt.socket)) {
        greedy.register("greedy", "60", WAIT);
        byte[] start = ByteBuffer.allocate(8 + 4096).putInt(2).putInt(4096).putInt(WireLimits.MAX_TTRPC_MESSAGE)
            .putInt(3).put((byte) 1).put((byte) 0).array();
        assertTrue(greedy.tryWrite(start)); // a maximum message begun: 4086 bytes of it held
        greedy.tryWrite(RawPeer.muxHeader(2, WireLimits.MAX_MUX_FRAME)); // and a frame of another maximum message
        assertTrue(greedy.closedWithin(WAIT), "cut over one maximum message on a logical connection");
        log.await(m -> m.contains("over the inbound limit") && m.contains("on top of 4086 bytes"), WAIT);
      }
      int fit = (int) (InboundBudget.DEFAULT_LIMIT / WireLimits.MAX_MUX_FRAME);
      List<RawPeer> holders = new ArrayList<>();
      try {
        int closed = 0;
        for (int i = 0; i < fit + 4; i++) {
          RawPeer p = RawPeer.connect(rt.socket);
          holders.add(p);
          p.register("holder" + i, String.valueOf(70 + i % 20), WAIT);
          p.tryWrite(RawPeer.muxHeader(2, WireLimits.MAX_MUX_FRAME - 1)); // begun, never finished
          p.tryWrite(new byte[1000]);
        }
        for (RawPeer p : holders) {
          closed += p.closedWithin(Duration.ofSeconds(2)) ? 1 : 0;
        }
        assertEquals(4, closed, "what the runtime's budget does not hold is cut");
        log.await(m -> m.contains("of the runtime's inbound budget of " + InboundBudget.DEFAULT_LIMIT), WAIT);
      } finally {
        for (RawPeer p : holders) {
          p.close();
        }
      }
      // Events wait while plugins are being configured (as in NRI); with the holders gone they flow again.
      RuntimeFixture.await(runtime.request(PluginCall.RUN_POD_SANDBOX,
          RunPodSandboxRequest.newBuilder().setPod(rt.pod("after", "after")).build()));
      events.awaitLine(JsonLines.isEvent("RunPodSandbox"), WAIT);
    }
  }

  private static JsonLines recorder(RuntimeFixture rt) {
    java.nio.file.Path file = rt.file("recorder.jsonl");
    rt.plugin(GoPeers.recorder(), "-idx", "50", "-name", "recorder", "-log-file", file.toString());
    rt.awaitPlugins(List.of("50-recorder"));
    return new JsonLines(file);
  }

  /** Sends {@code first}, then up to {@code more} bytes, never registering; true once the runtime hung up. */
  private static boolean attack(RuntimeFixture rt, byte[] first, int more) throws Exception {
    try (RawPeer p = RawPeer.connect(rt.socket)) {
      if (p.tryWrite(first)) {
        byte[] chunk = new byte[64 << 10];
        for (int sent = 0; sent < more - 1 && p.tryWrite(chunk); sent += chunk.length) {
          // until the runtime stops it
        }
      }
      return p.closedWithin(WAIT);
    }
  }
}
