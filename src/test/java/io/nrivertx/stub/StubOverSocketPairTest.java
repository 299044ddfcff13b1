package io.nrivertx.stub;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.*;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.nrivertx.protocol.TtrpcException;
import io.nrivertx.testing.UnixSocketPair;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stub against a scripted runtime over a real socketpair: the stub adopts its end as a
 * pre-connected fd, exactly as a runtime-launched plugin does with fd 3.
 */
class StubOverSocketPairTest {
  private static final EventMask HANDLED = Events.mask(Event.CREATE_CONTAINER, Event.START_CONTAINER,
      Event.UPDATE_CONTAINER, Event.STOP_CONTAINER, Event.VALIDATE_CONTAINER_ADJUSTMENT);
  private static final PodSandbox POD = PodSandbox.newBuilder().setId("p1").setName("web").build();
  private static final Container CTR = Container.newBuilder().setId("c1").setPodSandboxId("p1").setName("app")
      .build();

  private Vertx vertx;
  private FakeRuntime runtime;
  private RecordingPlugin plugin;
  private Stub stub;

  @BeforeEach
  void setUp() {
    vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    UnixSocketPair pair = UnixSocketPair.open();
    runtime = FakeRuntime.onFd(vertx, pair.left());
    plugin = new RecordingPlugin();
    stub = Stub.create(vertx, plugin, new StubOptions().setSocketFd(pair.right()).setName("demo")
        .setIndex("42").setEnvironment(Map.of()));
  }

  @AfterEach
  void tearDown() {
    await(stub.stop());
    await(vertx.close());
  }

  @Test
  void registersThenSubscribesToExactlyTheHandledEvents() {
    await(stub.start());
    RegisterPluginRequest reg = await(runtime.registered.future());
    assertEquals("demo", reg.getPluginName());
    assertEquals("42", reg.getPluginIdx());
    assertEquals("v0.12.5", reg.getNRIVersion());
    ConfigureResponse cfg = await(runtime.configured.future());
    assertEquals(HANDLED.bits(), cfg.getEvents(), "the handled events, never 0");
    assertFalse(cfg.hasFailurePolicy(), "no policy unless configured");
    assertEquals(HANDLED, stub.subscribedEvents());
    assertEquals(Duration.ofMillis(1500), stub.requestTimeout(), "timeouts adopted from Configure");
    assertEquals(Duration.ofMillis(3000), stub.registrationTimeout());
    assertEquals("v0.12.5", stub.runtimeNriVersion());
    assertTrue(stub.isConnected());
  }

  @Test
  void configureBeforeTheRegisterReplyIsServed() {
    runtime.onRegister = runtime::configureThenReply;
    await(stub.start());
    assertEquals(HANDLED.bits(), await(runtime.configured.future()).getEvents());
  }

  @Test
  void configureMayNarrowTheSubscription() {
    plugin.configureReply = Events.mask(Event.CREATE_CONTAINER);
    await(stub.start());
    assertEquals(EventMask.bit(Event.CREATE_CONTAINER), await(runtime.configured.future()).getEvents());
  }

  @Test
  void subscribingToAnUnhandledEventFailsConfigure() {
    plugin.configureReply = Events.mask(Event.CREATE_CONTAINER, Event.RUN_POD_SANDBOX);
    StubException err = assertThrows(StubException.class, () -> await(stub.start()));
    assertTrue(err.getMessage().contains("RunPodSandbox"), err.getMessage());
    TtrpcException seen = assertThrows(TtrpcException.class, () -> await(runtime.configured.future()));
    assertEquals(2, seen.code());
    assertTrue(seen.getMessage().contains("no handler for: RunPodSandbox (0x1)"), seen.getMessage());
  }

  @Test
  void failurePolicyIsSentInTheConfigureReply() {
    UnixSocketPair pair = UnixSocketPair.open();
    FakeRuntime rt = FakeRuntime.onFd(vertx, pair.left());
    Stub other = Stub.create(vertx, plugin, new StubOptions().setSocketFd(pair.right()).setName("p")
        .setIndex("01").setEnvironment(Map.of())
        .setFailurePolicy(FailurePolicy.newBuilder().setFailRequest(true).build()));
    await(other.start());
    assertTrue(await(rt.configured.future()).getFailurePolicy().getFailRequest());
    await(other.stop());
  }

  @Test
  void splitSynchronizeIsBufferedAndDeliveredOnce() {
    await(stub.start());
    await(runtime.configured.future());
    SynchronizeResponse first = await(runtime.call(PluginCall.SYNCHRONIZE, chunk(0, 2, true)));
    SynchronizeResponse second = await(runtime.call(PluginCall.SYNCHRONIZE, chunk(2, 3, true)));
    assertTrue(first.getMore() && second.getMore(), "every more=true chunk is answered with more=true");
    assertEquals(0, first.getUpdateCount() + second.getUpdateCount(), "and no updates");
    assertEquals(0, plugin.syncCalls, "nothing delivered before the last chunk");
    SynchronizeResponse last = await(runtime.call(PluginCall.SYNCHRONIZE, chunk(5, 1, false)));
    assertFalse(last.getMore());
    assertEquals(1, plugin.syncCalls);
    assertEquals(List.of("p0", "p1", "p2", "p3", "p4", "p5"), plugin.syncedPods.stream().map(PodSandbox::getId).toList());
    assertEquals(6, plugin.syncedContainers.size());
    assertEquals(6, last.getUpdate(0).getLinux().getResources().getCpu().getShares().getValue());
  }

  @Test
  void withoutASynchronizeHandlerChunksAreJustAcknowledged() {
    UnixSocketPair pair = UnixSocketPair.open();
    FakeRuntime rt = FakeRuntime.onFd(vertx, pair.left());
    NriPlugin noSync = new NriPlugin() {
      @Override
      public io.vertx.core.Future<Void> runPodSandbox(PodSandbox pod) {
        return io.vertx.core.Future.succeededFuture();
      }
    };
    Stub other = Stub.create(vertx, noSync, new StubOptions().setSocketFd(pair.right()).setName("p")
        .setIndex("01").setEnvironment(Map.of()));
    await(other.start());
    assertTrue(await(rt.call(PluginCall.SYNCHRONIZE, chunk(0, 1, true))).getMore());
    assertFalse(await(rt.call(PluginCall.SYNCHRONIZE, chunk(1, 1, false))).getMore());
    await(other.stop());
    assertThrows(StubException.class, () -> await(other.start()), "a stopped stub does not start again");
  }

  @Test
  void eventsReachTheirHandlersAndRepliesCarryTheirChanges() {
    await(stub.start());
    await(runtime.configured.future());
    CreateContainerResponse created = await(runtime.call(PluginCall.CREATE_CONTAINER,
        CreateContainerRequest.newBuilder().setPod(POD).setContainer(CTR).build()));
    assertEquals("recorder", created.getAdjust().getAnnotationsMap().get("seen-by"));
    assertEquals("web", created.getAdjust().getEnv(0).getValue());
    assertEquals("victim", created.getEvict(0).getContainerId());

    UpdateContainerResponse updated = await(runtime.call(PluginCall.UPDATE_CONTAINER, UpdateContainerRequest
        .newBuilder().setPod(POD).setContainer(CTR).setLinuxResources(LinuxResources.newBuilder().setMemory(
            LinuxMemory.newBuilder().setLimit(OptionalInt64.newBuilder().setValue(1000)))).build()));
    assertEquals(500, updated.getUpdate(0).getLinux().getResources().getMemory().getLimit().getValue());
    assertEquals(StopContainerResponse.getDefaultInstance(), await(runtime.call(PluginCall.STOP_CONTAINER,
        StopContainerRequest.newBuilder().setPod(POD).setContainer(CTR).build())), "null reply = empty");
    // Not handled by this plugin: answered anyway, as Go's stub does.
    await(runtime.call(PluginCall.REMOVE_POD_SANDBOX, RemovePodSandboxRequest.newBuilder().setPod(POD).build()));
    assertEquals(List.of("Configure:fake", "CreateContainer:c1", "UpdateContainer:c1", "StopContainer:c1"),
        plugin.calls);
    String loop = plugin.threads.getFirst();
    assertTrue(plugin.threads.stream().allMatch(loop::equals), "one event loop for all handlers: " + plugin.threads);
  }

  @Test
  void aFailingHandlerIsAnErrorStatusWithItsMessage() {
    await(stub.start());
    await(runtime.configured.future());
    TtrpcException err = assertThrows(TtrpcException.class, () -> await(runtime.call(PluginCall.CREATE_CONTAINER,
        CreateContainerRequest.newBuilder().setPod(POD).setContainer(CTR.toBuilder().setName("refused")).build())));
    assertEquals(2, err.code());
    assertEquals("no containers named refused", err.getMessage());
  }

  @Test
  void aFailedValidationIsARejectionNotAnError() {
    await(stub.start());
    await(runtime.configured.future());
    ValidateContainerAdjustmentRequest req = ValidateContainerAdjustmentRequest.newBuilder().setPod(POD)
        .setContainer(CTR).build();
    assertFalse(await(runtime.call(PluginCall.VALIDATE, req)).getReject());
    plugin.rejectReason = "too much memory";
    ValidateContainerAdjustmentResponse rejected = await(runtime.call(PluginCall.VALIDATE, req));
    assertTrue(rejected.getReject());
    assertEquals("too much memory", rejected.getReason());
  }

  @Test
  void stateChangeReachesThePerEventHandler() {
    await(stub.start());
    await(runtime.configured.future());
    await(runtime.call(PluginCall.STATE_CHANGE, StateChangeEvent.newBuilder().setEvent(Event.START_CONTAINER)
        .setPod(POD).setContainer(CTR).build()));
    await(runtime.call(PluginCall.STATE_CHANGE, StateChangeEvent.newBuilder().setEvent(Event.RUN_POD_SANDBOX)
        .setPod(POD).build()));
    assertEquals(List.of("Configure:fake", "StartContainer:c1"), plugin.calls);
  }

  @Test
  void shutdownIsAnsweredAfterTheHook() {
    await(stub.start());
    await(runtime.configured.future());
    await(runtime.call(PluginCall.SHUTDOWN, Empty.getDefaultInstance()));
    assertTrue(plugin.shutdownCalled);
  }

  @Test
  void updateContainersReachesTheRuntime() throws Exception {
    await(stub.start());
    await(runtime.configured.future());
    ContainerUpdate failed = Updates.of("gone").setCpuShares(2).build();
    runtime.updateReply = UpdateContainersResponse.newBuilder().addFailed(failed).build();
    List<ContainerUpdate> result = await(stub.updateContainers(List.of(Updates.of("c1").setCpusetCpus("0-1").build(),
        failed), List.of(ContainerEviction.newBuilder().setContainerId("c9").setReason("why").build())));
    assertEquals(List.of(failed), result);
    UpdateContainersRequest seen = runtime.updates.poll(5, TimeUnit.SECONDS);
    assertEquals("0-1", seen.getUpdate(0).getLinux().getResources().getCpu().getCpus());
    assertEquals("c9", seen.getEvict(0).getContainerId());
  }

  @Test
  void losingTheConnectionFailsStopped() {
    await(stub.start());
    await(runtime.configured.future());
    runtime.close();
    StubException err = assertThrows(StubException.class, () -> await(stub.stopped()));
    assertTrue(err.getMessage().startsWith("connection to the runtime lost"), err.getMessage());
    assertFalse(stub.isConnected());
    assertThrows(StubException.class, () -> await(stub.updateContainers(List.of(), List.of())));
  }

  @Test
  void stopClosesTheConnectionAndCompletesStopped() {
    await(stub.start());
    await(runtime.configured.future());
    await(stub.stop());
    await(stub.stopped());
    await(runtime.ttrpc.closeFuture());
  }

  @Test
  void aRefusedRegistrationFailsStartAndHangsUp() {
    runtime.onRegister = req -> io.vertx.core.Future.failedFuture("invalid plugin name: test says so");
    StubException err = assertThrows(StubException.class, () -> await(stub.start()));
    assertEquals("failed to register with NRI/Runtime: rpc error: code = Unknown desc = invalid plugin name: "
        + "test says so", err.getMessage());
    await(runtime.ttrpc.closeFuture());
    assertThrows(StubException.class, () -> await(stub.stopped()));
  }

  private static SynchronizeRequest chunk(int from, int count, boolean more) {
    SynchronizeRequest.Builder b = SynchronizeRequest.newBuilder().setMore(more);
    for (int i = from; i < from + count; i++) {
      b.addPods(PodSandbox.newBuilder().setId("p" + i));
      b.addContainers(Container.newBuilder().setId("c" + i).setPodSandboxId("p" + i));
    }
    return b.build();
  }
}
