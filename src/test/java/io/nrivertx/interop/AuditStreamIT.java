package io.nrivertx.interop;

import static io.nrivertx.testing.AuditTap.event;
import static io.nrivertx.testing.AuditTap.kind;
import static io.nrivertx.testing.AuditTap.plugin;
import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.*;
import io.nrivertx.domain.InMemoryDomain;
import io.nrivertx.service.PluginCall;
import io.nrivertx.stub.NriPlugin;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.nrivertx.testing.AuditTap;
import io.nrivertx.testing.RawPeer;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The audit records docs/eventbus.md promises, one kind and field at a time; no Go needed. */
class AuditStreamIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void pluginLifeFromTimeoutAndRefusalToRegisteredAndClosed() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(new NriOptions().setRegistrationTimeout(Duration.ofMillis(400)));
      AuditTap audit = await(AuditTap.subscribe(rt.vertx, nri.addresses().audit()));
      int me = (int) ProcessHandle.current().pid();
      try (RawPeer silent = new RawPeer(rt.socket)) {
        JsonObject timedOut = audit.await(plugin("timedOut"), WAIT);
        assertNull(timedOut.getValue("plugin"), "it never named itself");
        assertEquals(me, timedOut.getInteger("pid"), "the peer is identified by its pid instead");
        assertEquals("no RegisterPlugin within 400 ms", timedOut.getString("detail"));
      }
      try (RawPeer bad = new RawPeer(rt.socket)) {
        bad.request(1, "RegisterPlugin", RegisterPluginRequest.newBuilder().setPluginName("bad name")
            .setPluginIdx("10").build());
        JsonObject refused = audit.await(plugin("refused"), WAIT);
        assertTrue(refused.getString("detail").contains("invalid name"), refused.encode());
        assertEquals("external", refused.getString("transport"));
      }

      rt.domain.putContainer(rt.container("kctr", "p", "app", ContainerState.CONTAINER_RUNNING));
      Stub stub = Stub.create(rt.vertx, new NriPlugin() {
        @Override
        public Future<List<ContainerUpdate>> synchronize(List<PodSandbox> pods, List<Container> containers) {
          return Future.succeededFuture(List.of(shares("kctr", 55)));
        }

        @Override
        public Future<Void> runPodSandbox(PodSandbox pod) {
          return Future.succeededFuture();
        }
      }, new StubOptions().setName("auditee").setIndex("30").setSocketPath(rt.socket.toString())
          .setEnvironment(Map.of()));
      await(stub.start());
      audit.await(plugin("synchronized").and(r -> "30-auditee".equals(r.getString("plugin"))), WAIT);
      assertEquals(List.of("registered", "configured", "updateContainers", "synchronized"), audit.records().stream()
          .filter(r -> "30-auditee".equals(r.getString("plugin")))
          .map(r -> r.getString("action", r.getString("kind"))).toList());
      assertEquals("nriVersion=" + Stub.NRI_VERSION, audit.await(plugin("registered"), WAIT).getString("detail"));
      JsonObject atSync = audit.await(kind("updateContainers"), WAIT);
      assertEquals("Synchronize", atSync.getString("source"));
      assertEquals("55", atSync.getJsonArray("update").getJsonObject(0).getJsonObject("linux")
          .getJsonObject("resources").getJsonObject("cpu").getJsonObject("shares").getString("value"));

      await(stub.updateContainers(List.of(shares("kctr", 77), shares("ghost", 1)), List.of()));
      JsonObject update = audit.await(kind("updateContainers").and(r -> "UpdateContainers".equals(r.getString("source"))), WAIT);
      assertEquals("30-auditee", update.getString("plugin"));
      assertEquals(List.of("kctr", "ghost"), update.getJsonArray("update").stream()
          .map(o -> ((JsonObject) o).getString("containerId")).toList());
      assertTrue(update.getJsonArray("failed").isEmpty(), "a container no domain holds is skipped, not failed");
      assertEquals(77, rt.domain.containerNow("kctr").getLinux().getResources().getCpu().getShares().getValue());

      await(stub.stop());
      JsonObject closed = audit.await(plugin("closed"), WAIT);
      assertEquals("30-auditee", closed.getString("plugin"));
      assertNotNull(closed.getString("detail"), "why it closed");
    }
  }

  @Test
  void eventRecordsCarryNamespaceVerdictsAndEvictions() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      AuditTap audit = await(AuditTap.subscribe(rt.vertx, nri.addresses().audit()));
      rt.domain.putContainer(rt.container("victim", "p", "victim", ContainerState.CONTAINER_RUNNING));
      await(nri.addBuiltin("evicter", "20", new AuditBuiltins.Evicter()));
      await(nri.addBuiltin("judge", "90", new AuditBuiltins.Judge()));
      assertEquals("builtin", audit.await(plugin("registered"), WAIT).getString("transport"));

      ReplyException refused = assertThrows(ReplyException.class, () -> create(rt, "bad", "k8s.io"));
      assertEquals(422, refused.failureCode(), "a validator's rejection");
      JsonObject bad = audit.await(event("CreateContainer"), WAIT);
      assertEquals("rejected", bad.getString("errorKind"));
      assertEquals("k8s.io", bad.getString("namespace"));
      assertFalse(bad.getBoolean("ok"));
      assertTrue(bad.getString("error").contains("no bad containers"), bad.encode());
      JsonObject verdict = bad.getJsonArray("plugins").getJsonObject(1);
      assertEquals("90-judge", verdict.getString("plugin"));
      assertEquals("rejected", verdict.getString("verdict"));
      assertEquals("no bad containers", verdict.getString("reason"));

      create(rt, "evicter", null);
      JsonObject good = audit.await(event("CreateContainer").and(r -> r.getBoolean("ok")), WAIT);
      assertEquals("k8s.io", good.getString("namespace"), "the only domain's namespace when the sender names none");
      assertEquals(List.of("20-evicter", "90-judge"), good.getJsonArray("plugins").stream()
          .map(o -> ((JsonObject) o).getString("plugin")).toList());
      assertEquals("accepted", good.getJsonArray("plugins").getJsonObject(1).getString("verdict"));
      JsonObject eviction = audit.await(kind("eviction"), WAIT);
      assertEquals("victim", eviction.getString("container"));
      assertEquals("make room", eviction.getString("reason"));
      assertTrue(eviction.getBoolean("ok"));
      assertEquals(ContainerState.CONTAINER_STOPPED, rt.domain.containerNow("victim").getState());

      await(nri.addDomain(new InMemoryDomain("moby")));
      await(nri.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(rt.pod("two", "t")).build()));
      JsonObject unlabelled = audit.await(event("RunPodSandbox"), WAIT);
      assertTrue(unlabelled.containsKey("namespace") && unlabelled.getValue("namespace") == null,
          "two domains: only the sender could tell, and it did not");
    }
  }

  private static ContainerUpdate shares(String id, long shares) {
    return ContainerUpdate.newBuilder().setContainerId(id).setLinux(LinuxContainerUpdate.newBuilder()
        .setResources(LinuxResources.newBuilder().setCpu(LinuxCPU.newBuilder()
            .setShares(OptionalUInt64.newBuilder().setValue(shares))))).build();
  }

  private static void create(RuntimeFixture rt, String name, String namespace) {
    CreateContainerRequest req = CreateContainerRequest.newBuilder().setPod(rt.pod("p", "p"))
        .setContainer(rt.container(name, "p", name, ContainerState.CONTAINER_UNKNOWN)).build();
    DeliveryOptions headers = new DeliveryOptions().addHeader("event", "CreateContainer");
    if (namespace != null) {
      headers.addHeader("namespace", namespace);
    }
    await(rt.vertx.eventBus().request("nri-it.lifecycle", Buffer.buffer(req.toByteArray()), headers));
  }
}
