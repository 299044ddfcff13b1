package io.nrivertx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path noSocket;

  @BeforeEach
  void config() throws IOException {
    // No plugin socket: these runs need no plugins, and unit tests open no sockets.
    noSocket = Files.writeString(dir.resolve("c.yaml"), "disableConnections: true\n");
  }

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private List<JsonObject> jsonLines() {
    return Arrays.stream(out.toString().split("\n")).filter(l -> !l.isBlank()).map(JsonObject::new).toList();
  }

  @Test
  void version() {
    assertEquals(0, run("version"));
    assertTrue(out.toString().startsWith("nri-vertx "), out.toString());
    assertTrue(out.toString().contains("NRI v0.12.5"), out.toString());
    assertEquals(0, run("--version"));
  }

  @Test
  void helpForEveryCommand() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("scenario") && out.toString().contains("run"), out.toString());
    for (String command : List.of("run", "scenario", "version", "config")) {
      assertEquals(0, run(command, "--help"), command);
    }
    assertTrue(out.toString().contains("--plugin-path"), out.toString());
  }

  @Test
  void badUsageExitsTwo() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("Missing command"), err.toString());
    assertEquals(2, run("scenario"));
    assertEquals(2, run("scenario", "x.yaml", "--timeout", "5x"));
    assertTrue(err.toString().contains("unknown unit \"x\""), err.toString());
    assertEquals(2, run("launch"));
  }

  @Test
  void scenarioLaunchesFromPluginPath() throws IOException {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    assertEquals(0, run("scenario", "examples/scenario-basic.yaml", "--config", noSocket.toString(),
        "--plugin-path", plugins.toString()), err.toString());
    // A badly named executable stops the start, as in NRI: proof that the flag reaches the launcher.
    Path bad = Files.writeString(plugins.resolve("logger"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(bad, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    assertEquals(1, run("scenario", "examples/scenario-basic.yaml", "--config", noSocket.toString(),
        "--plugin-path", plugins.toString()));
    assertTrue(err.toString().contains("invalid plugin name \"logger\", idx-pluginname expected"), err.toString());
  }

  @Test
  void configPrintShowsValuesAndTheirSources() {
    assertEquals(0, run("config", "--print", "--config", noSocket.toString(), "--plugin-path", "/x/plugins"));
    assertTrue(out.toString().contains("disableConnections: true"), out.toString());
    assertTrue(out.toString().contains("# " + noSocket + ":1"), out.toString());
    assertTrue(out.toString().contains("pluginPath: \"/x/plugins\""), out.toString());
    assertTrue(out.toString().contains("# --plugin-path"), out.toString());
    assertEquals(2, run("config"));
    assertTrue(err.toString().contains("Missing option: --print"), err.toString());
    assertEquals(2, run("config", "--print", "--containerd-config", dir.resolve("absent.toml").toString()));
    assertTrue(err.toString().contains("cannot read containerd config " + dir.resolve("absent.toml") + ": no such file"),
        err.toString());
  }

  @Test
  void disabledNriRunsNothingAndExitsZero() throws IOException {
    Path off = Files.writeString(dir.resolve("off.yaml"), "disable: true\nsocketPath: " + dir.resolve("s.sock") + "\n");
    assertEquals(0, run("run", "--config", off.toString()), err.toString());
    assertTrue(out.toString().contains("NRI is disabled (disable: true, from " + off + ":1); nothing to run"), out.toString());
    assertTrue(Files.notExists(dir.resolve("s.sock")));
  }

  @Test
  void badFilesExitTwoWithTheirPlace() throws IOException {
    Path scenario = Files.writeString(dir.resolve("s.yaml"), "steps:\n  - op: Nope\n");
    assertEquals(2, run("scenario", scenario.toString(), "--config", noSocket.toString()));
    assertTrue(err.toString().contains("bad scenario " + scenario + ":2: steps[0].op: unknown operation \"Nope\""),
        err.toString());
    Path config = Files.writeString(dir.resolve("bad.yaml"), "socket: /x\n");
    assertEquals(2, run("run", "--config", config.toString()));
    assertTrue(err.toString().contains("bad config " + config + ":1: socket: unknown key"), err.toString());
  }

  @Test
  void basicExamplePassesWithOneJsonLinePerStep() {
    assertEquals(0, run("scenario", "examples/scenario-basic.yaml", "--config", noSocket.toString()), err.toString());
    List<JsonObject> lines = jsonLines();
    assertEquals(13, lines.size(), out.toString());
    for (int i = 0; i < lines.size(); i++) {
      assertEquals(i + 1, lines.get(i).getInteger("step"));
      assertEquals(true, lines.get(i).getBoolean("ok"), lines.get(i).encode());
    }
    assertEquals("CreateContainer", lines.get(1).getString("op"));
    assertEquals("ok", lines.get(1).getString("expect"));
  }

  @Test
  void aFailedExpectationExitsOne() throws IOException {
    Path scenario = Files.writeString(dir.resolve("s.yaml"), """
        pods: [{id: p}]
        steps:
          - op: CreateContainer
            container: {id: c, podSandboxId: p}
            expect: {adjust: {annotations: {owner: someone}}}
        """);
    assertEquals(1, run("scenario", scenario.toString(), "--config", noSocket.toString()));
    assertEquals("failed: adjust.annotations: missing (expected {\"owner\":\"someone\"})",
        jsonLines().getFirst().getString("expect"));
    assertTrue(err.toString().contains("1 of 1 step(s) failed"), err.toString());
  }

  @Test
  void pluginsThatNeverRegisterExitOne() throws IOException {
    Path scenario = Files.writeString(dir.resolve("s.yaml"), """
        plugins: [10-absent]
        waitTimeout: 200ms
        steps: [{op: RunPodSandbox, pod: {id: p}}]
        """);
    assertEquals(1, run("scenario", scenario.toString(), "--config", noSocket.toString()));
    assertTrue(err.toString().contains("plugins [10-absent] not ready within waitTimeout 200ms"), err.toString());
    assertEquals("", out.toString());
  }
}
