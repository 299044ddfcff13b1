package io.nrivertx.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.cri.Crictl;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fat jar's operations side: the endpoint it prints, `status`, JSON logs, a taken port. */
class OpsCommandLineIT {
  private static final Path PROJECT = Path.of(System.getProperty("nri.project.dir", "."));
  private static final Path JAR = Path.of(System.getProperty("nri.build.dir", "target"), "nri-vertx.jar");
  private static final Pattern ENDPOINT = Pattern.compile("operations endpoint on (http://127\\.0\\.0\\.1:\\d+) ");

  private static Process jar(Path out, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(PROJECT.toFile()).redirectOutput(out.toFile())
        .redirectError(Path.of(out + ".err").toFile()).start();
  }

  private static int status(Path dir, String name, String... args) throws Exception {
    Process p = jar(dir.resolve(name), args);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "status did not finish");
    return p.exitValue();
  }

  @Test
  void runServesItsEndpointStatusReadsItAndLogsAreJsonLines() throws Exception {
    Path dir = Files.createTempDirectory(GoPeers.buildDir(), "ops-run-");
    Path socket = dir.resolve("nri.sock");
    Path out = dir.resolve("run.out");
    Process run = jar(out, "run", "--socket", socket.toString(), "--cri-socket", dir.resolve("cri.sock").toString(),
        "--state-dir", dir.resolve("state").toString(), "--metrics-address", "127.0.0.1:0", "--log-format", "json");
    try (HttpClient http = HttpClient.newHttpClient()) {
      String base = awaitEndpoint(run, out);
      try (GoPlugin recorder = GoPlugin.start(GoPeers.recorder(), List.of("-socket", socket.toString(),
          "-idx", "42", "-log-file", dir.resolve("r.jsonl").toString()))) {
        new JsonLines(dir.resolve("r.jsonl")).awaitEvent("Synchronize", Duration.ofSeconds(20));
        JsonObject ready = awaitReady(http, base);
        JsonObject plugins = ready.getJsonArray("checks").stream().map(JsonObject.class::cast)
            .filter(c -> c.getString("id").equals("plugins")).findFirst().orElseThrow();
        assertTrue(plugins.getJsonObject("data").getJsonArray("registered").encode().contains("42-"), ready.encode());

        assertEquals(0, status(dir, "status.out", "status", "--address", base.substring("http://".length())),
            read(dir.resolve("status.out")) + read(dir.resolve("status.out.err")));
        String report = read(dir.resolve("status.out"));
        assertTrue(report.startsWith("nri-vertx at " + base + ": ready, live"), report);
        assertTrue(report.contains("ready cri-endpoint") && report.contains("live  event-loops"), report);

        Crictl crictl = new Crictl(dir.resolve("cri.sock"));
        crictl.run("version").ok();
        crictl.run("inspectp", "no-such-pod"); // NotFound
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("jvm_threads_live_threads"), metrics);
        // crictl asks for the version more than once (API detection), so the count is not checked.
        assertTrue(metrics.contains("nri_cri_requests_total{code=\"ok\",method=\"Version\"} "), metrics);
        assertTrue(metrics.contains("nri_cri_requests_total{code=\"not_found\",method=\"PodSandboxStatus\"} 1.0"),
            metrics);
        assertTrue(metrics.contains("nri_cri_request_duration_seconds_bucket{method=\"Version\",le=\"0.005\"}"),
            metrics);
      }
      run.destroy();
      assertTrue(run.waitFor(30, TimeUnit.SECONDS), "run did not stop on SIGTERM");
      assertEquals(StatusCommand.UNREACHABLE, status(dir, "gone.out", "status", "--address",
          base.substring("http://".length())));
      assertTrue(read(dir.resolve("gone.out.err")).contains("connection refused"), read(dir.resolve("gone.out.err")));
    } finally {
      run.destroyForcibly().waitFor();
    }
    List<String> lines = Files.readAllLines(Path.of(out + ".err"));
    assertFalse(lines.isEmpty());
    for (String line : lines) {
      JsonObject record = new JsonObject(line); // every stderr line is one JSON object
      assertTrue(record.containsKey("level") && record.containsKey("formattedMessage"), line);
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"component\":\"plugin\"") && l.contains("42-")),
        "plugin lines name the plugin: " + lines);
  }

  @Test
  void aChosenPortThatIsTakenStopsTheStart() throws Exception {
    Path dir = Files.createTempDirectory(GoPeers.buildDir(), "ops-busy-");
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Process run = jar(dir.resolve("run.out"), "run", "--no-cri", "--socket", dir.resolve("nri.sock").toString(),
          "--metrics-address", "127.0.0.1:" + taken.getLocalPort());
      try {
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "run did not give up");
        assertEquals(1, run.exitValue());
        String err = read(dir.resolve("run.out.err"));
        assertTrue(err.contains("cannot serve the operations endpoint on 127.0.0.1:" + taken.getLocalPort()
            + ": address already in use"), err);
        assertFalse(Files.exists(dir.resolve("nri.sock")), "the socket is removed again");
      } finally {
        run.destroyForcibly().waitFor();
      }
    }
  }

  private static String awaitEndpoint(Process run, Path out) {
    Matcher m = io.nrivertx.testing.Waiting.until(() -> ENDPOINT.matcher(read(out)), Matcher::find,
        () -> !run.isAlive(), Duration.ofSeconds(60),
        last -> "no endpoint line: " + read(out) + read(Path.of(out + ".err")));
    return m.group(1);
  }

  /** Ready once the plugin is through; readiness is polled, as a probe would. */
  private static JsonObject awaitReady(HttpClient http, String base) {
    HttpResponse<String> r = io.nrivertx.testing.Waiting.until(() -> readyz(http, base),
        rsp -> rsp != null && rsp.statusCode() == 200 && rsp.body().contains("42-"), Duration.ofSeconds(30),
        rsp -> "not ready: " + (rsp == null ? "no answer" : rsp.statusCode() + " " + rsp.body()));
    return new JsonObject(r.body());
  }

  private static HttpResponse<String> readyz(HttpClient http, String base) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
