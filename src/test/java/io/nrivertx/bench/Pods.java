package io.nrivertx.bench;

import io.nrivertx.api.Container;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.RemoveContainerRequest;
import io.nrivertx.api.RemovePodSandboxRequest;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.api.StartContainerRequest;
import io.nrivertx.api.StopContainerRequest;
import io.nrivertx.api.StopPodSandboxRequest;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * One pod's life as the runtime reports it to NRI, in benchrunner's (Go) order: RunPodSandbox,
 * 3×(CreateContainer, StartContainer), 3×StopContainer, StopPodSandbox, 3×RemoveContainer,
 * RemovePodSandbox; the domain stores and forgets the pod and containers as a runtime would.
 */
final class Pods {
  static final int EVENTS_PER_POD = 15;
  private static final int CONTAINERS = 3;

  private final JavaHarness h;
  private final CreateContainerRequest tmpl;

  Pods(JavaHarness h, CreateContainerRequest tmpl) {
    this.h = h;
    this.tmpl = tmpl;
  }

  static PodSandbox pod(CreateContainerRequest tmpl, String id) {
    return tmpl.getPod().toBuilder().setId(id).setName(id).setUid("uid-" + id).build();
  }

  static Container container(CreateContainerRequest tmpl, String podId, int j) {
    return tmpl.getContainer().toBuilder().setId(podId + "-c" + j).setPodSandboxId(podId).setName("c" + j).build();
  }

  Future<Void> onePod(String id) {
    PodSandbox pod = pod(tmpl, id);
    List<Container> ctrs = new ArrayList<>();
    for (int j = 0; j < CONTAINERS; j++) {
      ctrs.add(container(tmpl, id, j));
    }
    Future<?> f = runPod(pod);
    for (Container c : ctrs) {
      f = f.compose(v -> createAndStart(pod, c));
    }
    for (Container c : ctrs) {
      f = f.compose(v -> h.nri.request(PluginCall.STOP_CONTAINER,
          StopContainerRequest.newBuilder().setPod(pod).setContainer(c).build()));
    }
    f = f.compose(v -> h.nri.request(PluginCall.STOP_POD_SANDBOX, StopPodSandboxRequest.newBuilder().setPod(pod).build()));
    for (Container c : ctrs) {
      f = f.compose(v -> h.nri.request(PluginCall.REMOVE_CONTAINER,
          RemoveContainerRequest.newBuilder().setPod(pod).setContainer(c).build()))
          .andThen(ar -> h.domain.removeContainer(c.getId()));
    }
    return f.compose(v -> h.nri.request(PluginCall.REMOVE_POD_SANDBOX,
            RemovePodSandboxRequest.newBuilder().setPod(pod).build()))
        .andThen(ar -> h.domain.removePod(id))
        .mapEmpty();
  }

  /** RunPodSandbox, then {@code containers} containers created and started; all stay in the domain. */
  Future<Void> runAndStart(String id, int containers) {
    PodSandbox pod = pod(tmpl, id);
    Future<?> f = runPod(pod);
    for (int j = 0; j < containers; j++) {
      Container c = container(tmpl, id, j);
      f = f.compose(v -> createAndStart(pod, c));
    }
    return f.mapEmpty();
  }

  private Future<?> runPod(PodSandbox pod) {
    return h.nri.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(pod).build())
        .andThen(ar -> h.domain.putPod(pod));
  }

  private Future<?> createAndStart(PodSandbox pod, Container c) {
    return h.nri.request(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder().setPod(pod).setContainer(c).build())
        .andThen(ar -> h.domain.putContainer(c))
        .compose(v -> h.nri.request(PluginCall.START_CONTAINER, StartContainerRequest.newBuilder()
            .setPod(pod).setContainer(c).build()));
  }
}
