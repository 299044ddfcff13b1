package io.nrivertx.runtime.impl;

import io.nrivertx.api.Container;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.api.StartContainerRequest;

/** Small NRI requests for the core's tests. */
final class Requests {
  private Requests() {
  }

  static PodSandbox pod(String id) {
    return PodSandbox.newBuilder().setId(id).setName(id + "-name").setNamespace("default").build();
  }

  static Container container(String id, String podId) {
    return Container.newBuilder().setId(id).setPodSandboxId(podId).setName(id + "-name").build();
  }

  static RunPodSandboxRequest runPod(String podId) {
    return RunPodSandboxRequest.newBuilder().setPod(pod(podId)).build();
  }

  static CreateContainerRequest create(String ctrId, String podId) {
    return CreateContainerRequest.newBuilder().setPod(pod(podId)).setContainer(container(ctrId, podId)).build();
  }

  static StartContainerRequest start(String ctrId, String podId) {
    return StartContainerRequest.newBuilder().setPod(pod(podId)).setContainer(container(ctrId, podId)).build();
  }
}
