package io.nrivertx.relay.impl;

import com.google.protobuf.Message;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.LinuxContainer;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.RemoveContainerRequest;
import io.nrivertx.api.RemovePodSandboxRequest;
import io.nrivertx.api.StopContainerRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the relay knows of the runtime's pods and containers: the runtime's last Synchronize,
 * kept current from every event that passes (PostCreate, Start, PostStart and PostUpdate carry
 * the container as the runtime made it). Downstream plugins that register later are synchronized
 * from it. Insertion order is kept, so they see objects in the order the runtime listed them.
 *
 * <p>Not thread-safe: owned by the relay's context.
 */
final class MirrorState {
  private final Map<String, PodSandbox> pods = new LinkedHashMap<>();
  private final Map<String, Container> containers = new LinkedHashMap<>();

  /** Replaces everything with a Synchronize's content. */
  void reset(List<PodSandbox> newPods, List<Container> newContainers) {
    pods.clear();
    containers.clear();
    newPods.forEach(p -> pods.put(p.getId(), p));
    newContainers.forEach(c -> containers.put(c.getId(), c));
  }

  /** Applies what one upstream event says about the runtime's state. */
  void apply(Message request) {
    switch (request) {
      case RemovePodSandboxRequest r -> pods.remove(r.getPod().getId());
      case RemoveContainerRequest r -> containers.remove(r.getContainer().getId());
      case StopContainerRequest r -> put(r.getContainer().toBuilder().setState(ContainerState.CONTAINER_STOPPED).build());
      default -> {
        PodSandbox pod = Requests.pod(request);
        Container ctr = Requests.container(request);
        if (pod != null && ctr == null) {
          pods.put(pod.getId(), pod);
        }
        // CreateContainer and UpdateContainer carry the container before the plugins' changes:
        // the Post events that follow carry it as the runtime made it.
        if (ctr != null && Requests.carriesFinalContainer(request)) {
          put(ctr);
        }
      }
    }
  }

  private void put(Container c) {
    containers.put(c.getId(), c);
  }

  /** An update the runtime applied (a merged reply's, or a plugin's own): its resources, recorded. */
  void applied(ContainerUpdate update) {
    Container c = containers.get(update.getContainerId());
    if (c == null || !update.getLinux().hasResources()) {
      return;
    }
    LinuxContainer.Builder linux = c.getLinux().toBuilder();
    linux.getResourcesBuilder().mergeFrom(update.getLinux().getResources());
    put(c.toBuilder().setLinux(linux).build());
  }

  List<PodSandbox> pods() {
    return List.copyOf(pods.values());
  }

  /** The containers a runtime lists in Synchronize: neither stopped nor unknown. */
  List<Container> liveContainers() {
    List<Container> out = new ArrayList<>();
    for (Container c : containers.values()) {
      if (c.getState() != ContainerState.CONTAINER_STOPPED && c.getState() != ContainerState.CONTAINER_UNKNOWN) {
        out.add(c);
      }
    }
    return out;
  }

  /** Every container known, stopped ones included. */
  List<Container> allContainers() {
    return List.copyOf(containers.values());
  }

  PodSandbox pod(String id) {
    return pods.get(id);
  }

  Container container(String id) {
    return containers.get(id);
  }
}
