package io.nrivertx.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.testing.ChildProcesses;
import io.nrivertx.testing.ContainerdConfigs;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * containerd's documented NRI installation, step by step, with nri-vertx (the fat jar, as an
 * operator runs it) reading containerd's own config.toml. Every path of the steps lives under a
 * temporary root instead of /etc, /opt and /var/run.
 */
class SeedInstallIT {
  private static final Path PROJECT = Path.of(System.getProperty("nri.project.dir", "."));
  private static final Path JAR = Path.of(System.getProperty("nri.build.dir", "target"), "nri-vertx.jar");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void nothingLeft() throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly().waitFor();
    }
    ChildProcesses.assertNoLeftovers(Set.of(), Duration.ofSeconds(10));
  }

  private Process nriVertx(Path out, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(PROJECT.toFile()).redirectOutput(out.toFile())
        .redirectError(Path.of(out + ".err").toFile()).start();
    started.add(p);
    return p;
  }

  private static void awaitFile(Process p, Path file, Path out) throws Exception {
    io.nrivertx.testing.Waiting.until(() -> Files.exists(file) || !p.isAlive(), WAIT,
        () -> file + " not created: " + read(Path.of(out + ".err")));
    assertTrue(Files.exists(file), "nri-vertx exited: " + read(Path.of(out + ".err")));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Test
  void containerd17InstallationStepsWorkVerbatim() throws Exception {
    Path root = Files.createTempDirectory(GoPeers.buildDir(), "seed-1.7-");
    // [plugins."io.containerd.nri.v1.nri"] with config_file, disable = false, plugin_path, socket_path.
    Path toml = ContainerdConfigs.install("config-1.7.toml", root);
    // mkdir -p /etc/nri && echo "disableConnections: false" > /etc/nri/nri.conf
    Files.writeString(Files.createDirectories(root.resolve("etc/nri")).resolve("nri.conf"), "disableConnections: false\n");
    // mkdir -p /opt/nri/plugins && ln -s <plugin binary> /opt/nri/plugins/00-logger
    Path plugin = Files.createSymbolicLink(Files.createDirectories(root.resolve("opt/nri/plugins")).resolve("00-logger"),
        GoPeers.recorder());
    // Its drop-in configuration, in NRI's conf.d beside nri.conf.
    Files.writeString(Files.createDirectories(root.resolve("etc/nri/conf.d")).resolve("logger.conf"), "verbose: true\n");

    Path out = root.resolve("run.out");
    Path socket = root.resolve("var/run/nri.sock");
    Process run = nriVertx(out, "run", "--no-cri", "--containerd-config", toml.toString());
    awaitFile(run, socket, out);
    String err = read(Path.of(out + ".err"));
    assertTrue(err.contains("\"plugin\":\"00-logger\",\"event\":\"Configure\""), err);
    assertTrue(err.contains("\"config\":\"verbose: true\\n\""), err);
    Matcher launched = Pattern.compile("launched plugin 00-logger \\(name logger, index 00, pid (\\d+)\\)").matcher(err);
    assertTrue(launched.find(), err);
    long pid = Long.parseLong(launched.group(1));
    assertEquals(List.of(plugin.toString()), ChildProcesses.cmdline(pid));

    // ./build/bin/logger -idx 00: an external plugin next to the pre-registered one.
    try (GoPlugin logger = GoPlugin.start(GoPeers.recorder(), List.of("-idx", "00", "-socket", socket.toString(),
        "-log-file", root.resolve("logger.jsonl").toString()))) {
      new JsonLines(root.resolve("logger.jsonl")).awaitEvent("Synchronize", WAIT);
      run.destroy(); // SIGTERM, as systemd stops a service
      assertTrue(run.waitFor(30, TimeUnit.SECONDS), "nri-vertx did not stop on SIGTERM");
      assertEquals(0, logger.waitFor(WAIT), "the external plugin saw the runtime go: " + logger.output());
    }
    assertFalse(Files.exists(socket), "the socket file is removed on shutdown");
    String stopped = read(Path.of(out + ".err"));
    assertTrue(stopped.contains("\"plugin\":\"00-logger\",\"event\":\"Shutdown\""), "Shutdown sent first: " + stopped);
    assertTrue(stopped.contains("plugin 00-logger (pid " + pid + ") exited with status 0"), stopped);
    io.nrivertx.testing.Waiting.until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), WAIT,
        () -> "plugin pid " + pid + " still alive");
    assertTrue(ChildProcesses.all().stream().noneMatch(p -> p.pid() == pid && p.state() != 'Z'),
        "the launched plugin is gone with nri-vertx");
  }

  @Test
  void containerd2xConfigLoadsAndDisableTrueMeansNriIsOff() throws Exception {
    Path root = Files.createTempDirectory(GoPeers.buildDir(), "seed-2.x-");
    Path toml = ContainerdConfigs.install("config-2.x.toml", root);
    Path out = root.resolve("print.out");
    Process print = nriVertx(out, "config", "--print", "--containerd-config", toml.toString());
    assertTrue(print.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, print.exitValue(), read(Path.of(out + ".err")));
    String printed = read(out);
    assertTrue(printed.contains("socketPath: \"" + root + "/var/run/nri/nri.sock\""), printed);
    assertTrue(printed.contains(toml + ":"), printed);
    assertTrue(printed.contains("(plugin_registration_timeout)"), printed);

    Path socket = root.resolve("var/run/nri/nri.sock");
    Process run = nriVertx(root.resolve("run.out"), "run", "--no-cri", "--containerd-config", toml.toString());
    awaitFile(run, socket, root.resolve("run.out"));
    run.destroy();
    assertTrue(run.waitFor(30, TimeUnit.SECONDS));
    assertFalse(Files.exists(socket));

    Files.writeString(toml, Files.readString(toml).replace("disable = false", "disable = true"));
    Process off = nriVertx(root.resolve("off.out"), "run", "--no-cri", "--containerd-config", toml.toString());
    assertTrue(off.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, off.exitValue(), read(Path.of(root.resolve("off.out") + ".err")));
    assertTrue(read(root.resolve("off.out")).contains("NRI is disabled (disable: true, from " + toml), read(root.resolve("off.out")));
    assertFalse(Files.exists(socket), "NRI off: no socket");
  }

  @Test
  void scenarioLaunchesPluginsFromPluginPath() throws Exception {
    Path root = Files.createTempDirectory(GoPeers.buildDir(), "seed-scenario-");
    Path plugins = Files.createDirectories(root.resolve("plugins"));
    Files.createSymbolicLink(plugins.resolve("00-logger"), GoPeers.recorder());
    Path scenario = Files.writeString(root.resolve("s.yaml"), """
        plugins: [00-logger]
        steps:
          - op: RunPodSandbox
            pod: {id: p1, name: web}
        """);
    Path out = root.resolve("scenario.out");
    Process run = nriVertx(out, "scenario", scenario.toString(), "--socket", root.resolve("nri.sock").toString(),
        "--plugin-path", plugins.toString(), "--plugin-config-path", root.resolve("conf.d").toString());
    assertTrue(run.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, run.exitValue(), read(Path.of(out + ".err")));
    assertTrue(read(out).contains("\"op\":\"RunPodSandbox\""), read(out));
    assertTrue(read(Path.of(out + ".err")).contains("\"plugin\":\"00-logger\",\"event\":\"RunPodSandbox\""),
        read(Path.of(out + ".err")));
  }

  @Test
  void aBadConfigurationStartsNothing() throws Exception {
    Path root = Files.createTempDirectory(GoPeers.buildDir(), "seed-bad-");
    Path toml = ContainerdConfigs.install("config-2.x.toml", root);
    Files.writeString(toml, Files.readString(toml).replace("plugin_request_timeout = '2s'",
        "plugin_request_timeout = '2 seconds'"));
    Path plugin = Files.createSymbolicLink(Files.createDirectories(root.resolve("opt/nri/plugins")).resolve("00-logger"),
        GoPeers.recorder());
    Path out = root.resolve("run.out");
    Process run = nriVertx(out, "run", "--no-cri", "--containerd-config", toml.toString());
    assertTrue(run.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, run.exitValue());
    String err = read(Path.of(out + ".err"));
    assertTrue(err.contains("bad containerd config " + toml + ":"), err);
    assertTrue(err.contains("plugins.\"io.containerd.nri.v1.nri\".plugin_request_timeout: expected a Go duration"), err);
    assertFalse(Files.exists(root.resolve("var/run/nri/nri.sock")), "no socket");
    assertTrue(ChildProcesses.all().stream().noneMatch(p -> ChildProcesses.cmdline(p.pid()).contains(plugin.toString())),
        "no plugin launched");
  }
}
