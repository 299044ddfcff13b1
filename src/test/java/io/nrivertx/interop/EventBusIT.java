package io.nrivertx.interop;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The event-bus contract: lifecycle requests by plain bus messages, and the audit stream. */
class EventBusIT {

  @Test
  void lifecycleOverTheBusAndOneAuditRecordPerEventInPluginOrder() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      List<JsonObject> audit = new CopyOnWriteArrayList<>();
      await(rt.vertx.eventBus().<JsonObject>consumer(nri.addresses().audit(), m -> audit.add(m.body())).completion());
      Path config = rt.file("a.yaml");
      Files.writeString(config, "\"*\": {adjust: {annotations: {seen: \"yes\"}}}\n");
      rt.plugin(GoPeers.recorder(), "-idx", "90", "-name", "last", "-events", "CreateContainer",
          "-log-file", rt.file("r.jsonl").toString());
      rt.plugin(GoPeers.adjuster(), "-idx", "05", "-name", "first", "-config", config.toString());
      rt.awaitPlugins(List.of("05-first", "90-last"));

      // Any Vert.x component can drive NRI with plain bus messages: protobuf bytes + "event" header.
      CreateContainerRequest req = CreateContainerRequest.newBuilder().setPod(rt.pod("p1", "web"))
          .setContainer(rt.container("c1", "p1", "app", ContainerState.CONTAINER_UNKNOWN)).build();
      var reply = await(rt.vertx.eventBus().<Buffer>request(nri.addresses().lifecycle(),
          Buffer.buffer(req.toByteArray()),
          new DeliveryOptions().addHeader(NriAddresses.EVENT_HEADER, "CreateContainer")));
      CreateContainerResponse rsp = CreateContainerResponse.parseFrom(reply.body().getBytes());
      assertEquals("yes", rsp.getAdjust().getAnnotationsMap().get("seen"));

      JsonObject record = awaitRecord(audit, "CreateContainer");
      assertEquals(1, record.getInteger("v"));
      assertEquals("p1", record.getString("pod"));
      assertEquals("c1", record.getString("container"));
      assertTrue(record.getBoolean("ok"));
      assertEquals(List.of("05-first", "90-last"), record.getJsonArray("plugins").stream()
          .map(o -> ((JsonObject) o).getString("plugin")).toList());
      assertEquals("yes", record.getJsonObject("result").getJsonObject("adjust").getJsonObject("annotations")
          .getString("seen"));
      assertTrue(audit.stream().anyMatch(r -> "plugin".equals(r.getString("kind"))
          && "synchronized".equals(r.getString("action")) && "05-first".equals(r.getString("plugin"))
          && r.getInteger("pid") > 0), "plugin records carry the peer pid: " + audit);
    }
  }

  @Test
  void unknownEventAndMalformedBodyAreRefusedWithReasons() {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      ReplyException unknown = assertThrows(ReplyException.class, () -> await(rt.vertx.eventBus().request(
          nri.addresses().lifecycle(), Buffer.buffer(), new DeliveryOptions().addHeader("event", "Explode"))));
      assertEquals(400, unknown.failureCode());
      assertTrue(unknown.getMessage().contains("Explode"), unknown.getMessage());
      ReplyException malformed = assertThrows(ReplyException.class, () -> await(rt.vertx.eventBus().request(
          nri.addresses().lifecycle(), Buffer.buffer(new byte[] {(byte) 0xFF, 1, 2}),
          new DeliveryOptions().addHeader("event", "RunPodSandbox"))));
      assertEquals(400, malformed.failureCode());
      assertTrue(malformed.getMessage().startsWith("malformed RunPodSandbox request"), malformed.getMessage());
      ReplyException empty = assertThrows(ReplyException.class, () -> await(rt.vertx.eventBus().request(
          nri.addresses().lifecycle(), null, new DeliveryOptions().addHeader("event", "RunPodSandbox"))));
      assertEquals(400, empty.failureCode());
      ReplyException validate = assertThrows(ReplyException.class, () -> await(rt.vertx.eventBus().request(
          nri.addresses().lifecycle(), Buffer.buffer(), new DeliveryOptions().addHeader("event",
              "ValidateContainerAdjustment"))));
      assertEquals(400, validate.failureCode(), "validation is not a runtime event");
      // Still serving after bad requests.
      assertNotNull(await(nri.request(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder()
          .setPod(rt.pod("p", "p")).setContainer(rt.container("c", "p", "a", ContainerState.CONTAINER_UNKNOWN))
          .build())));
    }
  }

  private static JsonObject awaitRecord(List<JsonObject> audit, String event) {
    return io.nrivertx.testing.Waiting.until(() -> List.copyOf(audit).stream()
            .filter(r -> event.equals(r.getString("event"))).findFirst().orElse(null), java.util.Objects::nonNull,
        java.time.Duration.ofSeconds(5), none -> "no audit record for " + event + ": " + audit);
  }
}
