package io.nrivertx.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.StartContainerRequest;
import io.nrivertx.api.StopContainerRequest;
import io.nrivertx.api.UpdateContainerResponse;
import io.nrivertx.bus.ProtoJson;
import io.nrivertx.domain.InMemoryDomain;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
  private static final long NOW = 1_700_000_000_000_000_000L;
  private static final String SEED = """
      pods: [{id: pod0, name: web}]
      containers: [{id: ctr0, podSandboxId: pod0, name: nginx}]
      """;

  private final FakeRuntime runtime = new FakeRuntime();
  private final InMemoryDomain domain = new InMemoryDomain("k8s.io");
  private final List<JsonObject> lines = new ArrayList<>();

  private ScenarioResult run(String steps) {
    ScenarioFile file = ScenarioParser.parse(SEED + "steps:\n" + steps, "t.yaml");
    ScenarioRunner.seed(file, domain);
    Future<ScenarioResult> f = new ScenarioRunner(runtime, domain, lines::add, () -> NOW).run(file);
    assertTrue(f.isComplete(), "the fake runtime answers at once");
    return f.result();
  }

  @Test
  void createStoresTheAdjustedContainerAndReportsTheMergedReply() {
    runtime.reply("CreateContainer", read("""
        {"adjust": {"annotations": {"owner": "adjuster"}, "env": [{"key": "A", "value": "2"}]},
         "update": [{"containerId": "ctr0", "linux": {"resources": {"cpu": {"shares": {"value": "10"}}}}}]}""",
        CreateContainerResponse.newBuilder()));
    ScenarioResult result = run("""
          - op: CreateContainer
            container: {id: ctr1, podSandboxId: pod0, name: app, env: ["A=1"]}
            expect: {adjust: {annotations: {owner: adjuster}}, update: [{containerId: ctr0}], evict: []}
        """);
    assertEquals(new ScenarioResult(1, 0), result);
    assertEquals(new JsonObject("""
        {"step":1,"op":"CreateContainer","ok":true,"error":null,
         "adjust":{"annotations":{"owner":"adjuster"},"env":[{"key":"A","value":"2"}]},
         "update":[{"containerId":"ctr0","linux":{"resources":{"cpu":{"shares":{"value":"10"}}}}}],
         "evict":[],"expect":"ok"}"""), lines.getFirst());
    assertEquals(List.of("step", "op", "ok", "error", "adjust", "update", "evict", "expect"),
        List.copyOf(lines.getFirst().fieldNames()), "field order is part of the format");
    Container stored = domain.containerNow("ctr1");
    assertEquals(ContainerState.CONTAINER_CREATED, stored.getState());
    assertEquals(NOW, stored.getCreatedAt());
    assertEquals("adjuster", stored.getAnnotationsMap().get("owner"));
    assertEquals(List.of("A=2"), stored.getEnvList());
    assertEquals("web", runtime.<io.nrivertx.api.CreateContainerRequest>last("CreateContainer").getPod().getName());
  }

  @Test
  void aRefusedSandboxIsTornDownWithStopAndRemoveEvents() {
    runtime.refuse("RunPodSandbox", "plugin \"10-x\" said no");
    ScenarioResult result = run("""
          - op: RunPodSandbox
            pod: {id: pod1}
        """);
    assertEquals(new ScenarioResult(1, 1), result, "a refused step without expect fails the run");
    assertEquals(List.of("RunPodSandbox", "StopPodSandbox", "RemovePodSandbox"), runtime.methods());
    assertNull(domain.podNow("pod1"));
    assertEquals(new JsonObject().put("step", 1).put("op", "RunPodSandbox").put("ok", false)
        .put("error", "plugin \"10-x\" said no"), lines.getFirst());
  }

  @Test
  void anExpectedRefusalPassesAndLeavesNothingBehind() {
    runtime.refuse("CreateContainer", "validator \"90-v\" rejected container adjustment, reason: no");
    ScenarioResult result = run("""
          - op: CreateContainer
            container: {id: ctr1, podSandboxId: pod0}
            expect: {error: rejected container adjustment}
          - op: StartContainer
            container: ctr1
        """);
    assertEquals(new ScenarioResult(2, 1), result);
    assertEquals("ok", lines.get(0).getString("expect"));
    assertNull(lines.get(0).getValue("adjust"), "a failed step has no results");
    assertNull(domain.containerNow("ctr1"));
    assertEquals(List.of("CreateContainer"), runtime.methods(), "nothing sent for a container that is not there");
    assertTrue(lines.get(1).getString("error").startsWith("not run: container \"ctr1\" is not in the runtime"),
        lines.get(1).encode());
  }

  @Test
  void lifecycleMovesTheStoredStateAsCriWould() {
    run("""
          - op: StartContainer
            container: ctr0
          - op: StopContainer
            container: ctr0
          - op: RemoveContainer
            container: ctr0
          - op: RemovePodSandbox
            pod: pod0
        """);
    assertEquals(ContainerState.CONTAINER_RUNNING,
        runtime.<StartContainerRequest>last("StartContainer").getContainer().getState(), "seeded running");
    StopContainerRequest stop = runtime.last("StopContainer");
    assertEquals(ContainerState.CONTAINER_STOPPED, stop.getContainer().getState(), "StopContainer reports a stopped container");
    assertEquals(NOW, stop.getContainer().getFinishedAt());
    assertNull(domain.containerNow("ctr0"));
    assertNull(domain.podNow("pod0"));
    assertEquals(List.of("StartContainer", "StopContainer", "RemoveContainer", "RemovePodSandbox"), runtime.methods());
  }

  @Test
  void startMarksRunningOnlyWhenAccepted() {
    runtime.refuse("StartContainer", "no");
    run("""
          - op: CreateContainer
            container: {id: ctr1, podSandboxId: pod0}
          - op: StartContainer
            container: ctr1
            expect: {ok: false}
        """);
    assertEquals(ContainerState.CONTAINER_CREATED, domain.containerNow("ctr1").getState());
  }

  @Test
  void updateAppliesThePluginsLastWordElseTheRequest() {
    runtime.reply("UpdateContainer", read("""
        {"update": [{"containerId": "ctr0", "linux": {"resources": {"cpu": {"shares": {"value": "100"}}}}},
                    {"containerId": "ctr0", "linux": {"resources": {"cpu": {"shares": {"value": "300"}}}}}]}""",
        UpdateContainerResponse.newBuilder()));
    run("""
          - op: UpdateContainer
            container: ctr0
            linuxResources: {cpu: {shares: {value: 512}}, memory: {limit: {value: 1000}}}
            expect: {update: [{}, {linux: {resources: {cpu: {shares: {value: 300}}}}}]}
        """);
    assertEquals("ok", lines.getFirst().getString("expect"));
    assertEquals(300, domain.containerNow("ctr0").getLinux().getResources().getCpu().getShares().getValue());
  }

  @Test
  void updateWithoutPluginChangesAppliesTheRequestedResources() {
    run("""
          - op: UpdateContainer
            container: ctr0
            linuxResources: {memory: {limit: {value: 1000}}}
        """);
    assertEquals(1000, domain.containerNow("ctr0").getLinux().getResources().getMemory().getLimit().getValue());
  }

  @Test
  void aMismatchNamesWhatDiffered() {
    runtime.reply("CreateContainer", read("{\"adjust\": {\"annotations\": {\"owner\": \"other\"}}}",
        CreateContainerResponse.newBuilder()));
    ScenarioResult result = run("""
          - op: CreateContainer
            container: {id: ctr1, podSandboxId: pod0}
            expect: {adjust: {annotations: {owner: adjuster}}}
        """);
    assertEquals(1, result.exitCode());
    assertEquals("failed: adjust.annotations.owner: expected \"adjuster\", got \"other\"", lines.getFirst().getString("expect"));
  }

  @Test
  void podUpdateIsStoredAndLaterEventsCarryThePodFromTheDomain() {
    run("""
          - op: UpdatePodSandbox
            pod: pod0
            linuxResources: {cpu: {shares: {value: 2048}}}
          - op: PostUpdatePodSandbox
            pod: pod0
          - op: PostStartContainer
            container: ctr0
        """);
    assertEquals(2048, domain.podNow("pod0").getLinux().getPodResources().getCpu().getShares().getValue());
    io.nrivertx.api.PostStartContainerRequest post = runtime.last("PostStartContainer");
    assertEquals(2048, post.getPod().getLinux().getPodResources().getCpu().getShares().getValue());
  }

  @Test
  void pluginsThatNeverCameFailTheRunBeforeAnyStep() {
    runtime.pluginsFail("waiting for [10-a]");
    ScenarioFile file = ScenarioParser.parse("plugins: [10-a]\nwaitTimeout: 3s\nsteps: [{op: RunPodSandbox, pod: {id: p}}]\n",
        "t.yaml");
    Future<ScenarioResult> f = new ScenarioRunner(runtime, domain, lines::add).run(file);
    assertTrue(f.failed());
    assertEquals("plugins [10-a] not ready within waitTimeout 3s: waiting for [10-a]", f.cause().getMessage());
    assertTrue(lines.isEmpty() && runtime.sent.isEmpty());
  }

  @SuppressWarnings("unchecked")
  private static <M extends Message> M read(String json, Message.Builder builder) {
    try {
      return (M) ProtoJson.merge(json, builder).build();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
