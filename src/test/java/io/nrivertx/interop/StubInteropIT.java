package io.nrivertx.interop;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriRuntime;
import io.nrivertx.api.*;
import io.nrivertx.service.PluginCall;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nri-vertx against plugins built on the official containerd/nri Go stub, over a real socket. */
class StubInteropIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void registrationConfigureThenSynchronizeWithSeededState() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.domain.putPod(rt.pod("pod0", "web"));
      rt.domain.putContainer(rt.container("ctr0", "pod0", "nginx", ContainerState.CONTAINER_RUNNING));
      rt.domain.putContainer(rt.container("ctr1", "pod0", "done", ContainerState.CONTAINER_STOPPED));
      rt.start();
      Path log = rt.file("recorder.jsonl");
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-name", "recorder", "-log-file", log.toString());
      rt.awaitPlugins(List.of("50-recorder"));

      List<JsonObject> lines = new JsonLines(log).await(l -> l.size() >= 2, WAIT);
      JsonObject configure = lines.get(0);
      assertEquals("Configure", configure.getString("event"));
      assertEquals("nri-vertx", configure.getString("runtimeName"));
      assertEquals("v0.12.5", configure.getString("nriVersion"), "the NRI version nri-vertx implements");
      assertEquals(2000L, Long.parseLong(String.valueOf(configure.getValue("requestTimeout"))));
      assertEquals(5000L, Long.parseLong(String.valueOf(configure.getValue("registrationTimeout"))));
      JsonObject sync = lines.get(1);
      assertEquals("Synchronize", sync.getString("event"));
      assertEquals(List.of("pod0"), ids(sync.getJsonArray("pods")));
      assertEquals(List.of("ctr0"), ids(sync.getJsonArray("containers")), "stopped containers are not synchronized");
      assertEquals("nginx", sync.getJsonArray("containers").getJsonObject(0).getString("name"));
    }
  }

  @Test
  void everyLifecycleEventArrivesInOrder() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      Path log = rt.file("recorder.jsonl");
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-log-file", log.toString());
      rt.awaitPlugins(List.of("50-recorder"));

      io.nrivertx.testing.LifecycleDriver.runAll(rt, nri, rt.pod("pod1", "db"));

      List<String> expected = List.of("Configure", "Synchronize", "RunPodSandbox", "UpdatePodSandbox",
          "PostUpdatePodSandbox", "CreateContainer", "PostCreateContainer", "StartContainer", "PostStartContainer",
          "UpdateContainer", "PostUpdateContainer", "StopContainer", "RemoveContainer", "StopPodSandbox",
          "RemovePodSandbox");
      List<JsonObject> lines = new JsonLines(log).await(l -> l.size() >= expected.size(), WAIT);
      assertEquals(expected, lines.stream().map(l -> l.getString("event")).toList());
      for (JsonObject line : lines.subList(2, lines.size())) {
        assertEquals("pod1", line.getJsonObject("pod").getString("id"), line.encode());
        if (line.getString("event").contains("Container")) {
          assertEquals("c1", line.getJsonObject("container").getString("id"), line.encode());
        }
      }
      assertEquals("512", lines.get(9).getJsonObject("linuxResources").getJsonObject("cpu")
          .getJsonObject("shares").getValue("value").toString());
    }
  }

  @Test
  void adjustmentsComeBackAndLaterPluginsSeeThem() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      Path config = rt.file("adjust.yaml");
      Files.writeString(config, """
          postgres:
            adjust:
              annotations: {owner: adjuster}
              env: [{key: ADJUSTED, value: "yes"}]
              mounts: [{destination: /data, source: /srv/pg, type: bind, options: [rbind, rw]}]
              linux:
                resources:
                  memory: {limit: {value: "268435456"}}
                  cpu: {shares: {value: "1024"}, cpus: "0-1"}
          """);
      Path log = rt.file("recorder.jsonl");
      rt.plugin(GoPeers.adjuster(), "-idx", "10", "-config", config.toString());
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-events", "CreateContainer", "-log-file", log.toString());
      rt.awaitPlugins(List.of("10-adjuster", "50-recorder"));

      PodSandbox pod = rt.pod("pod1", "db");
      CreateContainerResponse rsp = await(nri.request(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder()
          .setPod(pod).setContainer(rt.container("c1", "pod1", "postgres", ContainerState.CONTAINER_UNKNOWN)).build()));
      ContainerAdjustment adj = rsp.getAdjust();
      assertEquals("adjuster", adj.getAnnotationsMap().get("owner"));
      assertEquals("ADJUSTED", adj.getEnv(0).getKey());
      assertEquals("/data", adj.getMounts(0).getDestination());
      assertEquals(268435456L, adj.getLinux().getResources().getMemory().getLimit().getValue());
      assertEquals(1024L, adj.getLinux().getResources().getCpu().getShares().getValue());
      assertEquals("0-1", adj.getLinux().getResources().getCpu().getCpus());

      JsonObject seen = new JsonLines(log).awaitEvent("CreateContainer", WAIT).getJsonObject("container");
      assertEquals("adjuster", seen.getJsonObject("annotations").getString("owner"));
      assertTrue(seen.getJsonArray("env").contains("ADJUSTED=yes"), seen.encode());
      assertEquals("0-1", seen.getJsonObject("linux").getJsonObject("resources").getJsonObject("cpu").getString("cpus"));
    }
  }

  @Test
  void twoPluginsSettingOneAnnotationConflict() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      Path a = rt.file("a.yaml");
      Path b = rt.file("b.yaml");
      Files.writeString(a, "\"*\": {adjust: {annotations: {owner: a}}}\n");
      Files.writeString(b, "\"*\": {adjust: {annotations: {owner: b}}}\n");
      rt.plugin(GoPeers.adjuster(), "-idx", "10", "-name", "first", "-config", a.toString());
      rt.plugin(GoPeers.adjuster(), "-idx", "20", "-name", "second", "-config", b.toString());
      rt.awaitPlugins(List.of("10-first", "20-second"));

      LifecycleException err = assertThrows(LifecycleException.class, () -> await(nri.request(
          PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder().setPod(rt.pod("p", "p"))
              .setContainer(rt.container("c", "p", "app", ContainerState.CONTAINER_UNKNOWN)).build())));
      assertTrue(err.getMessage().contains("\"10-first\"") && err.getMessage().contains("\"20-second\"")
          && err.getMessage().contains("owner"), err.getMessage());
    }
  }

  @Test
  void sigkilledPluginMidRequestLeavesOthersServed() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      Path slowLog = rt.file("slow.jsonl");
      Path okLog = rt.file("ok.jsonl");
      GoPlugin slow = rt.plugin(GoPeers.recorder(), "-idx", "10", "-name", "slow", "-delay", "30s",
          "-delay-on", "CreateContainer", "-log-file", slowLog.toString());
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-name", "ok", "-log-file", okLog.toString());
      rt.awaitPlugins(List.of("10-slow", "50-ok"));

      PodSandbox pod = rt.pod("p", "p");
      var pending = nri.request(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder().setPod(pod)
          .setContainer(rt.container("c", "p", "app", ContainerState.CONTAINER_UNKNOWN)).build());
      new JsonLines(slowLog).awaitEvent("CreateContainer", WAIT);
      slow.kill9();
      assertNotNull(await(pending), "the event goes on without the killed plugin");
      new JsonLines(okLog).awaitEvent("CreateContainer", WAIT);

      await(nri.request(PluginCall.START_CONTAINER, StartContainerRequest.newBuilder().setPod(pod)
          .setContainer(rt.container("c", "p", "app", ContainerState.CONTAINER_CREATED)).build()));
      new JsonLines(okLog).awaitEvent("StartContainer", WAIT);
      assertEquals(List.of("50-ok"), await(nri.plugins()));
    }
  }

  @Test
  void messagesOverFourKibCrossTheMuxBothWays() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      String big = "x".repeat(40_000);
      Path config = rt.file("big.yaml");
      Files.writeString(config, "\"*\": {adjust: {annotations: {big-reply: \"" + big + "\"}}}\n");
      Path log = rt.file("recorder.jsonl");
      rt.plugin(GoPeers.adjuster(), "-idx", "10", "-config", config.toString());
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-events", "CreateContainer", "-log-file", log.toString());
      rt.awaitPlugins(List.of("10-adjuster", "50-recorder"));

      Container.Builder ctr = rt.container("c", "p", "app", ContainerState.CONTAINER_UNKNOWN).toBuilder();
      for (int i = 0; i < 30; i++) {
        ctr.putAnnotations("big-" + i, String.valueOf(i).repeat(2000));
      }
      CreateContainerResponse rsp = await(nri.request(PluginCall.CREATE_CONTAINER,
          CreateContainerRequest.newBuilder().setPod(rt.pod("p", "p")).setContainer(ctr).build()));
      assertTrue(big.equals(rsp.getAdjust().getAnnotationsMap().get("big-reply")), "40 KB reply annotation intact");
      JsonObject seen = new JsonLines(log).awaitEvent("CreateContainer", WAIT).getJsonObject("container")
          .getJsonObject("annotations");
      assertTrue("7".repeat(2000).equals(seen.getString("big-7")), "2 KB request annotation intact");
      assertTrue(big.equals(seen.getString("big-reply")), "the second plugin sees the first one's large change");
    }
  }

  @Test
  void pluginThatTimesOutIsDroppedAndTheEventGoesOn() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(new io.nrivertx.NriOptions().setRequestTimeout(Duration.ofMillis(700)));
      Path okLog = rt.file("ok.jsonl");
      GoPlugin slow = rt.plugin(GoPeers.recorder(), "-idx", "10", "-name", "slow", "-delay", "5s",
          "-delay-on", "CreateContainer", "-log-file", rt.file("slow.jsonl").toString());
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-name", "ok", "-log-file", okLog.toString());
      rt.awaitPlugins(List.of("10-slow", "50-ok"));

      long start = System.nanoTime();
      await(nri.request(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder().setPod(rt.pod("p", "p"))
          .setContainer(rt.container("c", "p", "app", ContainerState.CONTAINER_UNKNOWN)).build()));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(tookMs >= 600, "waited for the request timeout, took " + tookMs + " ms");
      new JsonLines(okLog).awaitEvent("CreateContainer", WAIT);
      assertEquals(List.of("50-ok"), await(nri.plugins()), "the timed-out plugin is dropped");
      assertEquals(0, slow.waitFor(WAIT), "the stub sees the connection closed and exits: " + slow.output());
    }
  }

  @Test
  void pluginErrorStopsTheEventWithTheStatusText() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      Path laterLog = rt.file("later.jsonl");
      rt.plugin(GoPeers.recorder(), "-idx", "10", "-name", "refuser", "-fail-on", "RunPodSandbox",
          "-log-file", rt.file("refuser.jsonl").toString());
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-name", "later", "-log-file", laterLog.toString());
      rt.awaitPlugins(List.of("10-refuser", "50-later"));

      LifecycleException err = assertThrows(LifecycleException.class, () -> await(nri.request(
          PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(rt.pod("p", "p")).build())));
      assertTrue(err.getMessage().startsWith("rpc error: code = Unknown desc = "), err.getMessage());
      await(nri.request(PluginCall.STOP_POD_SANDBOX, StopPodSandboxRequest.newBuilder().setPod(rt.pod("p", "p")).build()));
      List<String> events = new JsonLines(laterLog).await(l -> l.stream()
          .anyMatch(JsonLines.isEvent("StopPodSandbox")), WAIT).stream().map(l -> l.getString("event")).toList();
      assertFalse(events.contains("RunPodSandbox"), "dispatch stops at the refusing plugin: " + events);
      assertEquals(List.of("10-refuser", "50-later"), await(nri.plugins()), "a refusing plugin stays connected");
    }
  }

  private static List<String> ids(JsonArray objects) {
    return objects.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
