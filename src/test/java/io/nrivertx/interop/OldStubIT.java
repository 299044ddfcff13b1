package io.nrivertx.interop;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import io.nrivertx.NriRuntime;
import io.nrivertx.api.*;
import io.nrivertx.service.PluginCall;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.LogCapture;
import io.nrivertx.testing.NriTap;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * nri-vertx against plugins on old official stubs, which predate the dedicated RPCs for pod
 * events, StartContainer, RemoveContainer and the post-events (containerd/nri v0.6.1, shipped by
 * containerd 1.7, and v0.3.0). NRI v0.12.5's adaptation sends those nine events as StateChange once
 * a plugin answers one of them Unimplemented; CreateContainer, UpdateContainer and StopContainer
 * have no fallback, and the old stubs serve them directly. A tap on the socket shows which RPC
 * really carried each event. The expected calls, replies and error texts are what the Go
 * adaptation (nri v0.12.5) does with the same plugins.
 */
class OldStubIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static final List<String> FALLBACK_METHODS = List.of("RunPodSandbox", "StopPodSandbox",
      "RemovePodSandbox", "PostUpdatePodSandbox", "PostCreateContainer", "StartContainer", "PostStartContainer",
      "PostUpdateContainer", "RemoveContainer");

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private LogCapture connectionLog;

  @BeforeEach
  void captureWarnings() {
    connectionLog = new LogCapture("io.nrivertx.plugin.PluginConnection");
  }

  @AfterEach
  void closeAll() throws Exception {
    connectionLog.close();
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  /**
   * The deprecation warnings so far, as "plugin/Event". v0.12.5 warns once per plugin and event,
   * after the first time that event was handled successfully through StateChange.
   */
  private List<String> deprecations() {
    return connectionLog.events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
          .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("deprecated StateChange"))
          .map(m -> {
            String plugin = m.split(" ")[1];
            String event = FALLBACK_METHODS.stream().filter(e -> m.matches(".*\\b" + e + "\\b.*")).findFirst()
                .orElse("?");
            return plugin + "/" + event;
          }).toList();
  }

  @Test
  void oldStubGetsTheNineFallbackEventsAsStateChangeNextToACurrentStub() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.domain.putPod(rt.pod("pod0", "web"));
      NriRuntime nri = rt.start();
      Path oldLog = rt.file("old.jsonl");
      Path newLog = rt.file("current.jsonl");
      NriTap oldTap = tap(rt, "old");
      NriTap newTap = tap(rt, "current");
      // v0.6.1 has no PostUpdatePodSandbox event; -extra-events subscribes the old plugin to it
      // anyway, so all nine fallback events reach it.
      plugin(GoPeers.oldRecorder(), oldTap, "-idx", "10", "-name", "old", "-log-file", oldLog.toString(),
          "-extra-events", "PostUpdatePodSandbox");
      plugin(GoPeers.recorder(), newTap, "-idx", "50", "-name", "current", "-log-file", newLog.toString());
      rt.awaitPlugins(List.of("10-old", "50-current"));

      io.nrivertx.testing.LifecycleDriver.runAll(rt, nri, rt.pod("pod1", "db"));

      // What crossed the wire to the old plugin: RunPodSandbox was refused Unimplemented, after which
      // every fallback event went straight to StateChange; the three without fallback went as themselves.
      List<String> expectedOld = List.of("Configure=0", "Synchronize=0", "RunPodSandbox=12",
          "StateChange:RUN_POD_SANDBOX=0", "StateChange:POST_UPDATE_POD_SANDBOX=0", "CreateContainer=0",
          "StateChange:POST_CREATE_CONTAINER=0", "StateChange:START_CONTAINER=0",
          "StateChange:POST_START_CONTAINER=0", "UpdateContainer=0", "StateChange:POST_UPDATE_CONTAINER=0",
          "StopContainer=0", "StateChange:REMOVE_CONTAINER=0", "StateChange:STOP_POD_SANDBOX=0",
          "StateChange:REMOVE_POD_SANDBOX=0");
      assertEquals(expectedOld, answered(oldTap, expectedOld.size()));

      // What its handlers saw, and through which RPC (the plugin's own ttrpc interceptor).
      List<JsonObject> lines = new JsonLines(oldLog).await(l -> l.size() >= 14, WAIT);
      assertEquals(List.of("Configure/Configure", "Synchronize/Synchronize", "RunPodSandbox/StateChange",
          "StateChange/StateChange", "CreateContainer/CreateContainer", "PostCreateContainer/StateChange",
          "StartContainer/StateChange", "PostStartContainer/StateChange", "UpdateContainer/UpdateContainer",
          "PostUpdateContainer/StateChange", "StopContainer/StopContainer", "RemoveContainer/StateChange",
          "StopPodSandbox/StateChange", "RemovePodSandbox/StateChange"),
          lines.stream().map(l -> l.getString("event") + "/" + l.getString("rpc")).toList());
      assertEquals(List.of("pod0"), lines.get(1).getJsonArray("podIds").getList());
      JsonObject postUpdatePod = lines.get(3);
      assertEquals(13, postUpdatePod.getInteger("stateChangeEvent"), "v0.6.1 has no handler for it, but got it");
      assertTrue(postUpdatePod.getBoolean("unhandled"));
      assertIdentities(lines.subList(2, lines.size()));
      assertEquals("512", lines.get(8).getJsonObject("linuxResources").getJsonObject("cpu")
          .getJsonObject("shares").getValue("value").toString());

      // The current stub next to it gets every event through its dedicated RPC.
      List<String> expectedNew = List.of("Configure=0", "Synchronize=0", "RunPodSandbox=0", "UpdatePodSandbox=0",
          "PostUpdatePodSandbox=0", "CreateContainer=0", "PostCreateContainer=0", "StartContainer=0",
          "PostStartContainer=0", "UpdateContainer=0", "PostUpdateContainer=0", "StopContainer=0",
          "RemoveContainer=0", "StopPodSandbox=0", "RemovePodSandbox=0");
      assertEquals(expectedNew, answered(newTap, expectedNew.size()));
      List<JsonObject> current = new JsonLines(newLog).await(l -> l.size() >= expectedNew.size(), WAIT);
      assertEquals(expectedNew.stream().map(s -> s.substring(0, s.indexOf('='))).toList(),
          current.stream().map(l -> l.getString("event")).toList());
      assertIdentities(current.subList(2, current.size()));
      assertEquals(List.of("10-old", "50-current"), await(nri.plugins()));

      // One deprecation per fallback event, for the old plugin only, in the order they were first used.
      assertEquals(List.of("10-old/RunPodSandbox", "10-old/PostUpdatePodSandbox", "10-old/PostCreateContainer",
          "10-old/StartContainer", "10-old/PostStartContainer", "10-old/PostUpdateContainer",
          "10-old/RemoveContainer", "10-old/StopPodSandbox", "10-old/RemovePodSandbox"), deprecations());
      io.nrivertx.testing.LifecycleDriver.runAll(rt, nri, rt.pod("pod1", "db"));
      assertEquals(9, deprecations().size(), "each is warned about once: " + deprecations());
    }
  }

  @Test
  void eventWithoutFallbackAnsweredUnimplementedFailsAndDoesNotSwitchThePlugin() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      Path oldLog = rt.file("old.jsonl");
      Path laterLog = rt.file("later.jsonl");
      NriTap oldTap = tap(rt, "old");
      // Subscribing a v0.6.1 stub to UpdatePodSandbox, which it does not serve.
      plugin(GoPeers.oldRecorder(), oldTap, "-idx", "10", "-name", "old", "-log-file", oldLog.toString(),
          "-extra-events", "UpdatePodSandbox");
      plugin(GoPeers.recorder(), tap(rt, "later"), "-idx", "50", "-name", "later", "-log-file", laterLog.toString());
      rt.awaitPlugins(List.of("10-old", "50-later"));
      PodSandbox pod = rt.pod("pod1", "db");

      LifecycleException err = assertThrows(LifecycleException.class, () -> await(nri.request(
          PluginCall.UPDATE_POD_SANDBOX, UpdatePodSandboxRequest.newBuilder().setPod(pod).build())));
      assertEquals("rpc error: code = Unimplemented desc = method UpdatePodSandbox", err.getMessage());
      // Not a fallback event: the plugin stays on the dedicated RPCs, so RunPodSandbox is tried first.
      await(nri.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build()));
      List<String> expected = List.of("Configure=0", "Synchronize=0", "UpdatePodSandbox=12", "RunPodSandbox=12",
          "StateChange:RUN_POD_SANDBOX=0");
      assertEquals(expected, answered(oldTap, expected.size()));

      List<String> later = new JsonLines(laterLog).await(l -> l.stream().anyMatch(JsonLines.isEvent("RunPodSandbox")),
          WAIT).stream().map(l -> l.getString("event")).toList();
      assertEquals(List.of("Configure", "Synchronize", "RunPodSandbox"), later,
          "dispatch stops at the failing plugin: the later one never sees UpdatePodSandbox");
      assertEquals(List.of("10-old", "50-later"), await(nri.plugins()), "an Unimplemented answer is no transport failure");
      assertEquals(List.of("Configure", "Synchronize", "RunPodSandbox"),
          new JsonLines(oldLog).read().stream().map(l -> l.getString("event")).toList());
    }
  }

  @Test
  void validationAnsweredUnimplementedFailsTheCreation() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      NriTap oldTap = tap(rt, "old");
      // A v0.6.1 stub subscribed to validation, which it does not serve (no fallback either).
      plugin(GoPeers.oldRecorder(), oldTap, "-idx", "10", "-name", "old", "-log-file",
          rt.file("old.jsonl").toString(), "-extra-events", "ValidateContainerAdjustment");
      rt.awaitPlugins(List.of("10-old"));

      LifecycleException err = assertThrows(LifecycleException.class, () -> await(nri.request(
          PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder().setPod(rt.pod("pod1", "db"))
              .setContainer(rt.container("c1", "pod1", "postgres", ContainerState.CONTAINER_UNKNOWN)).build())));
      assertEquals("validator plugin 10-old failed: rpc error: code = Unimplemented desc = method "
          + "ValidateContainerAdjustment", err.getMessage());
      List<String> expected = List.of("Configure=0", "Synchronize=0", "CreateContainer=0",
          "ValidateContainerAdjustment=12");
      assertEquals(expected, answered(oldTap, expected.size()));
      assertEquals(List.of("10-old"), await(nri.plugins()));
      assertEquals(List.of(), deprecations());
    }
  }

  @Test
  void handlerErrorThroughStateChangeFailsTheEventAndTheSwitchStays() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      Path laterLog = rt.file("later.jsonl");
      NriTap oldTap = tap(rt, "old");
      plugin(GoPeers.oldRecorder(), oldTap, "-idx", "10", "-name", "old", "-log-file",
          rt.file("old.jsonl").toString(), "-fail-on", "RunPodSandbox,StartContainer");
      plugin(GoPeers.recorder(), tap(rt, "later"), "-idx", "50", "-name", "later", "-log-file", laterLog.toString());
      rt.awaitPlugins(List.of("10-old", "50-later"));
      PodSandbox pod = rt.pod("pod1", "db");
      Container ctr = rt.container("c1", "pod1", "postgres", ContainerState.CONTAINER_CREATED);

      // The very event that triggers the fallback fails in the StateChange handler.
      LifecycleException runErr = assertThrows(LifecycleException.class, () -> await(nri.request(
          PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build())));
      assertEquals("rpc error: code = Unknown desc = oldrecorder: failing RunPodSandbox as asked", runErr.getMessage());
      LifecycleException startErr = assertThrows(LifecycleException.class, () -> await(nri.request(
          PluginCall.START_CONTAINER, StartContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build())));
      assertEquals("rpc error: code = Unknown desc = oldrecorder: failing StartContainer as asked", startErr.getMessage());
      await(nri.request(PluginCall.POST_START_CONTAINER,
          PostStartContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build()));
      await(nri.request(PluginCall.POST_START_CONTAINER,
          PostStartContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build()));
      assertEquals(List.of("10-old/PostStartContainer"), deprecations(),
          "v0.12.5 warns only after an event went through StateChange successfully, once");

      List<String> expected = List.of("Configure=0", "Synchronize=0", "RunPodSandbox=12",
          "StateChange:RUN_POD_SANDBOX=2", "StateChange:START_CONTAINER=2", "StateChange:POST_START_CONTAINER=0",
          "StateChange:POST_START_CONTAINER=0");
      assertEquals(expected, answered(oldTap, expected.size()));
      List<String> later = new JsonLines(laterLog).await(l -> l.stream()
          .filter(JsonLines.isEvent("PostStartContainer")).count() == 2, WAIT).stream().map(l -> l.getString("event"))
          .toList();
      assertEquals(List.of("Configure", "Synchronize", "PostStartContainer", "PostStartContainer"), later,
          "the failing plugin stops both failed events before the later plugin");
      assertEquals(List.of("10-old", "50-later"), await(nri.plugins()), "a refusing plugin stays connected");
    }
  }

  @Test
  void v030StubGetsTheFallbackEventsAsStateChange() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      Path log = rt.file("v030.jsonl");
      NriTap tap = tap(rt, "v030");
      plugin(GoPeers.v030Recorder(), tap, "-idx", "10", "-name", "v030", "-log-file", log.toString());
      rt.awaitPlugins(List.of("10-v030"));

      io.nrivertx.testing.LifecycleDriver.runAll(rt, nri, rt.pod("pod1", "db"));

      // v0.3.0 cannot subscribe to UpdatePodSandbox or PostUpdatePodSandbox: they are skipped.
      List<String> expected = List.of("Configure=0", "Synchronize=0", "RunPodSandbox=12",
          "StateChange:RUN_POD_SANDBOX=0", "CreateContainer=0", "StateChange:POST_CREATE_CONTAINER=0",
          "StateChange:START_CONTAINER=0", "StateChange:POST_START_CONTAINER=0", "UpdateContainer=0",
          "StateChange:POST_UPDATE_CONTAINER=0", "StopContainer=0", "StateChange:REMOVE_CONTAINER=0",
          "StateChange:STOP_POD_SANDBOX=0", "StateChange:REMOVE_POD_SANDBOX=0");
      assertEquals(expected, answered(tap, expected.size()));
      List<JsonObject> lines = new JsonLines(log).await(l -> l.size() >= 13, WAIT);
      assertEquals(List.of("Configure", "Synchronize", "RunPodSandbox", "CreateContainer", "PostCreateContainer",
          "StartContainer", "PostStartContainer", "UpdateContainer", "PostUpdateContainer", "StopContainer",
          "RemoveContainer", "StopPodSandbox", "RemovePodSandbox"),
          lines.stream().map(l -> l.getString("event")).toList());
      assertIdentities(lines.subList(2, lines.size()));
    }
  }


  /** Every line is about pod1; container events are about c1, pod events carry no container. */
  private static void assertIdentities(List<JsonObject> lines) {
    for (JsonObject line : lines) {
      assertEquals("pod1", line.getJsonObject("pod").getString("id"), line.encode());
      boolean podEvent = line.getString("event").contains("PodSandbox")
          || Integer.valueOf(13).equals(line.getInteger("stateChangeEvent"));
      if (podEvent) {
        assertNull(line.getJsonObject("container"), line.encode());
      } else {
        assertEquals("c1", line.getJsonObject("container").getString("id"), line.encode());
        assertEquals("postgres", line.getJsonObject("container").getString("name"), line.encode());
      }
    }
  }

  /** The first {@code n} calls as "Method=code" once all of them are answered. */
  private static List<String> answered(NriTap tap, int n) {
    List<NriTap.Call> calls = tap.await(c -> c.size() >= n && c.stream().limit(n).allMatch(x -> x.code() != null), WAIT);
    return calls.stream().map(c -> c.label() + "=" + c.code()).toList();
  }

  private NriTap tap(RuntimeFixture rt, String name) {
    NriTap tap = new NriTap(rt.file("tap-" + name + ".sock"), rt.socket);
    toClose.add(tap);
    return tap;
  }

  /** An external plugin dialing the tap instead of the runtime socket (no launched-plugin environment). */
  private GoPlugin plugin(Path binary, NriTap via, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-socket");
    all.add(via.socket().toString());
    Map<String, String> env = new HashMap<>();
    env.put("NRI_PLUGIN_NAME", null);
    env.put("NRI_PLUGIN_IDX", null);
    env.put("NRI_PLUGIN_SOCKET", null);
    GoPlugin p = GoPlugin.start(binary, all, env);
    toClose.add(p);
    return p;
  }
}
