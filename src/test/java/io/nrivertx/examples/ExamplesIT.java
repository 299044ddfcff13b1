package io.nrivertx.examples;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.LoopbackCluster;
import io.nrivertx.testing.Waiting;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs examples/embedded-runtime and examples/audit-subscriber exactly as their READMEs say (the
 * commands are checked against the READMEs), and the policy scenarios as their headers say, as
 * child processes of this test, and checks what they print and write.
 */
class ExamplesIT {
  private static final Duration RUN = Duration.ofSeconds(120);
  private static final String LIFECYCLE = "RunPodSandbox CreateContainer PostCreateContainer StartContainer "
      + "PostStartContainer StopContainer RemoveContainer StopPodSandbox RemovePodSandbox";

  private static final String EMBEDDED_WITH_LOGGER = """
      java -cp target/nri-vertx.jar examples/embedded-runtime/EmbeddedRuntime.java --socket /tmp/nri-embedded/nri.sock --wait 10-logger \\
        -- java -cp target/nri-vertx.jar io.nrivertx.stub.samples.LoggerMain -idx 10 \\
        -socket-path /tmp/nri-embedded/nri.sock -add-annotation logged-by -log-file /tmp/nri-embedded/logger.log""";
  private static final String EMBEDDED_WITH_ADJUSTER = """
      java -cp target/nri-vertx.jar examples/embedded-runtime/EmbeddedRuntime.java --socket /tmp/nri-embedded/nri.sock --wait 10-adjuster \\
        -- target/go-examples/adjuster -idx 10 -config examples/embedded-runtime/adjuster.yaml \\
        -socket /tmp/nri-embedded/nri.sock""";
  private static final String SUBSCRIBER = """
      java -cp 'target/nri-vertx.jar:target/cluster-libs/*' -Dvertx.hazelcast.config=examples/cluster/hazelcast-loopback.xml \\
        examples/audit-subscriber/AuditSubscriber.java /tmp/nri-audit.jsonl""";
  private static final String CLUSTERED_EMBEDDED = """
      java -cp 'target/nri-vertx.jar:target/cluster-libs/*' -Dvertx.hazelcast.config=examples/cluster/hazelcast-loopback.xml \\
        examples/embedded-runtime/EmbeddedRuntime.java --cluster --socket /tmp/nri-embedded/nri.sock --wait 10-logger \\
        -- java -cp target/nri-vertx.jar io.nrivertx.stub.samples.LoggerMain -idx 10 \\
        -socket-path /tmp/nri-embedded/nri.sock -add-annotation logged-by -log-file /tmp/nri-embedded/logger.log""";

  private static final String TIMEOUT_SCENARIO = "bin/nri-vertx scenario examples/scenario-plugin-timeout.yaml"
      + " --config examples/scenario-plugin-timeout.config.yaml --socket /tmp/nri-timeout/nri.sock";
  private static final String TIMEOUT_PATIENT = "target/go-bin/recorder -socket /tmp/nri-timeout/nri.sock -name patient"
      + " -idx 10 -delay 2s -delay-match slow -fail-request";
  private static final String TIMEOUT_QUICK = "target/go-bin/recorder -socket /tmp/nri-timeout/nri.sock -name quick"
      + " -idx 20 -delay 1m -delay-match slow";
  private static final String REQUIRED_SCENARIO = "bin/nri-vertx scenario examples/scenario-required-plugin.yaml"
      + " --config examples/scenario-required-plugin.config.yaml --socket /tmp/nri-required/nri.sock";
  private static final String REQUIRED_GUARD = "target/go-bin/recorder -socket /tmp/nri-required/nri.sock -name guard"
      + " -idx 10 -delay 1m -delay-match slow";

  private final Path project = Path.of(System.getProperty("nri.project.dir", ".")).toAbsolutePath();
  private Path dir;
  private final Map<String, String> paths = new LinkedHashMap<>();

  @BeforeEach
  void paths() throws Exception {
    dir = Files.createTempDirectory(GoPeers.buildDir(), "examples-it-");
    paths.put("target/", GoPeers.buildDir() + "/");
    paths.put("/tmp/nri-embedded", dir.resolve("embedded").toString());
    paths.put("/tmp/nri-audit.jsonl", dir.resolve("audit.jsonl").toString());
    paths.put("/tmp/nri-timeout", dir.resolve("timeout").toString());
    paths.put("/tmp/nri-required", dir.resolve("required").toString());
  }

  @Test
  void scenarioPluginTimeoutReplaysWithEveryExpectationMet() throws Exception {
    List<JsonObject> steps = replay("scenario-plugin-timeout.yaml", "timeout", TIMEOUT_SCENARIO, TIMEOUT_PATIENT,
        TIMEOUT_QUICK);
    assertEquals(5, steps.size());
    assertTrue(steps.get(1).getString("error").contains("20-quick"), steps.get(1).encode());
  }

  @Test
  void scenarioRequiredPluginReplaysWithEveryExpectationMet() throws Exception {
    List<JsonObject> steps = replay("scenario-required-plugin.yaml", "required", REQUIRED_SCENARIO, REQUIRED_GUARD);
    assertEquals(7, steps.size());
  }

  /**
   * Runs a scenario with its plugins as its header documents them; the scenario must exit 0
   * (every expectation met). Returns its step lines.
   */
  private List<JsonObject> replay(String file, String socketDir, String scenario, String... plugins) throws Exception {
    Path header = project.resolve("examples").resolve(file);
    String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    paths.put("bin/nri-vertx", launcher + " -jar " + GoPeers.buildDir().resolve("nri-vertx.jar"));
    paths.put("target/go-bin/recorder", GoPeers.recorder().toString());
    Path socket = dir.resolve(socketDir).resolve("nri.sock");
    try (ExampleProcess run = ExampleProcess.start(DocumentedCommand.in(header, scenario).argv(paths), project, dir,
        socketDir)) {
      Waiting.until(() -> Files.exists(socket) || !run.isAlive(), RUN, () -> "no socket\n" + run.output());
      List<ExampleProcess> started = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < plugins.length; i++) {
          started.add(ExampleProcess.start(DocumentedCommand.in(header, plugins[i]).argv(paths), project, dir,
              socketDir + "-plugin-" + i));
        }
        assertEquals(0, run.waitFor(RUN), run.output());
      } finally {
        for (ExampleProcess p : started) {
          p.close();
        }
      }
      List<JsonObject> steps = java.util.Arrays.stream(run.stdout().split("\n")).filter(l -> !l.isBlank())
          .map(JsonObject::new).toList();
      assertTrue(steps.stream().allMatch(l -> "ok".equals(l.getString("expect"))), run.output());
      return steps;
    }
  }

  @Test
  void embeddedRuntimeWithTheJavaLogger() throws Exception {
    JsonObject box = runEmbedded(readme("embedded-runtime"), EMBEDDED_WITH_LOGGER);
    assertTrue(box.getJsonObject("annotations").getString("logged-by", "").startsWith("logger-pid-"), box.encode());
    assertEquals("example", box.getJsonObject("annotations").getString("owner"), "the runtime's own annotation stays");
  }

  @Test
  void embeddedRuntimeWithTheGoAdjuster() throws Exception {
    paths.put("target/go-examples/adjuster", GoPeers.adjuster().toString());
    JsonObject box = runEmbedded(readme("embedded-runtime"), EMBEDDED_WITH_ADJUSTER);
    assertEquals("go-adjuster", box.getJsonObject("annotations").getString("adjusted-by"), box.encode());
    assertEquals(List.of("PATH=/usr/bin", "GREETING=hello"), box.getJsonArray("env").getList());
    assertEquals(512, box.getLong("cpuShares"));
  }

  @Test
  void auditSubscriberFollowsARuntimeInAnotherJvmOverTheCluster() throws Exception {
    String cluster = LoopbackCluster.uniqueName();
    paths.put("examples/cluster/hazelcast-loopback.xml", LoopbackCluster.configCopy(dir, cluster).toString());
    paths.put("target/cluster-libs", LoopbackCluster.clusterLibs(dir.resolve("cluster-libs")).toString());
    Path readme = readme("audit-subscriber");
    try (ExampleProcess subscriber = ExampleProcess.start(DocumentedCommand.in(readme, SUBSCRIBER).argv(paths),
        project, dir, "subscriber")) {
      subscriber.awaitLine("subscribed to nri.audit", RUN);
      JsonObject box = runEmbedded(readme, CLUSTERED_EMBEDDED);
      assertTrue(box.getJsonObject("annotations").containsKey("logged-by"), box.encode());

      JsonLines audit = new JsonLines(dir.resolve("audit.jsonl"));
      List<JsonObject> records = audit.await(l -> l.stream().anyMatch(r -> "closed".equals(r.getString("action"))), RUN);
      assertEquals(List.of("registered", "configured", "synchronized", "closed"), records.stream()
          .filter(r -> "plugin".equals(r.getString("kind"))).map(r -> r.getString("action")).toList());
      List<JsonObject> events = records.stream().filter(r -> "event".equals(r.getString("kind"))).toList();
      assertEquals(List.of(LIFECYCLE.split(" ")), events.stream().map(r -> r.getString("event")).toList(),
          "one record per event, in order");
      JsonObject create = events.get(1);
      assertEquals(1, create.getInteger("v"));
      assertEquals("boxes", create.getString("namespace"));
      assertEquals("ctr-1", create.getString("container"));
      assertEquals("accepted", create.getJsonArray("plugins").getJsonObject(1).getString("verdict"),
          "the logger validates too: its verdict comes after its adjustment");
      assertEquals(box.getJsonObject("annotations").getString("logged-by"),
          create.getJsonObject("result").getJsonObject("adjust").getJsonObject("annotations").getString("logged-by"));
    }
  }

  /** Runs an embedded-runtime command to its end; returns the container it printed as adjusted. */
  private JsonObject runEmbedded(Path readme, String command) throws Exception {
    try (ExampleProcess runtime = ExampleProcess.start(DocumentedCommand.in(readme, command).argv(paths),
        project, dir, "embedded")) {
      assertEquals(0, runtime.waitFor(RUN), runtime.output());
      String out = runtime.stdout();
      for (String event : LIFECYCLE.split(" ")) {
        assertTrue(out.contains("\n" + event + ": ok\n"), event + " missing\n" + runtime.output());
      }
      return new JsonObject(runtime.awaitLine("adjusted container ", RUN).substring("adjusted container ".length()));
    }
  }

  private Path readme(String example) {
    return project.resolve("examples").resolve(example).resolve("README.md");
  }
}
