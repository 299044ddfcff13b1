package io.nrivertx.stub.v010;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.LinuxPodSandbox;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.api.StartContainerRequest;
import io.nrivertx.service.PluginCall;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.nrivertx.stub.samples.V010AdapterMain;
import io.nrivertx.testing.LifecycleDriver;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The v010-adapter, started from its command line in-process, against a real nri-vertx. */
class V010RuntimeIT {

  private static Stub adapter(RuntimeFixture rt, V010Plugins v010, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("-idx", "00", "-socket", rt.socket.toString(),
        "-config", v010.conf.toString(), "-bin-dir", v010.bin.toString()));
    args.addAll(List.of(extra));
    return await(V010AdapterMain.start(rt.vertx, new StubOptions().setEnvironment(Map.of()),
        args.toArray(String[]::new)));
  }

  @Test
  void aV01PluginRunsOnPodAndContainerStartAndStop() {
    V010Plugins v010 = new V010Plugins().install("recorder", "clearcfs").configure("clearcfs");
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      Stub stub = adapter(rt, v010);
      rt.awaitPlugins(List.of("00-v010-adapter"));
      PodSandbox pod = rt.pod("pod1", "db").toBuilder().setPid(321)
          .setLinux(LinuxPodSandbox.newBuilder().setCgroupsPath("/kubepods/pod1")).build();
      LifecycleDriver.runAll(rt, nri, pod);

      List<JsonObject> calls = v010.calls();
      assertEquals(List.of("pod1/create", "c1/create", "c1/delete", "pod1/delete"),
          calls.stream().map(c -> c.getString("id") + "/" + c.getString("state")).toList(),
          "RunPodSandbox, StartContainer, StopContainer, StopPodSandbox; nothing else");
      JsonObject podCreate = calls.get(0);
      assertEquals(321, podCreate.getInteger("pid"));
      assertEquals("/kubepods/pod1", podCreate.getJsonObject("spec").getString("cgroupsPath"));
      assertEquals(new JsonObject().put("app", "db"), podCreate.getJsonObject("labels"));
      assertEquals(new JsonObject().put("name", "clearcfs"), podCreate.getJsonObject("conf"));
      assertEquals("pod1", calls.get(1).getString("sandboxID"));
      await(stub.stop());
    }
  }

  @Test
  void aV01ErrorFailsTheRuntimesRequest() {
    V010Plugins v010 = new V010Plugins().install("failer", "failer").configure("failer");
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      Stub stub = adapter(rt, v010);
      rt.awaitPlugins(List.of("00-v010-adapter"));
      PodSandbox pod = rt.pod("pod1", "db");
      LifecycleException err = assertThrows(LifecycleException.class, () -> await(nri.request(
          PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build())));
      assertTrue(err.getMessage().contains("plugin: failer: failer refuses this request"), err.getMessage());
      assertThrows(LifecycleException.class, () -> await(nri.request(PluginCall.START_CONTAINER,
          StartContainerRequest.newBuilder().setPod(pod)
              .setContainer(rt.container("c1", "pod1", "app", ContainerState.CONTAINER_CREATED)).build())));
      assertEquals(List.of("00-v010-adapter"), await(nri.plugins()),
          "a v0.1 error is the event's failure, not the adapter's: it stays connected");
      await(stub.stop());
    }
  }
}
