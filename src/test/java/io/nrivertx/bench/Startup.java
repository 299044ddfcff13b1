package io.nrivertx.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: from starting the process to its NRI socket accepting a connection, polled every
 * millisecond. nri-vertx is the fat jar as {@code bin/nri-vertx run} starts it (shipped flags), without and with
 * a JDK AOT cache (one training run with {@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache});
 * Go is benchrunner serving the adaptation's socket.
 */
record Startup(Path java, Path jar, Path goBin, Path work) {
  private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

  JsonObject measure(int runs) throws IOException, InterruptedException {
    Path aot = work.resolve("nri-vertx.aot");
    Files.deleteIfExists(aot);
    train(aot);
    return new JsonObject()
        .put("go", median(runs, s -> List.of(goBin.resolve("benchrunner").toString(), "-case", "serve",
            "-dir", s.getParent().toString())))
        .put("plain", median(runs, s -> jvm(List.of(), s)))
        .put("aot", Files.exists(aot) ? median(runs, s -> jvm(List.of("-XX:AOTCache=" + aot), s)) : null);
  }

  private List<String> jvm(List<String> opts, Path socket) {
    List<String> cmd = new ArrayList<>(List.of(java.toString()));
    cmd.addAll(ShippedJvmFlags.read());
    cmd.addAll(opts);
    cmd.addAll(List.of("-jar", jar.toString(), "run", "--socket", socket.toString()));
    return cmd;
  }

  /** The training run: start, accept, stop with SIGTERM; the JVM writes the cache as it exits. */
  private void train(Path aot) throws IOException, InterruptedException {
    Path socket = Files.createTempDirectory(work, "aot-").resolve("nri.sock");
    timeToAccept(jvm(List.of("-XX:AOTCacheOutput=" + aot), socket), socket, 60_000);
  }

  private double median(int runs, java.util.function.Function<Path, List<String>> cmd)
      throws IOException, InterruptedException {
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      Path socket = Files.createTempDirectory(work, "start-").resolve("nri.sock");
      ms[i] = timeToAccept(cmd.apply(socket), socket, 5_000);
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }

  /** Milliseconds until {@code socket} accepted; then SIGTERM and reap, waiting up to {@code exitMillis}. */
  private double timeToAccept(List<String> cmd, Path socket, long exitMillis) throws IOException, InterruptedException {
    Path log = socket.getParent().resolve("process.log");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      while (!accepts(socket)) {
        if (!p.isAlive() || System.nanoTime() - start > LIMIT_NANOS) {
          throw new IOException("no socket from " + cmd + "; see " + log);
        }
        Thread.sleep(1);
      }
      return (System.nanoTime() - start) / 1e6;
    } finally {
      p.destroy();
      if (!p.waitFor(exitMillis, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
      }
    }
  }

  private static boolean accepts(Path socket) {
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
