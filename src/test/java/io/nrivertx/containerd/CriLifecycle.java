package io.nrivertx.containerd;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * One pod's whole life through crictl, the order containerd's NRI is documented against
 * (docs/containerd-harness.md): runp, create, start, update --cpu-share, stop --timeout, rm,
 * stopp, rmp. {@link #EVENTS} is what a plugin subscribed to every event but validation sees.
 */
public final class CriLifecycle {
  /** containerd's NRI events for the steps above, after the plugin's Configure. */
  public static final List<String> EVENTS = List.of("Synchronize", "RunPodSandbox", "CreateContainer",
      "PostCreateContainer", "StartContainer", "PostStartContainer", "UpdateContainer", "PostUpdateContainer",
      "StopContainer", "RemoveContainer", "StopPodSandbox", "RemovePodSandbox");

  private final CriPods pods;
  private final JsonObject podConfig;
  private String podId;
  private String containerId;

  public CriLifecycle(CriPods pods, String podName) {
    this.pods = pods;
    this.podConfig = pods.podConfig(podName);
  }

  public JsonObject podConfig() {
    return podConfig;
  }

  /** runp, create, start: a running container {@code name} with these env entries; returns its id. */
  public String runAndStart(String name, Map<String, String> env) {
    podId = pods.run(podConfig);
    containerId = pods.start(podId, podConfig, name, env);
    return containerId;
  }

  /** update --cpu-share, stop --timeout 10 (a clean SIGTERM stop), rm, stopp, rmp. */
  public void updateStopRemove(long cpuShares) {
    pods.crictl("update", "--cpu-share", String.valueOf(cpuShares), containerId).ok();
    pods.crictl("stop", "--timeout", "10", containerId).ok();
    pods.crictl("rm", containerId).ok();
    pods.crictl("stopp", podId).ok();
    pods.crictl("rmp", podId).ok();
  }

  public String podId() {
    return podId;
  }

  public String containerId() {
    return containerId;
  }
}
