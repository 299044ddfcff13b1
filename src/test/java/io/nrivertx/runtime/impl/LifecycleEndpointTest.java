package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.ValidateContainerAdjustmentResponse;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.bus.ProtoCodec;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lifecycle address: the same events as the direct path, each failure kind with its own code. */
@ExtendWith(VertxExtension.class)
class LifecycleEndpointTest {
  private static Future<Message<Object>> send(CoreFixture f, String event, Object body, Map<String, String> headers) {
    DeliveryOptions o = new DeliveryOptions();
    if (event != null) {
      o.addHeader(NriAddresses.EVENT_HEADER, event);
    }
    headers.forEach(o::addHeader);
    if (body instanceof com.google.protobuf.Message) {
      o.setCodecName(ProtoCodec.NAME);
    }
    return f.vertx.eventBus().request(f.nri.addresses().lifecycle(), body, o);
  }

  private static int code(Future<?> f) {
    return assertThrows(ReplyException.class, () -> await(f)).failureCode();
  }

  private static byte[] create() {
    return Requests.create("c1", "p1").toByteArray();
  }

  @Test
  void bytesInBytesOutAndObjectsInObjectsOut(Vertx vertx) {
    FakePlugin a = new FakePlugin("10", "a", Event.CREATE_CONTAINER).replies(PluginCall.CREATE_CONTAINER,
        CreateContainerResponse.newBuilder().setAdjust(ContainerAdjustment.newBuilder().putAnnotations("a", "1")).build());
    try (CoreFixture f = CoreFixture.start(vertx).admit(a)) {
      Buffer bytes = (Buffer) await(send(f, "CreateContainer", Buffer.buffer(create()), Map.of())).body();
      assertEquals("1", parse(bytes).getAdjust().getAnnotationsMap().get("a"));
      Object object = await(send(f, "CreateContainer", Requests.create("c2", "p1"),
          Map.of(NriAddresses.NAMESPACE_HEADER, "k8s.io"))).body();
      assertEquals("1", ((CreateContainerResponse) object).getAdjust().getAnnotationsMap().get("a"));
      Object reread = await(send(f, "CreateContainer", io.nrivertx.api.StartContainerRequest.newBuilder()
          .setPod(Requests.pod("p1")).setContainer(Requests.container("c3", "p1")).build(), Map.of())).body();
      assertEquals("1", ((CreateContainerResponse) reread).getAdjust().getAnnotationsMap().get("a"),
          "a message of another type is re-read from its bytes");
    }
  }

  private static CreateContainerResponse parse(Buffer b) {
    try {
      return CreateContainerResponse.parseFrom(b.getBytes());
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void badRequestsAre400(Vertx vertx) {
    try (CoreFixture f = CoreFixture.start(vertx)) {
      assertEquals(400, code(send(f, null, Buffer.buffer(create()), Map.of())));
      assertEquals(400, code(send(f, "Configure", Buffer.buffer(create()), Map.of())));
      assertEquals(400, code(send(f, "ValidateContainerAdjustment", Buffer.buffer(create()), Map.of())));
      assertEquals(400, code(send(f, "CreateContainer", Buffer.buffer("garbage"), Map.of())));
      assertEquals(400, code(send(f, "CreateContainer", null, Map.of())));
      assertEquals(400, code(send(f, "CreateContainer", "a string", Map.of())));
      ReplyException e = assertThrows(ReplyException.class, () -> await(send(f, "CreateContainer",
          Buffer.buffer(create()), Map.of(NriAddresses.TIMEOUT_HEADER, "soon"))));
      assertEquals(400, e.failureCode());
      assertEquals("invalid header 'timeoutMs': \"soon\" (milliseconds, 0 or more)", e.getMessage());
    }
  }

  @Test
  void eachKindHasItsCode(Vertx vertx) {
    FakePlugin refusing = new FakePlugin("10", "no", Event.RUN_POD_SANDBOX).refuses(PluginCall.RUN_POD_SANDBOX, "no");
    FakePlugin c1 = new FakePlugin("20", "c1", Event.CREATE_CONTAINER).replies(PluginCall.CREATE_CONTAINER,
        CreateContainerResponse.newBuilder().setAdjust(ContainerAdjustment.newBuilder().putAnnotations("k", "1")).build());
    FakePlugin c2 = new FakePlugin("30", "c2", Event.CREATE_CONTAINER).replies(PluginCall.CREATE_CONTAINER,
        CreateContainerResponse.newBuilder().setAdjust(ContainerAdjustment.newBuilder().putAnnotations("k", "2")).build());
    FakePlugin dying = new FakePlugin("40", "dying", Event.STOP_CONTAINER).policy(true, false)
        .dies(PluginCall.STOP_CONTAINER);
    FakePlugin judge = new FakePlugin("90", "judge", Event.VALIDATE_CONTAINER_ADJUSTMENT)
        .replies(PluginCall.VALIDATE, ValidateContainerAdjustmentResponse.newBuilder().setReject(true).build());
    FakePlugin slow = new FakePlugin("50", "slow", Event.START_CONTAINER).policy(true, false)
        .waits(PluginCall.START_CONTAINER, Promise.<io.nrivertx.api.StartContainerResponse>promise().future());
    try (CoreFixture f = CoreFixture.start(vertx).admit(refusing, dying, slow)) {
      assertEquals(403, code(send(f, "RunPodSandbox", Buffer.buffer(Requests.runPod("p").toByteArray()), Map.of())));
      assertEquals(502, code(send(f, "StopContainer", Buffer.buffer(io.nrivertx.api.StopContainerRequest.newBuilder()
          .setPod(Requests.pod("p")).setContainer(Requests.container("c", "p")).build().toByteArray()), Map.of())));
      Future<Message<Object>> late = send(f, "StartContainer", Buffer.buffer(Requests.start("c", "p").toByteArray()),
          Map.of(NriAddresses.TIMEOUT_HEADER, "300"));
      await(f.core.pluginIds());
      f.advance(Duration.ofMillis(300));
      assertEquals(504, code(late));
    }
    try (CoreFixture f = CoreFixture.start(vertx).admit(c1, c2)) {
      assertEquals(409, code(send(f, "CreateContainer", Buffer.buffer(create()), Map.of())));
    }
    try (CoreFixture f = CoreFixture.start(vertx).admit(judge)) {
      assertEquals(422, code(send(f, "CreateContainer", Buffer.buffer(create()), Map.of())));
    }
    io.nrivertx.plugin.BuiltinHandler buggy = new io.nrivertx.plugin.BuiltinHandler() {
      @Override
      public int events() {
        return io.nrivertx.service.EventMask.bit(Event.RUN_POD_SANDBOX);
      }

      @Override
      public <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> Future<R> handle(
          PluginCall<Q, R> call, Q request) {
        if (call == PluginCall.RUN_POD_SANDBOX) {
          throw new NullPointerException();
        }
        return Future.succeededFuture();
      }
    };
    try (CoreFixture f = CoreFixture.start(vertx)) {
      await(f.nri.addBuiltin("buggy", "10", buggy));
      assertEquals(500, code(send(f, "RunPodSandbox", Buffer.buffer(Requests.runPod("p").toByteArray()), Map.of())));
    }
  }

  @Test
  void headersBecomeTheParentContextAndTheNamespaceLabelsTheRecord(Vertx vertx) {
    RecordingObserver obs = new RecordingObserver();
    try (CoreFixture f = CoreFixture.start(vertx, new NriOptions().setObserver(obs))) {
      await(send(f, "RunPodSandbox", Buffer.buffer(Requests.runPod("p").toByteArray()),
          Map.of("traceparent", "00-aa-bb-01", NriAddresses.NAMESPACE_HEADER, "other.ns")));
      @SuppressWarnings("unchecked")
      Map<String, String> parent = (Map<String, String>) obs.starts.getLast().parent();
      assertEquals("00-aa-bb-01", parent.get("traceparent"));
      assertEquals("other.ns", obs.starts.getLast().namespace());
      assertTrue(f.awaitAudit("event", 1).getString("namespace").equals("other.ns"));
    }
  }

  @Test
  void aRequestOfTheWrongTypeIsABadRequestOnTheDirectPathToo(Vertx vertx) {
    try (CoreFixture f = CoreFixture.start(vertx)) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      PluginCall<CreateContainerRequest, CreateContainerResponse> raw = (PluginCall) PluginCall.RUN_POD_SANDBOX;
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(raw, Requests.create("c1", "p1"))));
      assertEquals(LifecycleException.Kind.BAD_REQUEST, e.kind());
      assertEquals("a RunPodSandbox request must be a RunPodSandboxRequest, got a CreateContainerRequest",
          e.getMessage());
      assertEquals(LifecycleException.Kind.BAD_REQUEST, assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.CREATE_CONTAINER, null))).kind());
      assertEquals(LifecycleException.Kind.BAD_REQUEST, assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.CONFIGURE, io.nrivertx.api.ConfigureRequest.getDefaultInstance())))
          .kind());
    }
  }
}
