package io.nrivertx.stub.samples;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.service.PluginCall;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.nrivertx.testing.RuntimeFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device-injector and ulimit-adjuster samples, from their command lines, against a real nri-vertx. */
class AnnotationSamplesIT {

  @Test
  void annotatedDevicesMountsAndUlimitsReachTheMergedAdjustment() {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      StubOptions noEnv = new StubOptions().setEnvironment(Map.of());
      Stub injector = await(DeviceInjectorPlugin.start(rt.vertx, noEnv, "-idx", "10", "-socket-path",
          rt.socket.toString()));
      Stub adjuster = await(UlimitAdjusterPlugin.start(rt.vertx, noEnv, "-idx", "20", "-socket", rt.socket.toString()));
      rt.awaitPlugins(List.of("10-device-injector", "20-ulimit-adjuster"));

      PodSandbox pod = rt.pod("pod1", "bbdev0").toBuilder()
          .putAnnotations("devices.noderesource.dev/container.c0", "- {path: /dev/nri-null, type: c, major: 1, minor: 3}")
          .putAnnotations("mounts.nri.io/pod", "- {source: /home, destination: /host-home, type: bind, options: [bind, ro]}")
          .putAnnotations("ulimits.noderesource.dev/container.c0", "- {type: nofile, hard: 4096, soft: 1024}")
          .build();
      CreateContainerResponse created = await(nri.request(PluginCall.CREATE_CONTAINER, CreateContainerRequest
          .newBuilder().setPod(pod).setContainer(rt.container("ctr0", "pod1", "c0", ContainerState.CONTAINER_UNKNOWN))
          .build()));
      ContainerAdjustment adjust = created.getAdjust();
      assertEquals("/dev/nri-null", adjust.getLinux().getDevices(0).getPath());
      assertEquals("/host-home", adjust.getMounts(0).getDestination());
      assertEquals("RLIMIT_NOFILE", adjust.getRlimits(0).getType());
      assertEquals(4096, adjust.getRlimits(0).getHard());

      PodSandbox bad = pod.toBuilder().putAnnotations("ulimits.noderesource.dev/container.c1", "[{type: bogus}]").build();
      LifecycleException err = assertThrows(LifecycleException.class, () -> await(nri.request(PluginCall.CREATE_CONTAINER,
          CreateContainerRequest.newBuilder().setPod(bad)
              .setContainer(rt.container("ctr1", "pod1", "c1", ContainerState.CONTAINER_UNKNOWN)).build())));
      assertTrue(err.getMessage().contains("invalid annotation \"ulimits.noderesource.dev/container.c1\": failed to "
          + "parse type: \"bogus\""), err.getMessage());
      await(injector.stop());
      await(adjuster.stop());
    }
  }
}
