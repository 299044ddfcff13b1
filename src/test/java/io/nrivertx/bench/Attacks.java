package io.nrivertx.bench;

import io.nrivertx.testing.RawPeer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * RSS of {@code run --no-cri} before, during (peak) and after 300 hostile connections at once, as
 * issue 13 describes them: each announces a 4 MiB mux frame, sends all of it but one byte and never
 * registers; then the same from 300 peers that register first (one maximum message each allowed,
 * all together held to the runtime's inbound budget).
 */
record Attacks(Path java, Path jar, Path work, int peers, long settleMillis) {

  JsonObject measure() throws Exception {
    Path dir = Files.createTempDirectory(work, "attack-");
    Path socket = dir.resolve("nri.sock");
    Process p = new ProcessBuilder(Hardening.runCommand(java, jar, "--no-cri", "--socket", socket.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
    try {
      while (!accepts(socket)) {
        if (!p.isAlive()) {
          throw new IOException("run did not start; see " + dir.resolve("run.log"));
        }
        Thread.sleep(5);
      }
      Thread.sleep(settleMillis); // start-up settles
      JsonObject out = new JsonObject().put("peers", peers).put("idleRssMiB", rssMiB(p.pid(), "VmRSS"));
      out.put("unregistered", attack(p.pid(), socket, false));
      out.put("registered", attack(p.pid(), socket, true));
      out.put("logLines", Files.readAllLines(dir.resolve("run.log")).size());
      return out;
    } finally {
      Hardening.stop(p);
    }
  }

  private JsonObject attack(long pid, Path socket, boolean register) throws Exception {
    double before = rssMiB(pid, "VmRSS");
    AtomicLong peakKb = new AtomicLong();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = Thread.ofPlatform().start(() -> {
      while (sampling.get()) {
        peakKb.accumulateAndGet((long) (rssMiB(pid, "VmRSS") * 1024), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<Boolean>> conns = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < peers; i++) {
      int n = i;
      conns.add(pool.submit(() -> peer(socket, register ? "attacker" + n : null)));
    }
    int cut = 0;
    for (Future<Boolean> f : conns) {
      cut += f.get(5, TimeUnit.MINUTES) ? 1 : 0;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    sampling.set(false);
    sampler.join();
    Thread.sleep(settleMillis);
    double after2 = rssMiB(pid, "VmRSS");
    Thread.sleep(4 * settleMillis);
    return new JsonObject().put("rssBeforeMiB", before).put("rssPeakMiB", peakKb.get() / 1024.0)
        .put("rssAfter2sMiB", after2).put("rssAfter10sMiB", rssMiB(pid, "VmRSS")).put("closed", cut)
        .put("seconds", seconds);
  }

  /** One hostile peer; true once the runtime closed it. */
  private static boolean peer(Path socket, String registerAs) throws IOException {
    try (RawPeer p = RawPeer.connect(socket)) {
      if (registerAs != null) {
        p.register(registerAs, "50", Duration.ofSeconds(30));
      }
      int frame = 4 << 20;
      if (p.tryWrite(RawPeer.muxHeader(2, frame))) {
        byte[] chunk = new byte[64 << 10];
        for (int left = frame - 1; left > 0 && p.tryWrite(left >= chunk.length ? chunk
            : Arrays.copyOf(chunk, left)); left -= chunk.length) {
          // all of the frame but its last byte
        }
      }
      return p.closedWithin(Duration.ofSeconds(60));
    }
  }

  /** A line of /proc/PID/status in MiB (VmRSS now, VmHWM the peak so far). */
  static double rssMiB(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  static boolean accepts(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
