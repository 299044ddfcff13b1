package io.nrivertx.cli;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fat jar as users run it: `scenario` with official-stub plugins, and `run` until SIGTERM. */
class CommandLineIT {
  private static final Path PROJECT = Path.of(System.getProperty("nri.project.dir", "."));
  private static final Path JAR = Path.of(System.getProperty("nri.build.dir", "target"), "nri-vertx.jar");

  private static ProcessBuilder jar(Path out, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(PROJECT.toFile()).redirectOutput(out.toFile())
        .redirectError(out.resolveSibling(out.getFileName() + ".err").toFile());
  }

  @Test
  void scenarioWithGoPluginsPrintsOneJsonLinePerStepAndExitsZero() throws Exception {
    Path dir = Files.createTempDirectory(GoPeers.buildDir(), "cli-scenario-");
    Path socket = dir.resolve("nri.sock");
    Path out = dir.resolve("stdout.jsonl");
    Process scenario = jar(out, "scenario", "examples/scenario-adjust.yaml", "--socket", socket.toString()).start();
    // The Go stub dials once: start the plugins when the runtime listens.
    awaitSocket(scenario, socket);
    try (GoPlugin adjuster = GoPlugin.start(GoPeers.adjuster(), List.of("-socket", socket.toString(), "-idx", "10",
             "-config", PROJECT.resolve("examples/scenario-adjust.adjuster.yaml").toString()));
         GoPlugin recorder = GoPlugin.start(GoPeers.recorder(), List.of("-socket", socket.toString(), "-idx", "50",
             "-log-file", dir.resolve("recorder.jsonl").toString()))) {
      assertTrue(scenario.waitFor(60, TimeUnit.SECONDS), "scenario did not finish");
      assertEquals(0, scenario.exitValue(), () -> read(out) + read(Path.of(out + ".err")));
      List<JsonObject> steps = new JsonLines(out).read();
      assertEquals(11, steps.size(), read(out));
      JsonObject create = steps.get(1);
      assertEquals("CreateContainer", create.getString("op"));
      assertTrue(create.getBoolean("ok"));
      assertEquals("adjuster", create.getJsonObject("adjust").getJsonObject("annotations").getString("owner"));
      assertEquals("ok", create.getString("expect"));
      assertTrue(new JsonLines(dir.resolve("recorder.jsonl")).read().stream()
          .anyMatch(JsonLines.isEvent("RemovePodSandbox")));
    } finally {
      scenario.destroyForcibly().waitFor();
    }
  }

  @Test
  void runListensUntilSigtermThenRemovesItsSocket() throws Exception {
    Path dir = Files.createTempDirectory(GoPeers.buildDir(), "cli-run-");
    Path socket = dir.resolve("sub/nri.sock");
    Path criSocket = dir.resolve("cri/cri.sock");
    Process run = jar(dir.resolve("run.out"), "run", "--socket", socket.toString(), "--cri-socket",
        criSocket.toString(), "--state-dir", dir.resolve("state").toString()).start();
    try {
      awaitSocket(run, socket);
      assertTrue(Files.exists(socket), "run did not create its socket: " + read(dir.resolve("run.out.err")));
      assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
          Files.getPosixFilePermissions(socket.getParent())), "a missing socket directory is created 0700");
      try (GoPlugin recorder = GoPlugin.start(GoPeers.recorder(), List.of("-socket", socket.toString(),
          "-log-file", dir.resolve("r.jsonl").toString()))) {
        new JsonLines(dir.resolve("r.jsonl")).awaitEvent("Synchronize", Duration.ofSeconds(20));
      }
      awaitSocket(run, criSocket);
      assertTrue(read(dir.resolve("run.out")).contains("try: crictl -r unix://" + criSocket),
          "run prints a copy-paste crictl line: " + read(dir.resolve("run.out")));
      run.destroy(); // SIGTERM
      assertTrue(run.waitFor(30, TimeUnit.SECONDS), "run did not stop on SIGTERM");
      assertFalse(Files.exists(socket), "the socket file is removed on shutdown");
      assertFalse(Files.exists(criSocket), "the CRI socket file is removed on shutdown");
    } finally {
      run.destroyForcibly().waitFor();
    }
  }

  private static void awaitSocket(Process p, Path socket) {
    io.nrivertx.testing.Waiting.until(() -> Files.exists(socket) || !p.isAlive(), Duration.ofSeconds(30),
        () -> "no socket " + socket);
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
