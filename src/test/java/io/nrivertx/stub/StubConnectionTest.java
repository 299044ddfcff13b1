package io.nrivertx.stub;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.RegisterPluginRequest;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.UnixSocketPair;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the stub finds the runtime: NRI_PLUGIN_SOCKET, the socket path, and reconnecting. */
class StubConnectionTest {
  private Vertx vertx;
  private Path socket;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
    socket = Files.createTempDirectory(Files.createDirectories(GoPeers.buildDir()), "stub-").resolve("nri.sock");
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void aLaunchedPluginUsesTheEnvironmentsFdAndIdentity() {
    UnixSocketPair pair = UnixSocketPair.open();
    FakeRuntime runtime = FakeRuntime.onFd(vertx, pair.left());
    Stub stub = Stub.create(vertx, new RecordingPlugin(), new StubOptions().setSocketPath("/nonexistent")
        .setEnvironment(Map.of("NRI_PLUGIN_NAME", "launched", "NRI_PLUGIN_IDX", "07",
            "NRI_PLUGIN_SOCKET", String.valueOf(pair.right()))));
    await(stub.start());
    RegisterPluginRequest reg = await(runtime.registered.future());
    assertEquals("07-launched", reg.getPluginIdx() + "-" + reg.getPluginName());
    await(stub.stop());
  }

  @Test
  void aBadSocketEnvironmentIsRefusedAtCreation() {
    StubException e = assertThrows(StubException.class, () -> Stub.create(vertx, new RecordingPlugin(),
        new StubOptions().setEnvironment(Map.of("NRI_PLUGIN_IDX", "01", "NRI_PLUGIN_NAME", "x",
            "NRI_PLUGIN_SOCKET", "three"))));
    assertEquals("invalid socket in environment (NRI_PLUGIN_SOCKET=\"three\"): not a file descriptor number",
        e.getMessage());
  }

  @Test
  void aClosedFdFailsStart() {
    // Above the kernel's ceiling for descriptors (fs.nr_open, at most 2^30): never open, so the
    // stub cannot adopt (and close) a descriptor that belongs to something else in this JVM.
    int neverOpen = 2_000_000_000;
    Stub stub = Stub.create(vertx, new RecordingPlugin(), options().setSocketFd(neverOpen));
    StubException e = assertThrows(StubException.class, () -> await(stub.start()));
    assertTrue(e.getMessage().startsWith("invalid socket (fd 2000000000 from the options): fcntl("),
        e.getMessage());
    assertTrue(e.getMessage().contains("Bad file descriptor"), e.getMessage());
    assertThrows(StubException.class, () -> await(stub.stopped()));
  }

  @Test
  void aVertxWithoutNativeTransportIsRefused() {
    Vertx plain = Vertx.vertx();
    try {
      Stub stub = Stub.create(plain, new RecordingPlugin(), options());
      StubException e = assertThrows(StubException.class, () -> await(stub.start()));
      assertTrue(e.getMessage().startsWith("the NRI plugin stub needs Vert.x native transport (epoll)"),
          e.getMessage());
    } finally {
      await(plain.close());
    }
  }

  @Test
  void withoutReconnectAMissingSocketFailsStart() {
    Stub stub = Stub.create(vertx, new RecordingPlugin(), options());
    StubException e = assertThrows(StubException.class, () -> await(stub.start()));
    assertEquals("failed to connect to NRI service at " + socket + ": no such socket (is the runtime running,"
        + " with NRI external plugins enabled?)", e.getMessage());
  }

  @Test
  void dialsTheSocketPathAndServesOnTheStubsEventLoop() throws Exception {
    try (FakeRuntimeServer server = FakeRuntimeServer.listen(vertx, socket)) {
      RecordingPlugin plugin = new RecordingPlugin();
      Stub stub = Stub.create(vertx, plugin, options());
      var started = stub.start();
      FakeRuntime runtime = server.next();
      await(started);
      assertEquals("33-dialer", await(runtime.registered.future()).getPluginIdx() + "-dialer");
      await(runtime.configured.future());
      await(runtime.call(io.nrivertx.service.PluginCall.START_CONTAINER,
          io.nrivertx.api.StartContainerRequest.newBuilder().build()));
      assertEquals(2, plugin.contexts.size());
      assertTrue(plugin.contexts.get(0) instanceof io.vertx.core.Context ctx && ctx.isEventLoopContext(),
          "handlers run on a Vert.x event-loop context: " + plugin.contexts);
      assertSame(plugin.contexts.get(0), plugin.contexts.get(1), "the same one every time");
      await(stub.stop());
      await(runtime.ttrpc.closeFuture());
    }
  }

  @Test
  void reconnectsWithBackoffUntilStopped() throws Exception {
    Stub stub = Stub.create(vertx, new RecordingPlugin(), options().setReconnect(true)
        .setReconnectInitialDelay(Duration.ofMillis(50)).setReconnectMaxDelay(Duration.ofMillis(200)));
    var started = stub.start(); // no runtime yet: keeps retrying
    try (io.nrivertx.testing.LogCapture log = new io.nrivertx.testing.LogCapture("io.nrivertx.stub.impl.StubImpl")) {
      io.nrivertx.testing.Waiting.until(() -> log.messages().stream()
              .filter(m -> m.contains(" could not start: ")).count() >= 2, Duration.ofSeconds(10),
          () -> "no two retries: " + log.messages());
    }
    assertFalse(started.isComplete(), "still trying");
    try (FakeRuntimeServer server = FakeRuntimeServer.listen(vertx, socket)) {
      FakeRuntime first = server.next();
      await(started);
      await(first.configured.future());
      first.close();
      FakeRuntime second = server.next();
      assertEquals("dialer", await(second.registered.future()).getPluginName(), "registers again");
      await(second.configured.future());
      assertFalse(stub.stopped().isComplete(), "a lost connection does not stop a reconnecting stub");
      await(stub.stop());
      await(stub.stopped());
      await(second.ttrpc.closeFuture());
    }
  }

  private StubOptions options() {
    return new StubOptions().setName("dialer").setIndex("33").setSocketPath(socket.toString())
        .setEnvironment(Map.of());
  }
}
