package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.LinuxContainerUpdate;
import io.nrivertx.api.LinuxCPU;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.OptionalUInt64;
import io.nrivertx.api.StopContainerRequest;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.api.UpdateContainerRequest;
import io.nrivertx.api.UpdateContainerResponse;
import io.nrivertx.api.UpdateContainersRequest;
import io.nrivertx.domain.InMemoryDomain;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Replies that change other containers: UpdateContainer, StopContainer, CreateContainer, UpdateContainers. */
@ExtendWith(VertxExtension.class)
class UpdatesTest {
  private static ContainerUpdate shares(String id, long shares) {
    return ContainerUpdate.newBuilder().setContainerId(id).setLinux(LinuxContainerUpdate.newBuilder()
        .setResources(LinuxResources.newBuilder().setCpu(LinuxCPU.newBuilder()
            .setShares(OptionalUInt64.newBuilder().setValue(shares))))).build();
  }

  private static Container running(String id) {
    return Requests.container(id, "p1").toBuilder().setState(ContainerState.CONTAINER_RUNNING).build();
  }

  private static long sharesOf(InMemoryDomain d, String id) {
    return d.containerNow(id).getLinux().getResources().getCpu().getShares().getValue();
  }

  /** A domain whose containers refuse every update. */
  private static io.nrivertx.domain.Domain readOnly(InMemoryDomain d) {
    return new io.nrivertx.domain.Domain() {
      @Override
      public String namespace() {
        return d.namespace();
      }

      @Override
      public io.vertx.core.Future<java.util.List<io.nrivertx.api.PodSandbox>> listPods() {
        return d.listPods();
      }

      @Override
      public io.vertx.core.Future<java.util.List<Container>> listContainers() {
        return d.listContainers();
      }

      @Override
      public io.vertx.core.Future<io.nrivertx.api.PodSandbox> pod(String id) {
        return d.pod(id);
      }

      @Override
      public io.vertx.core.Future<Container> container(String id) {
        return d.container(id);
      }

      @Override
      public io.vertx.core.Future<Void> updateContainer(ContainerUpdate update) {
        return io.vertx.core.Future.failedFuture("read-only");
      }

      @Override
      public io.vertx.core.Future<Void> evictContainer(ContainerEviction eviction) {
        return d.evictContainer(eviction);
      }
    };
  }

  @Test
  void updateContainerReturnsItsOwnUpdateAndAppliesTheOthers(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.UPDATE_CONTAINER).replies(PluginCall.UPDATE_CONTAINER,
        UpdateContainerResponse.newBuilder().addUpdate(shares("c1", 512)).addUpdate(shares("other", 64)).build());
    FakePlugin b = new FakePlugin("20", "b", Event.UPDATE_CONTAINER);
    try (CoreFixture f = CoreFixture.start(vertx).admit(a, b)) {
      f.domain.putContainer(running("other"));
      UpdateContainerRequest req = UpdateContainerRequest.newBuilder().setPod(Requests.pod("p1"))
          .setContainer(Requests.container("c1", "p1")).build();
      UpdateContainerResponse rsp = await(f.nri.request(PluginCall.UPDATE_CONTAINER, req));
      assertEquals("c1", rsp.getUpdateList().getLast().getContainerId(), "the target's update comes last");
      assertEquals(512, rsp.getUpdateList().getLast().getLinux().getResources().getCpu().getShares().getValue());
      assertEquals(64, sharesOf(f.domain, "other"), "another container's update went to its domain");
      UpdateContainerRequest seenByB = (UpdateContainerRequest) b.calls().getLast().request();
      assertEquals(512, seenByB.getLinuxResources().getCpu().getShares().getValue(), "b sees a's change");
    }
  }

  @Test
  void stopContainerAppliesTheUpdatesOfOthers(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.STOP_CONTAINER).replies(PluginCall.STOP_CONTAINER,
        StopContainerResponse.newBuilder().addUpdate(shares("other", 128)).build());
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      f.domain.putContainer(running("other"));
      StopContainerResponse rsp = await(f.nri.request(PluginCall.STOP_CONTAINER, StopContainerRequest.newBuilder()
          .setPod(Requests.pod("p1")).setContainer(Requests.container("c1", "p1")).build()));
      assertEquals(1, rsp.getUpdateCount());
      assertEquals(128, sharesOf(f.domain, "other"));
    }
  }

  @Test
  void evictionsAreCarriedOutAndAudited(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER).replies(PluginCall.CREATE_CONTAINER,
        CreateContainerResponse.newBuilder().addEvict(ContainerEviction.newBuilder().setContainerId("victim")
            .setReason("make room")).addEvict(ContainerEviction.newBuilder().setContainerId("unknown")).build());
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      f.domain.putContainer(running("victim"));
      CreateContainerResponse rsp = await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1")));
      assertEquals(0, rsp.getEvictCount(), "the reply stays NRI v0.12's");
      assertEquals(ContainerState.CONTAINER_STOPPED, f.domain.containerNow("victim").getState());
      JsonObject rec = f.awaitAudit("eviction", 2);
      assertEquals("unknown", rec.getString("container"));
      assertTrue(rec.getBoolean("ok"), "a container no domain holds is skipped, not failed");
      assertEquals("make room", f.audit("eviction").getFirst().getString("reason"));
    }
  }

  @Test
  void unsolicitedUpdatesReportFailuresAsContainerdDoes(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a");
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      f.domain.putContainer(running("ok"));
      InMemoryDomain backing = new InMemoryDomain("other.ns");
      io.nrivertx.domain.Domain other = readOnly(backing);
      backing.putContainer(running("stuck"));
      await(f.nri.addDomain(other));
      assertThrows(IllegalStateException.class, () -> await(f.nri.addDomain(new InMemoryDomain("other.ns"))));
      await(f.core.updateContainers(a, UpdateContainersRequest.newBuilder().addUpdate(shares("ok", 2)).build()));
      assertEquals(2, sharesOf(f.domain, "ok"));
      RuntimeException e = assertThrows(RuntimeException.class, () -> await(f.core.updateContainers(a,
          UpdateContainersRequest.newBuilder().addUpdate(shares("stuck", 2))
              .addUpdate(shares("stuck", 3).toBuilder().setIgnoreFailure(true)).build())));
      assertEquals("NRI update of some containers failed: [stuck]", e.getMessage());
      JsonObject rec = f.awaitAudit("updateContainers", 2);
      assertEquals("UpdateContainers", rec.getString("source"));
      assertEquals(1, rec.getJsonArray("failed").size(), "only the one without ignoreFailure");
    }
  }
}
