package io.nrivertx.relay.impl;

import static io.nrivertx.relay.impl.MirrorStateTest.ctr;
import static io.nrivertx.relay.impl.MirrorStateTest.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.LinuxContainer;
import io.nrivertx.api.LinuxMemory;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.OptionalInt64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What plugins behind the relay are told after the runtime came back (docs/relay.md). */
class ResyncTest {
  private static List<String> describe(Resync.Plan plan) {
    return plan.steps().stream().map(s -> s.call().method() + " " + (Requests.container(s.request()) != null
        ? Requests.container(s.request()).getId() : Requests.pod(s.request()).getId())).toList();
  }

  @Test
  void nothingChangedNothingSent() {
    MirrorState m = new MirrorState();
    m.reset(List.of(pod("p1")), List.of(ctr("c1", "p1", ContainerState.CONTAINER_RUNNING)));
    Resync.Plan plan = Resync.plan(m, m.pods(), m.liveContainers());
    assertEquals(List.of(), plan.steps());
  }

  @Test
  void vanishedObjectsAreStoppedAndRemovedNewOnesAnnounced() {
    MirrorState m = new MirrorState();
    m.reset(List.of(pod("p1"), pod("p2")), List.of(ctr("gone", "p1", ContainerState.CONTAINER_RUNNING),
        ctr("stopped", "p1", ContainerState.CONTAINER_RUNNING), ctr("kept", "p2", ContainerState.CONTAINER_CREATED)));
    m.apply(io.nrivertx.api.StopContainerRequest.newBuilder().setPod(pod("p1"))
        .setContainer(ctr("stopped", "p1", ContainerState.CONTAINER_RUNNING)).build());
    Container started = ctr("kept", "p2", ContainerState.CONTAINER_RUNNING);
    Resync.Plan plan = Resync.plan(m, List.of(pod("p2"), pod("p3")),
        List.of(started, ctr("new", "p3", ContainerState.CONTAINER_RUNNING)));
    assertEquals(List.of("StopContainer gone", "RemoveContainer gone", "RemoveContainer stopped",
        "StopPodSandbox p1", "RemovePodSandbox p1", "RunPodSandbox p3", "PostStartContainer kept",
        "PostCreateContainer new", "PostStartContainer new"), describe(plan));
    assertEquals(List.of("gone", "stopped"), plan.removedContainers());
    assertEquals(List.of("p1"), plan.removedPods());
    assertEquals(ContainerState.CONTAINER_STOPPED,
        Requests.container(plan.steps().get(1).request()).getState(), "removed as stopped");
  }

  @Test
  void changedResourcesAreAPostUpdate() {
    MirrorState m = new MirrorState();
    Container c = ctr("c1", "p1", ContainerState.CONTAINER_RUNNING);
    m.reset(List.of(pod("p1")), List.of(c));
    Container resized = c.toBuilder().setLinux(LinuxContainer.newBuilder().setResources(LinuxResources.newBuilder()
        .setMemory(LinuxMemory.newBuilder().setLimit(OptionalInt64.newBuilder().setValue(1 << 20))))).build();
    assertEquals(List.of("PostUpdateContainer c1"), describe(Resync.plan(m, List.of(pod("p1")), List.of(resized))));
  }
}
