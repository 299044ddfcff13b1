package io.nrivertx.bench;

import io.nrivertx.NriOptions;
import io.nrivertx.cri.CriOptions;
import io.nrivertx.cri.CriServer;
import io.nrivertx.testing.CriLoad;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cases of issue 13, nri-vertx only (Go has no CRI journal): the journal's size after pod
 * churn with nothing left alive; restart time and RSS of {@code run} on a journal of 1,000 live
 * pods and 5,000 containers; RSS around hostile-peer attacks ({@link Attacks}).
 */
record Hardening(Path java, Path jar, Path work) {

  /** How much of each: the figures, fewer cycles in quick mode, tiny ones in BenchHarnessIT. */
  record Sizes(int churnCycles, int pods, int containersPerPod, int restarts, int attackPeers, long settleMillis) {
    static Sizes of(boolean quick) {
      return new Sizes(quick ? 10_000 : 100_000, 1000, 5, quick ? 3 : 5, 300, 2000);
    }
  }

  JsonObject measure(boolean quick) throws Exception {
    return measure(Sizes.of(quick));
  }

  JsonObject measure(Sizes sizes) throws Exception {
    JsonObject out = new JsonObject();
    out.put("churn", churn(sizes.churnCycles()));
    System.out.println("  journal churn: " + out.getJsonObject("churn").encode());
    out.put("restart", restart(sizes));
    System.out.println("  restart: " + out.getJsonObject("restart").encode());
    out.put("attacks", new Attacks(java, jar, work, sizes.attackPeers(), sizes.settleMillis()).measure());
    System.out.println("  attacks: " + out.getJsonObject("attacks").encode());
    return out;
  }

  /** Pod lifecycles (with one container each) through the CRI endpoint in this JVM, journal synced as in production. */
  private JsonObject churn(int cycles) throws Exception {
    Path dir = Files.createTempDirectory(work, "churn-");
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    try {
      CriServer cri = await(CriServer.start(vertx, new NriOptions().setSocketPath(dir.resolve("nri.sock").toString())
          .setBusPrefix("bench-churn"), new CriOptions().setSocketPath(dir.resolve("cri.sock").toString())
          .setStateDir(dir.resolve("state").toString())));
      long start = System.nanoTime();
      try (CriLoad load = new CriLoad(vertx, dir.resolve("cri.sock"))) {
        await(load.churn(cycles, 16));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      await(cri.close());
      Path journal = dir.resolve("state/cri");
      return new JsonObject().put("cycles", cycles).put("seconds", seconds).put("cyclesPerSec", cycles / seconds)
          .put("journalBytes", size(journal)).put("files", files(journal));
    } finally {
      await(vertx.close());
    }
  }

  /** A state of 1,000 running pods and 5,000 running containers, then a few restarts of {@code run} on it. */
  private JsonObject restart(Sizes sizes) throws Exception {
    int runs = sizes.restarts();
    Path dir = Files.createTempDirectory(work, "restart-");
    Process first = start(dir);
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    try (CriLoad load = new CriLoad(vertx, dir.resolve("cri.sock"))) {
      await(load.populate(sizes.pods(), sizes.containersPerPod(), 16));
    } finally {
      await(vertx.close());
      stop(first);
    }
    double[] ms = new double[runs];
    double[] rss = new double[runs];
    double[] hwm = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Process p = start(dir);
      ms[i] = (System.nanoTime() - t0) / 1e6;
      rss[i] = Attacks.rssMiB(p.pid(), "VmRSS");
      hwm[i] = Attacks.rssMiB(p.pid(), "VmHWM");
      stop(p);
    }
    return new JsonObject().put("pods", sizes.pods()).put("containers", sizes.pods() * sizes.containersPerPod())
        .put("journalBytes", size(dir.resolve("state/cri")))
        .put("millis", median(ms)).put("rssMiB", median(rss)).put("peakRssMiB", median(hwm));
  }

  /** {@code run} on the directory's sockets and state, returned once its CRI socket accepts. */
  private Process start(Path dir) throws IOException, InterruptedException {
    Path log = dir.resolve("run.log");
    Process p = new ProcessBuilder(runCommand(java, jar, "--socket", dir.resolve("nri.sock").toString(),
        "--cri-socket", dir.resolve("cri.sock").toString(), "--state-dir", dir.resolve("state").toString()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Attacks.accepts(dir.resolve("cri.sock"))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly().waitFor();
        throw new IOException("run did not serve CRI; see " + log);
      }
      Thread.sleep(1);
    }
    return p;
  }

  /** {@code java <shipped flags> -jar nri-vertx.jar run <args>}: as bin/nri-vertx starts it. */
  static List<String> runCommand(Path java, Path jar, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(java.toString()));
    cmd.addAll(ShippedJvmFlags.read());
    cmd.addAll(List.of("-jar", jar.toString(), "run"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
  }
}
