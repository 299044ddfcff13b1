package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.SynchronizeRequest;
import io.nrivertx.api.SynchronizeResponse;
import io.nrivertx.domain.InMemoryDomain;
import io.nrivertx.plugin.PluginReply;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Synchronize: one message when it fits, NRI's split when it does not; and the real clock. */
@ExtendWith(VertxExtension.class)
class SynchronizeTest {
  /** 44 containers of about 100 KiB each: about 4.4 MiB, just over ttrpc's 4 MiB. */
  private static void fill(InMemoryDomain domain) {
    String big = "x".repeat(100 * 1024);
    for (int i = 0; i < 44; i++) {
      domain.putContainer(Container.newBuilder().setId("c" + i).setPodSandboxId("p").setState(
          ContainerState.CONTAINER_RUNNING).putAnnotations("big", big).build());
    }
  }

  private static List<SynchronizeRequest> syncs(FakePlugin p) {
    return p.calls().stream().filter(c -> c.method().equals("Synchronize"))
        .map(c -> (SynchronizeRequest) c.request()).toList();
  }

  private static FakePlugin splitting(String index, String name, ContainerUpdate lastUpdate) {
    return new FakePlugin(index, name).on(PluginCall.SYNCHRONIZE, req -> Future.succeededFuture(PluginReply.ok(
        index + "-" + name, req.getMore() ? SynchronizeResponse.newBuilder().setMore(true).build()
            : SynchronizeResponse.newBuilder().addUpdate(lastUpdate).build(), 1)));
  }

  @Test
  void aStateOverTheLimitIsSplitAndOnlyTheLastReplyCounts(Vertx vertx) {
    ContainerUpdate update = ContainerUpdate.newBuilder().setContainerId("c0").build();
    FakePlugin p = splitting("10", "p", update);
    try (CoreFixture f = CoreFixture.start(vertx)) {
      fill(f.domain);
      f.admit(p);
      List<SynchronizeRequest> sent = syncs(p);
      assertTrue(sent.size() > 1, "split into " + sent.size());
      assertTrue(sent.subList(0, sent.size() - 1).stream().allMatch(SynchronizeRequest::getMore));
      assertEquals(44, sent.stream().mapToInt(SynchronizeRequest::getContainersCount).sum(), "every container once");
      assertTrue(sent.stream().allMatch(r -> Synchronizer.envelopeLength(r.getSerializedSize()) <= Synchronizer.MAX_MESSAGE));
      assertEquals("Synchronize", f.awaitAudit("updateContainers", 1).getString("source"));
    }
  }

  @Test
  void aPluginThatAnswersAChunkWithUpdatesIsRefused(Vertx vertx) {
    FakePlugin p = new FakePlugin("10", "p").replies(PluginCall.SYNCHRONIZE, SynchronizeResponse.newBuilder()
        .addUpdate(ContainerUpdate.newBuilder().setContainerId("c0")).build());
    try (CoreFixture f = CoreFixture.start(vertx)) {
      fill(f.domain);
      RuntimeException e = assertThrows(RuntimeException.class, () -> await(f.core.admit(p)));
      assertEquals("plugin does not handle split sync requests", e.getMessage());
    }
  }

  @Test
  void aStateThatCannotBeSplitSmallEnoughFails(Vertx vertx) {
    FakePlugin p = new FakePlugin("10", "p");
    try (CoreFixture f = CoreFixture.start(vertx)) {
      String huge = "x".repeat(5 << 20);
      f.domain.putContainer(Container.newBuilder().setId("giant").setPodSandboxId("p")
          .setState(ContainerState.CONTAINER_RUNNING).putAnnotations("huge", huge).build());
      RuntimeException e = assertThrows(RuntimeException.class, () -> await(f.core.admit(p)));
      assertEquals("failed to synchronize plugin with split messages", e.getMessage());
    }
  }

  @Test
  void onTheRealClockTimersFireOnTheCore(Vertx vertx) {
    NriOptions o = new NriOptions().setDisableConnections(true).setBusPrefix("real-clock");
    NriRuntime nri = await(NriRuntime.deploy(vertx, o, new InMemoryDomain("k8s.io")));
    try {
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> await(nri.awaitPlugins(List.of("10-never"), Duration.ofMillis(1))));
      assertTrue(e.getMessage().startsWith("plugins not registered within 1 ms"), e.getMessage());
      await(nri.awaitPlugins(List.of(), Duration.ofSeconds(5)));
    } finally {
      await(nri.close());
    }
  }
}
