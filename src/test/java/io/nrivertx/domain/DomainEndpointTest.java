package io.nrivertx.domain;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.LinuxContainerUpdate;
import io.nrivertx.api.LinuxMemory;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.OptionalInt64;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.bus.ProtoCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The domain-over-bus contract of docs/eventbus.md: operations, replies and failure codes. */
class DomainEndpointTest {
  private static final String ADDRESS = DomainAddresses.of("test", "moby");

  private Vertx vertx;
  private InMemoryDomain served;
  private EventBusDomain remote;

  @BeforeEach
  void expose() {
    vertx = Vertx.vertx();
    served = new InMemoryDomain("moby");
    served.putPod(PodSandbox.newBuilder().setId("p").setName("pod").build());
    served.putContainer(Container.newBuilder().setId("c").setPodSandboxId("p").setName("ctr")
        .setState(ContainerState.CONTAINER_RUNNING).build());
    await(DomainEndpoint.expose(vertx, ADDRESS, served));
    remote = new EventBusDomain(vertx, "moby", ADDRESS, Duration.ofSeconds(5));
  }

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void everyOperationThroughEventBusDomain() {
    assertEquals("pod", await(remote.listPods()).get(0).getName());
    assertEquals("c", await(remote.listContainers()).get(0).getId());
    assertEquals("p", await(remote.pod("p")).getId());
    assertNull(await(remote.pod("nope")), "a missing pod is a null result, not a failure");
    assertNull(await(remote.container("nope")));
    await(remote.updateContainer(ContainerUpdate.newBuilder().setContainerId("c")
        .setLinux(LinuxContainerUpdate.newBuilder().setResources(LinuxResources.newBuilder()
            .setMemory(LinuxMemory.newBuilder().setLimit(OptionalInt64.newBuilder().setValue(1 << 20))))).build()));
    assertEquals(1 << 20, served.containerNow("c").getLinux().getResources().getMemory().getLimit().getValue());
    await(remote.evictContainer(ContainerEviction.newBuilder().setContainerId("c").setReason("test").build()));
    assertEquals(ContainerState.CONTAINER_STOPPED, served.containerNow("c").getState());
  }

  @Test
  void repliesAndFailureCodesOnTheWire() {
    Message<Object> lookup = await(vertx.eventBus().request(ADDRESS, null, op("container").addHeader("id", "nope")));
    assertNull(lookup.body());
    assertEquals("false", lookup.headers().get(DomainAddresses.FOUND));

    Message<Object> updated = await(vertx.eventBus().request(ADDRESS, ContainerUpdate.newBuilder().setContainerId("c")
        .build(), op("updateContainer").setCodecName(ProtoCodec.NAME)));
    assertNull(updated.body());
    assertNull(updated.headers().get(DomainAddresses.FOUND), "an applied change looks nothing up");

    assertEquals(400, failure(null, op("explode")).failureCode());
    ReplyException wrongBody = failure(new JsonObject().put("containerId", "c"), op("updateContainer"));
    assertEquals(400, wrongBody.failureCode());
    assertTrue(wrongBody.getMessage().contains("ContainerUpdate"), wrongBody.getMessage());
    ReplyException notApplied = failure(ContainerEviction.newBuilder().setContainerId("ghost").build(),
        op("evictContainer").setCodecName(ProtoCodec.NAME));
    assertEquals(409, notApplied.failureCode());
    assertTrue(notApplied.getMessage().contains("ghost"), notApplied.getMessage());
  }

  private static DeliveryOptions op(String op) {
    return new DeliveryOptions().addHeader(DomainAddresses.OP, op);
  }

  private ReplyException failure(Object body, DeliveryOptions options) {
    Throwable err = assertThrows(RuntimeException.class, () -> await(vertx.eventBus().request(ADDRESS, body, options)));
    return assertInstanceOf(ReplyException.class, err);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
