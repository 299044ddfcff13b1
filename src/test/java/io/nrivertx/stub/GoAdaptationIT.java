package io.nrivertx.stub;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.stub.samples.LoggerMain;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A plugin written on the Java stub against the OFFICIAL Go adaptation (containerd/nri v0.12.5's
 * pkg/adaptation, driven by the project's reference runner) and against nri-vertx: it registers
 * with both, and its adjustment comes back the same from both.
 */
class GoAdaptationIT {
  private static final Path PROJECT = Path.of(System.getProperty("nri.project.dir", "."));
  private static final Path SCENARIO = PROJECT.resolve("src/test/resources/stub/java-logger.yaml");
  private static final Path JAR = Path.of(System.getProperty("nri.build.dir", "target"), "nri-vertx.jar");

  @Test
  void javaLoggerAdjustsTheSameUnderTheGoAdaptationAndNriVertx() throws Exception {
    Path dir = Files.createTempDirectory(GoPeers.buildDir(), "java-on-go-");
    List<JsonObject> go = play(List.of(GoPeers.binDir().resolve("refrunner").toString()), dir.resolve("go"));
    List<JsonObject> java = play(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString(), "scenario"), dir.resolve("java"));
    JsonObject create = go.get(1);
    assertEquals("CreateContainer", create.getString("op"));
    assertTrue(create.getBoolean("ok"), create.encode());
    String annotation = create.getJsonObject("adjust").getJsonObject("annotations").getString("logged-by");
    assertEquals("logger-pid-" + ProcessHandle.current().pid(), annotation, "the Java plugin's adjustment in Go's result");
    assertEquals(go, java, "same steps, same results under both runtimes");
  }

  /** Runs the scenario under one runtime with a fresh Java logger connected; returns its JSON lines. */
  private static List<JsonObject> play(List<String> runtime, Path dir) throws Exception {
    Files.createDirectories(dir);
    Path socket = dir.resolve("nri.sock");
    Path out = dir.resolve("steps.jsonl");
    List<String> cmd = new ArrayList<>(runtime);
    boolean goRunner = runtime.size() == 1; // refrunner takes Go-style flags before the file
    cmd.addAll(goRunner ? List.of("-socket", socket.toString(), SCENARIO.toString())
        : List.of(SCENARIO.toString(), "--socket", socket.toString()));
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(dir.resolve("stderr.log").toFile()).start();
    Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    try {
      io.nrivertx.testing.Waiting.until(() -> Files.exists(socket) || !p.isAlive(), java.time.Duration.ofSeconds(30),
          () -> "no socket " + socket);
      Stub logger = await(LoggerMain.start(vertx, new StubOptions().setEnvironment(java.util.Map.of()),
          "-idx", "10", "-socket-path", socket.toString(), "-add-annotation", "logged-by", "-format", "json",
          "-log-file", dir.resolve("logger.jsonl").toString()));
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "runtime did not finish: " + cmd);
      assertEquals(0, p.exitValue(), () -> cmd + " failed: " + read(dir.resolve("stderr.log")) + read(out));
      logger.stop();
      return new JsonLines(out).read();
    } finally {
      p.destroyForcibly().waitFor();
      await(vertx.close());
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
