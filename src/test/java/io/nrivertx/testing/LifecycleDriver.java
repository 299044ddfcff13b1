package io.nrivertx.testing;

import static io.nrivertx.testing.RuntimeFixture.await;

import io.nrivertx.NriRuntime;
import io.nrivertx.api.*;
import io.nrivertx.service.PluginCall;

/** Drives a runtime through NRI's whole pod and container lifecycle, in CRI's order. */
public final class LifecycleDriver {
  private LifecycleDriver() {
  }

  /** Sends one pod and one container through every lifecycle event; returns the create reply. */
  public static CreateContainerResponse runAll(RuntimeFixture rt, NriRuntime nri, PodSandbox pod) {
    Container ctr = rt.container("c1", pod.getId(), "postgres", ContainerState.CONTAINER_CREATED);
    LinuxResources res = LinuxResources.newBuilder()
        .setCpu(LinuxCPU.newBuilder().setShares(OptionalUInt64.newBuilder().setValue(512))).build();
    await(nri.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build()));
    await(nri.request(PluginCall.UPDATE_POD_SANDBOX, UpdatePodSandboxRequest.newBuilder().setPod(pod)
        .setLinuxResources(res).build()));
    await(nri.request(PluginCall.POST_UPDATE_POD_SANDBOX, PostUpdatePodSandboxRequest.newBuilder().setPod(pod).build()));
    CreateContainerResponse created = await(nri.request(PluginCall.CREATE_CONTAINER,
        CreateContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build()));
    await(nri.request(PluginCall.POST_CREATE_CONTAINER, PostCreateContainerRequest.newBuilder().setPod(pod)
        .setContainer(ctr).build()));
    await(nri.request(PluginCall.START_CONTAINER, StartContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build()));
    await(nri.request(PluginCall.POST_START_CONTAINER, PostStartContainerRequest.newBuilder().setPod(pod)
        .setContainer(ctr).build()));
    await(nri.request(PluginCall.UPDATE_CONTAINER, UpdateContainerRequest.newBuilder().setPod(pod).setContainer(ctr)
        .setLinuxResources(res).build()));
    await(nri.request(PluginCall.POST_UPDATE_CONTAINER, PostUpdateContainerRequest.newBuilder().setPod(pod)
        .setContainer(ctr).build()));
    await(nri.request(PluginCall.STOP_CONTAINER, StopContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build()));
    await(nri.request(PluginCall.REMOVE_CONTAINER, RemoveContainerRequest.newBuilder().setPod(pod).setContainer(ctr).build()));
    await(nri.request(PluginCall.STOP_POD_SANDBOX, StopPodSandboxRequest.newBuilder().setPod(pod).build()));
    await(nri.request(PluginCall.REMOVE_POD_SANDBOX, RemovePodSandboxRequest.newBuilder().setPod(pod).build()));
    return created;
  }
}
