package io.nrivertx.plugin.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.ConfigureResponse;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.plugin.CallOptions;
import io.nrivertx.plugin.PluginReply;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guest ABI and what the host does with a guest that lies, loops or traps, on hand-written
 * modules (TinyModule), interpreted and compiled.
 */
@ExtendWith(VertxExtension.class)
class WasmPluginTest {
  @TempDir
  Path dir;
  private Context ctx;

  @BeforeEach
  void setUp(Vertx vertx) {
    ctx = vertx.getOrCreateContext();
  }

  private final List<WasmPlugin> loaded = new ArrayList<>();

  @AfterEach
  void closeAll() {
    loaded.forEach(p -> p.close("test done"));
  }

  private WasmPlugin load(TinyModule module, boolean compile) throws Exception {
    return load(module, compile, "tiny");
  }

  private WasmPlugin load(TinyModule module, boolean compile, String name) throws Exception {
    Path file = Files.write(dir.resolve("10-" + name), module.bytes());
    WasmPlugin p = await(WasmPlugin.load(ctx, "10", name, file, new WasmOptions().setCompile(compile), new WasmModuleCache(), 2000));
    loaded.add(p);
    return p;
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  private static PluginReply<CreateContainerResponse> create(WasmPlugin p, long timeout) throws Exception {
    p.subscribe(EventMask.all(), p.closeReason() == null ? FailurePolicy.getDefaultInstance() : null);
    return await(p.invoke(PluginCall.CREATE_CONTAINER, CreateContainerRequest.getDefaultInstance(),
        CallOptions.timeout(timeout)));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void repliesAreReadFromGuestMemory(boolean compile) throws Exception {
    byte[] reply = ConfigureResponse.newBuilder().setEvents(1 << 5).build().toByteArray();
    WasmPlugin p = load(new TinyModule().data(reply)
        .body("plugin_configure", TinyModule.reply(TinyModule.DATA_AT, reply.length, false)), compile);
    PluginReply<ConfigureResponse> r = await(p.invoke(PluginCall.CONFIGURE, ConfigureRequest.newBuilder().setConfig("x").build(),
        CallOptions.timeout(2000)));
    assertTrue(r.ok(), r.error());
    assertEquals(1 << 5, r.response().getEvents());
    assertEquals("pre-connected-wasm", p.kind());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anErrorReplyFailsTheRequestWithTheGuestsTextAndKeepsThePlugin(boolean compile) throws Exception {
    byte[] text = "no such container".getBytes(StandardCharsets.UTF_8);
    WasmPlugin p = load(new TinyModule().data(text)
        .body("plugin_create_container", TinyModule.reply(TinyModule.DATA_AT, text.length, true)), compile);
    PluginReply<CreateContainerResponse> r = create(p, 2000);
    assertEquals(PluginReply.Outcome.ERROR, r.outcome());
    assertEquals("no such container", r.error());
    assertFalse(p.isClosed());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aReplyOutsideGuestMemoryIsGarbageNamingThePlugin(boolean compile) throws Exception {
    WasmPlugin p = load(new TinyModule().body("plugin_create_container", TinyModule.reply(60_000, 10_000, false)), compile);
    PluginReply<CreateContainerResponse> r = create(p, 2000);
    assertEquals(PluginReply.Outcome.ERROR, r.outcome());
    assertEquals("plugin 10-tiny: plugin_create_container answered a reply of 10000 bytes at 0xea60, outside its"
        + " memory of 65536 bytes", r.error());
    assertFalse(p.isClosed());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void bytesThatAreNotAReplyAreGarbageNamingThePlugin(boolean compile) throws Exception {
    byte[] junk = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
    WasmPlugin p = load(new TinyModule().data(junk)
        .body("plugin_create_container", TinyModule.reply(TinyModule.DATA_AT, junk.length, false)), compile);
    PluginReply<CreateContainerResponse> r = create(p, 2000);
    assertEquals(PluginReply.Outcome.ERROR, r.outcome());
    assertTrue(r.error().startsWith("plugin 10-tiny answered CreateContainer with bytes that are not a CreateContainer reply"),
        r.error());
  }

  /** Chicory checks the thread's interrupt flag in loops: the timeout stops a guest that never returns. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSpinningGuestIsInterruptedAtItsDeadlineAndThePluginClosed(boolean compile) throws Exception {
    WasmPlugin p = load(new TinyModule().body("plugin_create_container", TinyModule.SPIN), compile, "spin" + compile);
    PluginReply<CreateContainerResponse> r = create(p, 300);
    assertEquals(PluginReply.Outcome.TIMEOUT, r.outcome());
    assertEquals("module closed with context deadline exceeded", r.error());
    assertTrue(p.isClosed());
    assertTrue(p.closeReason().contains("no reply within 300 ms"), p.closeReason());
    assertEquals(PluginReply.Outcome.CLOSED, create(p, 300).outcome());
    // The guest really stopped: its thread ends (a guest still spinning would keep it alive).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (guestThreadAlive("nri-wasm-10-spin" + compile)) {
      assertTrue(System.nanoTime() < deadline, "the guest thread is still running after its deadline");
      Thread.onSpinWait();
    }
  }

  private static boolean guestThreadAlive(String name) {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aTrapClosesThePluginLikeABrokenConnection(boolean compile) throws Exception {
    WasmPlugin p = load(new TinyModule().body("plugin_create_container", TinyModule.TRAP), compile);
    p.subscribe(EventMask.all(), FailurePolicy.newBuilder().setFailRequest(true).build());
    PluginReply<CreateContainerResponse> r = await(p.invoke(PluginCall.CREATE_CONTAINER,
        CreateContainerRequest.getDefaultInstance(), CallOptions.timeout(2000)));
    // The runtime's failure policy turns this into the request's failure (WasmPluginIT).
    assertEquals(PluginReply.Outcome.CLOSED, r.outcome());
    assertTrue(r.error().startsWith("trapped in plugin_create_container"), r.error());
    assertTrue(p.isClosed());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void modulesThatAreNotPluginsAreRefusedWithWhatIsMissing(boolean compile) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(new TinyModule().withoutConfigure(), compile));
    assertTrue(e.getMessage().startsWith("WASM plugin 10-tiny (" + dir.resolve("10-tiny") + "): plugin_configure is not"
        + " exported; build the plugin on github.com/containerd/nri/pkg/api"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> load(new TinyModule().apiVersion(2), compile));
    assertTrue(e.getMessage().endsWith("API version mismatch, host: 1, plugin: 2"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aModuleLargerThanTheMemoryLimitIsRefused(boolean compile) throws Exception {
    Path file = Files.write(dir.resolve("10-tiny"), new TinyModule().bytes());
    WasmOptions tiny = new WasmOptions().setCompile(compile);
    // One page is the smallest limit and what the module needs: it loads.
    tiny.setMemoryLimit(WasmOptions.PAGE);
    loaded.add(await(WasmPlugin.load(ctx, "10", "tiny", file, tiny, new WasmModuleCache(), 2000)));
    assertThrows(IllegalArgumentException.class, () -> tiny.setMemoryLimit(WasmOptions.PAGE - 1));
  }
}
