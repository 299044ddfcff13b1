package io.nrivertx.cri;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.nrivertx.testing.Waiting;
import java.time.Duration;

/**
 * {@link CriTestServer} in a JVM of its own on {@code dir}'s sockets and state, so a test can
 * SIGKILL it, restart it on the same state, or bound its heap. Its output goes to
 * {@code server-<run>.log} in {@code dir}. Closing kills and reaps it.
 */
final class CriChild implements AutoCloseable {
  private final Process process;
  private final Path log;

  private CriChild(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts the server and waits until it serves; {@code jvmArgs} go before the class (e.g. -Xmx). */
  static CriChild start(Path dir, String run, String... jvmArgs) throws IOException, InterruptedException {
    Path out = dir.resolve("server-" + run + ".log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED"));
    cmd.addAll(List.of(jvmArgs));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CriTestServer.class.getName(),
        dir.resolve("run/cri.sock").toString(), dir.resolve("run/nri.sock").toString(), dir.resolve("state").toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    CriChild child = new CriChild(p, out);
    try {
      Waiting.until(() -> child.log().contains("\nREADY") || !p.isAlive() || child.log().contains("FAILED"),
          Duration.ofSeconds(120), () -> "CRI test server not ready within 120 s:\n" + child.log());
    } catch (AssertionError e) {
      child.close();
      throw e;
    }
    if (!child.log().contains("\nREADY")) {
      child.close();
      fail("CRI test server did not start:\n" + child.log());
    }
    return child;
  }

  private String log() {
    try {
      return output();
    } catch (IOException e) {
      return "";
    }
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** The RECOVERED line's fields, e.g. {@code pods=1000}. */
  String recovered() throws IOException {
    return output().lines().filter(l -> l.startsWith("RECOVERED ")).findFirst().orElse("");
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL and reap. */
  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }
}
