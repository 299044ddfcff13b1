package io.nrivertx.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.service.PluginCall;
import io.nrivertx.plugin.launch.RestartPolicy;
import io.nrivertx.testing.ChildProcesses;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.LogCapture;
import io.nrivertx.testing.PluginOutput;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pre-installed plugins launched by nri-vertx, with the official Go stub as the plugin: a
 * recorder symlinked into the plugin directory under an NN-name, talking over fd 3. Launched with
 * no arguments, the recorder writes its JSON lines to stdout, which nri-vertx logs; the tests read
 * them back from the log. After every test no child of this JVM and no process of any plugin's
 * group may be left.
 */
class PreInstalledPluginsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private RuntimeFixture rt;
  private PluginOutput output;
  private Path plugins;
  private Path conf;
  private final Set<Long> groups = new HashSet<>();

  @BeforeEach
  void setUp() throws IOException {
    rt = new RuntimeFixture();
    output = new PluginOutput();
    plugins = Files.createDirectories(rt.dir.resolve("opt/nri/plugins"));
    conf = Files.createDirectories(rt.dir.resolve("etc/nri/conf.d"));
  }

  @AfterEach
  void nothingLeft() {
    try {
      closeRuntime();
    } finally {
      output.close();
      ChildProcesses.assertNoLeftovers(groups, Duration.ofSeconds(10));
    }
  }

  /** Closes runtime and Vert.x; fails when the socket file is left. */
  private void closeRuntime() {
    if (rt != null) {
      RuntimeFixture closing = rt;
      rt = null;
      closing.close();
    }
  }

  private NriOptions options() {
    return new NriOptions().setPluginPath(plugins.toString()).setPluginConfigPath(conf.toString())
        .setRequestTimeout(Duration.ofSeconds(2));
  }

  private Path link(String name) throws IOException {
    return Files.createSymbolicLink(plugins.resolve(name), GoPeers.recorder());
  }

  private Path script(String name, String body) throws IOException {
    Path file = Files.writeString(plugins.resolve(name), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** Remembers the process groups of the plugins running now, for the final leftover check. */
  private void rememberGroups() {
    ChildProcesses.children().forEach(p -> groups.add(p.pgid()));
  }

  @Test
  void theSeedsFlowSymlinkedPluginRegistersOverFd3WithItsFileNameAndDropInConfig() throws Exception {
    Path logger = link("00-logger");
    link("10-second");
    Files.writeString(conf.resolve("00-logger.conf"), "events: [RunPodSandbox]\n");
    Files.writeString(conf.resolve("logger.conf"), "not this one: the indexed file wins\n");
    Files.writeString(conf.resolve("second.conf"), "from: base-name file\n");
    rt.domain.putPod(rt.pod("p1", "web"));
    var runtime = rt.start(options());
    // Launched and synchronized before the deployment completes, as NRI does before it listens.
    assertEquals(List.of("00-logger", "10-second"), RuntimeFixture.await(runtime.plugins()));
    rememberGroups();

    JsonObject configure = output.awaitEvent("00-logger", "Configure", WAIT);
    assertEquals("00-logger", configure.getString("plugin"), "identity from the file name, via the environment");
    assertEquals("events: [RunPodSandbox]\n", configure.getString("config"));
    assertEquals("from: base-name file\n", output.awaitEvent("10-second", "Configure", WAIT).getString("config"));
    JsonObject sync = output.awaitEvent("00-logger", "Synchronize", WAIT);
    assertEquals("p1", sync.getJsonArray("pods").getJsonObject(0).getString("id"));

    ChildProcesses.Proc proc = ChildProcesses.childRunning(logger);
    assertNotNull(proc, "00-logger runs as a child of nri-vertx: " + ChildProcesses.children());
    assertEquals(List.of(logger.toString()), ChildProcesses.cmdline(proc.pid()), "no arguments");
    assertEquals(Set.of("NRI_PLUGIN_NAME=logger", "NRI_PLUGIN_IDX=00", "NRI_PLUGIN_SOCKET=3"),
        ChildProcesses.environ(proc.pid()), "exactly NRI's environment");
    assertEquals(proc.pid(), proc.pgid());

    RuntimeFixture.await(runtime.request(PluginCall.RUN_POD_SANDBOX,
        RunPodSandboxRequest.newBuilder().setPod(rt.pod("p2", "db")).build()));
    output.awaitEvent("00-logger", "RunPodSandbox", WAIT);
    output.awaitEvent("10-second", "RunPodSandbox", WAIT);

    Path socket = rt.socket;
    closeRuntime();
    // Shutdown first (NRI sends none), then the connection closes and the process is reaped.
    List<String> events = output.await("00-logger", es -> es.stream().anyMatch(JsonLines.isEvent("Shutdown")), WAIT)
        .stream().map(e -> e.getString("event")).toList();
    assertFalse(events.contains("ConnectionClosed") && events.indexOf("ConnectionClosed") < events.indexOf("Shutdown"),
        events.toString());
    assertTrue(Files.notExists(socket), "no socket file after shutdown");
    ChildProcesses.assertNoLeftovers(groups, Duration.ofSeconds(10));
  }

  @Test
  void aPluginThatNeverRegistersIsKilledAfterTheRegistrationTimeoutAndTheOthersWork() throws Exception {
    link("00-logger");
    // A shell that starts a grandchild: the whole group has to go, not just the shell.
    script("90-silent", "/bin/sleep 60 &\necho sleeper $!\nwait");
    long start = System.nanoTime();
    var runtime = rt.start(options().setRegistrationTimeout(Duration.ofSeconds(1)));
    assertEquals(List.of("00-logger"), RuntimeFixture.await(runtime.plugins()));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
    PluginOutput.Line sleeper = output.awaitText("90-silent", "sleeper ", WAIT);
    groups.add(sleeper.pid());
    ChildProcesses.assertGroupsGone(Set.of(sleeper.pid()), Duration.ofSeconds(5));
    long sleeperPid = Long.parseLong(sleeper.text().substring("sleeper ".length()).strip());
    assertTrue(ChildProcesses.all().stream().noneMatch(p -> p.pid() == sleeperPid && p.state() != 'Z'));
    rememberGroups();
    RuntimeFixture.await(runtime.request(PluginCall.RUN_POD_SANDBOX,
        RunPodSandboxRequest.newBuilder().setPod(rt.pod("p1", "web")).build()));
    output.awaitEvent("00-logger", "RunPodSandbox", WAIT);
  }

  @Test
  void disableConnectionsLeavesNoSocketButLaunchedPluginsWork() throws Exception {
    link("00-logger");
    var runtime = rt.start(options().setDisableConnections(true));
    rememberGroups();
    assertEquals(List.of("00-logger"), RuntimeFixture.await(runtime.plugins()));
    assertTrue(Files.notExists(rt.socket), "disableConnections: no socket at all");
    try (SocketChannel ch = SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      assertThrows(IOException.class, () -> ch.connect(UnixDomainSocketAddress.of(rt.socket)));
    }
  }

  @Test
  void aBadlyNamedExecutableFailsTheStartBeforeAnythingRuns() throws Exception {
    link("00-logger");
    script("logger", "exit 0");
    Throwable e = assertThrows(Throwable.class, () -> rt.start(options()));
    assertTrue(String.valueOf(e.getMessage()).contains("invalid plugin name \"logger\", idx-pluginname expected"),
        String.valueOf(e));
    assertTrue(ChildProcesses.children().isEmpty(), "nothing was launched");
    assertTrue(Files.notExists(rt.socket), "no socket was created");
  }

  @Test
  void onFailureRestartsWithADoublingDelayAndStopsWithTheRuntime() throws Exception {
    Path count = rt.dir.resolve("runs");
    script("20-crasher", "echo run >> " + count + "\nexit 3");
    link("00-logger");
    LogCapture restarts = new LogCapture("io.nrivertx.plugin.launch.LaunchedPlugin");
    rt.start(options().setPluginRestart(RestartPolicy.ON_FAILURE)
        .setPluginRestartBackoff(Duration.ofMillis(100)));
    // Each failure in a row doubles the delay: 100, 200, 400, 800 ms, not a restart storm.
    java.util.function.Supplier<List<String>> delays = () -> restarts.messages().stream()
        .filter(m -> m.startsWith("restarting plugin 20-crasher in "))
        .map(m -> m.substring("restarting plugin 20-crasher in ".length(), m.indexOf(" because"))).toList();
    io.nrivertx.testing.Waiting.until(() -> delays.get().size() >= 4, WAIT, () -> "restarts: " + delays.get());
    assertEquals(List.of("100ms", "200ms", "400ms", "800ms"), delays.get().subList(0, 4));

    // A recorder killed behind nri-vertx's back comes back, registers and is synchronized again.
    rememberGroups();
    long first = output.awaitEvent("00-logger", "Synchronize", WAIT).getLong("pid");
    ProcessHandle.of(first).orElseThrow().destroyForcibly();
    List<JsonObject> syncs = output.await("00-logger", es -> es.stream().filter(JsonLines.isEvent("Synchronize"))
        .map(e -> e.getLong("pid")).distinct().count() == 2, WAIT);
    rt.awaitPlugins(List.of("00-logger"));
    rememberGroups();
    assertTrue(syncs.stream().anyMatch(e -> e.getLong("pid") != first));

    closeRuntime();
    int atClose = Files.readAllLines(count).size();
    restarts.close();
    // A restart already scheduled would come within the last delay (at most a minute's cap, here
    // far less): none may come after shutdown.
    String last = delays.get().getLast();
    Duration pending = Duration.ofMillis(2 * io.nrivertx.config.Durations.parse(last).toMillis());
    io.nrivertx.testing.Waiting.holds(() -> lines(count) == atClose, pending, () -> "restarted after shutdown");
  }

  private static int lines(Path file) {
    try {
      return Files.readAllLines(file).size();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
