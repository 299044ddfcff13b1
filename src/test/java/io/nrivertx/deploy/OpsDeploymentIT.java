package io.nrivertx.deploy;

import static io.nrivertx.deploy.DeploymentFiles.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.testing.GoPeers;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The deployment files' commands, run: the systemd unit's ExecStart and the DaemonSet's container command. */
class OpsDeploymentIT {
  private static final Path JAR = Path.of(System.getProperty("nri.build.dir", "target"), "nri-vertx.jar").toAbsolutePath();
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final Pattern ENDPOINT = Pattern.compile("operations endpoint on (http://127\\.0\\.0\\.1:\\d+) ");

  @Test
  void systemdVerifiesTheUnit() throws Exception {
    Process p = new ProcessBuilder("systemd-analyze", "verify", DeploymentFiles.UNIT.toString())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.exitValue(), out);
    assertEquals("", out.strip(), "no warnings");
  }

  @Test
  void theUnitsExecStartServesAndStopsWithItsSuccessStatus() throws Exception {
    Path dir = Files.createTempDirectory(GoPeers.buildDir(), "unit-");
    List<String> argv = new ArrayList<>();
    for (String a : DeploymentFiles.execStart()) {
      argv.add(switch (a) {
        case "/opt/nri-vertx/nri-vertx.jar" -> JAR.toString();
        case "/run/nri-vertx/cri.sock" -> dir.resolve("run/cri.sock").toString();
        case "/var/lib/nri-vertx" -> dir.resolve("state").toString();
        default -> a.endsWith("/bin/java") ? JAVA : a;
      });
    }
    // What the unit leaves to the defaults, moved out of the system's paths for the test.
    argv.addAll(List.of("--socket", dir.resolve("nri/nri.sock").toString(), "--plugin-path", "",
        "--metrics-address", "127.0.0.1:0"));
    Path out = dir.resolve("unit.out");
    Process run = new ProcessBuilder(argv).redirectOutput(out.toFile()).redirectError(dir.resolve("unit.err").toFile())
        .start();
    try (HttpClient http = HttpClient.newHttpClient()) {
      String base = awaitEndpoint(run, out, dir.resolve("unit.err"));
      HttpResponse<String> ready = awaitReady(http, base);
      assertEquals("UP", new JsonObject(ready.body()).getString("status"), ready.body());
      run.destroy(); // systemctl stop: SIGTERM to the main process (KillMode=mixed)
      assertTrue(run.waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM");
      assertEquals(Integer.parseInt(DeploymentFiles.unitValues("SuccessExitStatus").get(0)), run.exitValue());
    } finally {
      run.destroyForcibly().waitFor();
    }
  }

  /**
   * The DaemonSet's JVM command with its ConfigMap: the flags start the JVM and the configuration
   * is what nri-vertx reads (config --print shows the pod-network endpoint).
   */
  @Test
  void theDaemonSetsCommandAcceptsItsConfigMap() throws Exception {
    Path dir = Files.createTempDirectory(GoPeers.buildDir(), "daemonset-");
    Map<String, Object> cm = DeploymentFiles.manifest("ConfigMap");
    Path config = Files.writeString(dir.resolve("nri-vertx.yaml"), at(cm, "data", "nri-vertx.yaml"));
    Map<String, Object> c = at(DeploymentFiles.manifest("DaemonSet"), "spec", "template", "spec", "containers", 0);
    List<String> argv = new ArrayList<>(at(c, "command"));
    argv.set(0, JAVA);
    argv.set(argv.indexOf("-jar") + 1, JAR.toString());
    argv.addAll(List.of("config", "--print", "--config", config.toString()));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String printed = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.exitValue(), printed);
    assertTrue(printed.contains("  address: \"0.0.0.0:9464\""), printed);
    assertTrue(printed.contains("  format: \"json\""), printed);
  }

  private static String awaitEndpoint(Process run, Path out, Path err) {
    Matcher m = io.nrivertx.testing.Waiting.until(() -> ENDPOINT.matcher(read(out)), Matcher::find,
        () -> !run.isAlive(), Duration.ofSeconds(60), last -> "no endpoint line: " + read(out) + read(err));
    return m.group(1);
  }

  private static HttpResponse<String> awaitReady(HttpClient http, String base) {
    return io.nrivertx.testing.Waiting.until(() -> readyz(http, base), r -> r != null && r.statusCode() == 200,
        Duration.ofSeconds(30), r -> "not ready: " + (r == null ? "no answer" : r.statusCode() + " " + r.body()));
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
