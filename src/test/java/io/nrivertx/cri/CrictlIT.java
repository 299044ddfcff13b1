package io.nrivertx.cri;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's procedure, with crictl as the client and plugins on the official Go stub. */
class CrictlIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void pluginSeesExistingObjectsThenEveryCrictlCallAsItsEvent() {
    try (CriFixture f = new CriFixture()) {
      f.start();
      Crictl crictl = f.crictl();
      String oldPod = crictl.run("runp", f.podConfig("old").toString()).ok();
      String oldCtr = crictl.run("create", oldPod, f.containerConfig("sleeper", "busybox").toString(),
          f.podConfig("old").toString()).ok();
      crictl.run("start", oldCtr).ok();

      Path log = f.dir.resolve("recorder.jsonl");
      f.plugin(GoPeers.recorder(), "-idx", "50", "-log-file", log.toString());
      f.awaitPlugins(List.of("50-recorder"));
      JsonLines lines = new JsonLines(log);
      JsonObject sync = lines.awaitEvent("Synchronize", WAIT);
      assertEquals(List.of(oldPod), ids(sync.getJsonArray("pods")));
      assertEquals(List.of(oldCtr), ids(sync.getJsonArray("containers")));
      assertEquals("sleeper", sync.getJsonArray("containers").getJsonObject(0).getString("name"));

      Path podCfg = f.podConfig("web");
      String pod = crictl.run("runp", podCfg.toString()).ok();
      String ctr = crictl.run("create", pod, f.containerConfig("nginx", "nginx:1.27").toString(), podCfg.toString()).ok();
      crictl.run("start", ctr).ok();
      assertEquals("CONTAINER_RUNNING", crictl.run("inspect", ctr).json().getJsonObject("status").getString("state"));
      crictl.run("stop", ctr).ok();
      assertEquals("CONTAINER_EXITED", crictl.run("inspect", ctr).json().getJsonObject("status").getString("state"));
      crictl.run("rm", ctr).ok();
      crictl.run("stopp", pod).ok();
      crictl.run("rmp", pod).ok();

      List<String> expected = List.of("RunPodSandbox", "CreateContainer", "PostCreateContainer", "StartContainer",
          "PostStartContainer", "StopContainer", "RemoveContainer", "StopPodSandbox", "RemovePodSandbox");
      List<JsonObject> events = lines.await(l -> l.size() >= 2 + expected.size(), WAIT).subList(2, 2 + expected.size());
      assertEquals(expected, events.stream().map(l -> l.getString("event")).toList());
      for (JsonObject e : events) {
        assertEquals(pod, e.getJsonObject("pod").getString("id"), e.encode());
        assertEquals("web", e.getJsonObject("pod").getString("name"), e.encode());
        if (e.containsKey("container")) {
          assertEquals(ctr, e.getJsonObject("container").getString("id"), e.encode());
          assertEquals("nginx", e.getJsonObject("container").getString("name"), e.encode());
        }
      }
      JsonObject created = events.get(1).getJsonObject("container");
      assertEquals(new JsonArray().add("/bin/nginx"), created.getJsonArray("args"));
      assertTrue(created.getJsonArray("env").contains("HOME=/root"), created.encode());
      assertEquals(oldCtr, crictl.run("ps", "-a", "-q").ok());
      assertEquals(List.of(oldPod), List.of(crictl.run("pods", "-q").ok().split("\n")));
    }
  }

  @Test
  void adjustmentsShowInInspectAndUpdatesInStatus() throws Exception {
    try (CriFixture f = new CriFixture()) {
      f.start();
      Path config = Files.writeString(f.dir.resolve("adjust.yaml"), """
          app:
            adjust:
              annotations: {adjusted-by: adjuster}
              env: [{key: ADJUSTED, value: "yes"}]
              mounts: [{destination: /data, source: /srv/data, type: bind, options: [rbind, rw]}]
              linux:
                resources:
                  cpu: {cpus: "0-1"}
                  memory: {limit: {value: "268435456"}}
          """);
      f.plugin(GoPeers.adjuster(), "-idx", "10", "-config", config.toString());
      f.awaitPlugins(List.of("10-adjuster"));
      Crictl crictl = f.crictl();
      Path podCfg = f.podConfig("adj");
      String pod = crictl.run("runp", podCfg.toString()).ok();
      String ctr = crictl.run("create", pod, f.containerConfig("app", "busybox").toString(), podCfg.toString()).ok();

      JsonObject inspect = crictl.run("inspect", ctr).json();
      JsonObject spec = inspect.getJsonObject("info").getJsonObject("runtimeSpec");
      assertTrue(spec.getJsonObject("process").getJsonArray("env").contains("ADJUSTED=yes"), spec.encode());
      assertEquals("adjuster", spec.getJsonObject("annotations").getString("adjusted-by"));
      JsonObject data = spec.getJsonArray("mounts").stream().map(o -> (JsonObject) o)
          .filter(m -> "/data".equals(m.getString("destination"))).findFirst().orElseThrow(() -> new AssertionError(spec.encode()));
      assertEquals("/srv/data", data.getString("source"));
      JsonObject res = spec.getJsonObject("linux").getJsonObject("resources");
      assertEquals("0-1", res.getJsonObject("cpu").getString("cpus"));
      assertEquals(268435456L, res.getJsonObject("memory").getLong("limit"));
      assertEquals("0-1", inspect.getJsonObject("status").getJsonObject("resources").getJsonObject("linux")
          .getString("cpusetCpus"));

      crictl.run("update", "--cpuset-cpus", "2-3", ctr).ok();
      JsonObject after = crictl.run("inspect", ctr).json();
      assertEquals("2-3", after.getJsonObject("info").getJsonObject("runtimeSpec").getJsonObject("linux")
          .getJsonObject("resources").getJsonObject("cpu").getString("cpus"));
    }
  }

  @Test
  void refusalsLeaveNothingBehind() {
    try (CriFixture f = new CriFixture()) {
      f.start();
      Path log = f.dir.resolve("refuser.jsonl");
      f.plugin(GoPeers.recorder(), "-idx", "50", "-fail-on", "RunPodSandbox,CreateContainer", "-log-file", log.toString());
      f.awaitPlugins(List.of("50-recorder"));
      Crictl crictl = f.crictl();
      Crictl.Result runp = crictl.run("runp", f.podConfig("nope").toString());
      assertNotEquals(0, runp.exit());
      assertTrue(runp.err().contains("refused by NRI") && runp.err().contains("injected failure"), runp.err());
      assertEquals("", crictl.run("pods", "-q").ok());
      JsonLines lines = new JsonLines(log);
      lines.await(l -> l.stream().anyMatch(JsonLines.isEvent("RemovePodSandbox")), WAIT);
      assertEquals(List.of("RunPodSandbox", "StopPodSandbox", "RemovePodSandbox"), lines.read().stream()
          .map(l -> l.getString("event")).filter(e -> e.contains("Pod")).toList());

      // A pod the plugin cannot refuse: created before it connected.
      f.stop();
      f.start();
      Path podCfg = f.podConfig("yes");
      String pod = crictl.run("runp", podCfg.toString()).ok();
      f.plugin(GoPeers.recorder(), "-idx", "50", "-fail-on", "CreateContainer", "-log-file", log.toString());
      f.awaitPlugins(List.of("50-recorder"));
      Crictl.Result create = crictl.run("create", pod, f.containerConfig("app", "busybox").toString(), podCfg.toString());
      assertNotEquals(0, create.exit());
      assertTrue(create.err().contains("refused by NRI"), create.err());
      assertEquals("", crictl.run("ps", "-a", "-q").ok(), "no container remains after a refused CreateContainer");
    }
  }

  @Test
  void restartedEndpointSynchronizesPluginsWithRestoredState() {
    try (CriFixture f = new CriFixture()) {
      f.start();
      Crictl crictl = f.crictl();
      Path podCfg = f.podConfig("keep");
      String pod = crictl.run("runp", podCfg.toString()).ok();
      String ctr = crictl.run("create", pod, f.containerConfig("db", "postgres").toString(), podCfg.toString()).ok();
      crictl.run("start", ctr).ok();
      f.stop();
      f.start();
      assertEquals(ctr, crictl.run("ps", "-q").ok());
      Path log = f.dir.resolve("after.jsonl");
      f.plugin(GoPeers.recorder(), "-idx", "50", "-log-file", log.toString());
      f.awaitPlugins(List.of("50-recorder"));
      JsonObject sync = new JsonLines(log).awaitEvent("Synchronize", WAIT);
      assertEquals(List.of(pod), ids(sync.getJsonArray("pods")));
      assertEquals(List.of(ctr), ids(sync.getJsonArray("containers")));
    }
  }

  static List<String> ids(JsonArray objects) {
    return objects == null ? List.of() : objects.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
