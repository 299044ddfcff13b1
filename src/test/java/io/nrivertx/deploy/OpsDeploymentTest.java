package io.nrivertx.deploy;

import static io.nrivertx.deploy.DeploymentFiles.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.config.NriConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files agree with what nri-vertx ships: the JVM flags of conf/jvm.options, the
 * documented java line, the probe and scrape port of the configured endpoint.
 */
class OpsDeploymentTest {
  @Test
  void theDocumentedJavaLineIsTheShippedFlags() {
    String doc = DeploymentFiles.read(DeploymentFiles.PROJECT.resolve("docs/operations.md"));
    int marker = doc.indexOf("<!-- shipped-java-line -->");
    assertTrue(marker > 0, "docs/operations.md lost its shipped-java-line marker");
    int start = doc.indexOf("```sh\n", marker) + 6;
    String line = doc.substring(start, doc.indexOf("\n```", start));
    assertEquals("java " + String.join(" ", DeploymentFiles.shippedFlags()) + " -jar target/nri-vertx.jar run", line);
  }

  @Test
  void theSystemdUnitRunsTheJarWithTheShippedFlagsAfterContainerd() {
    List<String> argv = DeploymentFiles.execStart();
    assertTrue(argv.get(0).endsWith("/bin/java"), argv.toString());
    int jar = argv.indexOf("-jar");
    assertEquals(DeploymentFiles.shippedFlags(), argv.subList(1, jar));
    assertEquals("run", argv.get(jar + 2));
    assertTrue(DeploymentFiles.unitValues("After").get(0).contains("containerd.service"));
    assertEquals(List.of("on-failure"), DeploymentFiles.unitValues("Restart"));
    assertEquals(List.of("0700"), DeploymentFiles.unitValues("RuntimeDirectoryMode"));
    assertEquals(List.of("0700"), DeploymentFiles.unitValues("StateDirectoryMode"));
    assertEquals(List.of("143"), DeploymentFiles.unitValues("SuccessExitStatus"), "run exits 128+SIGTERM");
    assertEquals(List.of("mixed"), DeploymentFiles.unitValues("KillMode"), "nri-vertx stops its plugins itself");
  }

  @Test
  void theDaemonSetProbesAndAnnotatesTheConfiguredEndpoint(@TempDir Path dir) throws Exception {
    Map<String, Object> cm = DeploymentFiles.manifest("ConfigMap");
    Path config = Files.writeString(dir.resolve("nri-vertx.yaml"), at(cm, "data", "nri-vertx.yaml"));
    NriConfig cfg = NriConfig.load(config); // a valid nri-vertx configuration
    int port = Integer.parseInt(cfg.metrics().getAddress().substring(cfg.metrics().getAddress().lastIndexOf(':') + 1));
    assertTrue(cfg.metrics().getAddress().startsWith("0.0.0.0:"), "reachable on the pod IP");

    Map<String, Object> ds = DeploymentFiles.manifest("DaemonSet");
    Map<String, Object> pod = at(ds, "spec", "template");
    Map<String, Object> annotations = at(pod, "metadata", "annotations");
    assertEquals("true", annotations.get("prometheus.io/scrape"));
    assertEquals(String.valueOf(port), annotations.get("prometheus.io/port"));
    assertEquals("/metrics", annotations.get("prometheus.io/path"));

    Map<String, Object> c = at(pod, "spec", "containers", 0);
    List<String> command = at(c, "command");
    assertEquals(DeploymentFiles.shippedFlags(), command.subList(1, command.indexOf("-jar")));
    List<String> args = at(c, "args");
    assertEquals("relay", args.get(0));
    assertEquals(port, (Integer) at(c, "ports", 0, "containerPort"));
    assertEquals("metrics", at(c, "ports", 0, "name"));
    assertEquals("/readyz", at(c, "readinessProbe", "httpGet", "path"));
    assertEquals("metrics", at(c, "readinessProbe", "httpGet", "port"));
    assertEquals("/healthz", at(c, "livenessProbe", "httpGet", "path"));

    List<Map<String, Object>> volumes = at(pod, "spec", "volumes");
    List<Map<String, Object>> mounts = at(c, "volumeMounts");
    String socketDir = Path.of(cfg.options().getSocketPath()).getParent().toString();
    for (String hostDir : List.of("/var/run/nri", socketDir)) {
      Map<String, Object> v = volumes.stream().filter(x -> x.get("hostPath") != null
          && hostDir.equals(at(x, "hostPath", "path"))).findFirst()
          .orElseThrow(() -> new AssertionError("no hostPath volume for " + hostDir));
      assertTrue(mounts.stream().anyMatch(m -> v.get("name").equals(m.get("name")) && hostDir.equals(m.get("mountPath"))),
          hostDir + " is mounted at the same path");
    }
  }
}
