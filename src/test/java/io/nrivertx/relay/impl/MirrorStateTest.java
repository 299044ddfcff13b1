package io.nrivertx.relay.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nrivertx.api.*;
import java.util.List;
import org.junit.jupiter.api.Test;

class MirrorStateTest {
  static PodSandbox pod(String id) {
    return PodSandbox.newBuilder().setId(id).setName("n-" + id).build();
  }

  static Container ctr(String id, String pod, ContainerState state) {
    return Container.newBuilder().setId(id).setPodSandboxId(pod).setName("c-" + id).setState(state).build();
  }

  @Test
  void synchronizeThenEventsKeepTheRuntimesView() {
    MirrorState m = new MirrorState();
    m.reset(List.of(pod("p1")), List.of(ctr("c1", "p1", ContainerState.CONTAINER_RUNNING)));
    m.apply(RunPodSandboxRequest.newBuilder().setPod(pod("p2")).build());
    Container created = ctr("c2", "p2", ContainerState.CONTAINER_CREATED);
    m.apply(CreateContainerRequest.newBuilder().setPod(pod("p2")).setContainer(created).build());
    assertNull(m.container("c2"), "the container before the plugins' changes is not the runtime's");
    Container made = created.toBuilder().putAnnotations("adjusted", "yes").build();
    m.apply(PostCreateContainerRequest.newBuilder().setPod(pod("p2")).setContainer(made).build());
    assertEquals("yes", m.container("c2").getAnnotationsMap().get("adjusted"));
    m.apply(StopContainerRequest.newBuilder().setPod(pod("p1")).setContainer(ctr("c1", "p1",
        ContainerState.CONTAINER_RUNNING)).build());
    assertEquals(ContainerState.CONTAINER_STOPPED, m.container("c1").getState());
    assertEquals(List.of("c2"), m.liveContainers().stream().map(Container::getId).toList(),
        "Synchronize lists no stopped container");
    m.apply(RemoveContainerRequest.newBuilder().setPod(pod("p1")).setContainer(ctr("c1", "p1",
        ContainerState.CONTAINER_STOPPED)).build());
    m.apply(RemovePodSandboxRequest.newBuilder().setPod(pod("p1")).build());
    assertEquals(List.of("p2"), m.pods().stream().map(PodSandbox::getId).toList());
    assertEquals(List.of("c2"), m.allContainers().stream().map(Container::getId).toList());
  }

  @Test
  void appliedUpdatesChangeTheRecordedResources() {
    MirrorState m = new MirrorState();
    m.reset(List.of(pod("p1")), List.of(ctr("c1", "p1", ContainerState.CONTAINER_RUNNING)));
    m.applied(ContainerUpdate.newBuilder().setContainerId("c1").setLinux(LinuxContainerUpdate.newBuilder()
        .setResources(LinuxResources.newBuilder().setCpu(LinuxCPU.newBuilder()
            .setShares(OptionalUInt64.newBuilder().setValue(512))))).build());
    m.applied(ContainerUpdate.newBuilder().setContainerId("unknown").build());
    assertEquals(512, m.container("c1").getLinux().getResources().getCpu().getShares().getValue());
  }
}
