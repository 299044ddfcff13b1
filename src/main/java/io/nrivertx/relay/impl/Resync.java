package io.nrivertx.relay.impl;

import com.google.protobuf.Message;
import io.nrivertx.api.*;
import io.nrivertx.service.PluginCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What downstream plugins are told when the relay re-synchronizes with a runtime it lost (the
 * runtime restarted): the events that turn what they last saw (the mirror) into what the
 * runtime lists now. Those events are all notifications, so no plugin is asked for an adjustment
 * it could no longer get applied (docs/relay.md, "When the runtime restarts"):
 * <ol>
 *   <li>a container gone from the listing: StopContainer (unless it was already stopped), then
 *       RemoveContainer; the runtime lists no stopped containers, so one that only stopped
 *       while the relay was away is reported removed as well;</li>
 *   <li>a pod gone: StopPodSandbox, RemovePodSandbox;</li>
 *   <li>a new pod: RunPodSandbox;</li>
 *   <li>a new container: PostCreateContainer, and PostStartContainer when it runs;</li>
 *   <li>a known container that started meanwhile: PostStartContainer; one whose resources
 *       changed: PostUpdateContainer; a pod whose resources changed: PostUpdatePodSandbox.</li>
 * </ol>
 */
final class Resync {
  /** One event to send downstream. */
  record Step(PluginCall<?, ?> call, Message request) {
  }

  /** The events, and the ids reported removed (to be kept from being removed twice). */
  record Plan(List<Step> steps, List<String> removedContainers, List<String> removedPods) {
  }

  private Resync() {
  }

  static Plan plan(MirrorState before, List<PodSandbox> pods, List<Container> containers) {
    Map<String, PodSandbox> nowPods = new LinkedHashMap<>();
    pods.forEach(p -> nowPods.put(p.getId(), p));
    Map<String, Container> nowCtrs = new LinkedHashMap<>();
    containers.forEach(c -> nowCtrs.put(c.getId(), c));
    Map<String, PodSandbox> anyPod = new HashMap<>();
    before.pods().forEach(p -> anyPod.put(p.getId(), p));
    anyPod.putAll(nowPods);

    List<Step> steps = new ArrayList<>();
    List<String> goneCtrs = new ArrayList<>();
    List<String> gonePods = new ArrayList<>();
    for (Container old : before.allContainers()) {
      if (nowCtrs.containsKey(old.getId())) {
        continue;
      }
      PodSandbox pod = podOf(anyPod, old);
      if (old.getState() != ContainerState.CONTAINER_STOPPED) {
        Container stopped = old.toBuilder().setState(ContainerState.CONTAINER_STOPPED).build();
        steps.add(new Step(PluginCall.STOP_CONTAINER,
            StopContainerRequest.newBuilder().setPod(pod).setContainer(stopped).build()));
        old = stopped;
      }
      steps.add(new Step(PluginCall.REMOVE_CONTAINER,
          RemoveContainerRequest.newBuilder().setPod(pod).setContainer(old).build()));
      goneCtrs.add(old.getId());
    }
    for (PodSandbox old : before.pods()) {
      if (!nowPods.containsKey(old.getId())) {
        steps.add(new Step(PluginCall.STOP_POD_SANDBOX, StopPodSandboxRequest.newBuilder().setPod(old).build()));
        steps.add(new Step(PluginCall.REMOVE_POD_SANDBOX, RemovePodSandboxRequest.newBuilder().setPod(old).build()));
        gonePods.add(old.getId());
      }
    }
    for (PodSandbox now : pods) {
      PodSandbox old = before.pod(now.getId());
      if (old == null) {
        steps.add(new Step(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(now).build()));
      } else if (!old.getLinux().getResources().equals(now.getLinux().getResources())) {
        steps.add(new Step(PluginCall.POST_UPDATE_POD_SANDBOX,
            PostUpdatePodSandboxRequest.newBuilder().setPod(now).build()));
      }
    }
    for (Container now : containers) {
      Container old = before.container(now.getId());
      PodSandbox pod = podOf(anyPod, now);
      boolean running = now.getState() == ContainerState.CONTAINER_RUNNING;
      if (old == null) {
        steps.add(new Step(PluginCall.POST_CREATE_CONTAINER,
            PostCreateContainerRequest.newBuilder().setPod(pod).setContainer(now).build()));
      }
      if (running && (old == null || old.getState() != ContainerState.CONTAINER_RUNNING)) {
        steps.add(new Step(PluginCall.POST_START_CONTAINER,
            PostStartContainerRequest.newBuilder().setPod(pod).setContainer(now).build()));
      } else if (old != null && !old.getLinux().getResources().equals(now.getLinux().getResources())) {
        steps.add(new Step(PluginCall.POST_UPDATE_CONTAINER,
            PostUpdateContainerRequest.newBuilder().setPod(pod).setContainer(now).build()));
      }
    }
    return new Plan(steps, goneCtrs, gonePods);
  }

  /** The container's pod as last known; a pod the relay never saw is named by its id alone. */
  private static PodSandbox podOf(Map<String, PodSandbox> pods, Container c) {
    PodSandbox p = pods.get(c.getPodSandboxId());
    return p != null ? p : PodSandbox.newBuilder().setId(c.getPodSandboxId()).build();
  }
}
