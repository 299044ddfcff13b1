package io.nrivertx.plugin.wasm;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.RunPodSandboxRequest;
import io.nrivertx.plugin.launch.RestartPolicy;
import io.nrivertx.service.PluginCall;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WASM plugins loaded from the plugin path: the project's Go test module (cmd/wasmplugin, built
 * on containerd/nri's WASM plugin API) as adjuster and recorder, and as guests that loop forever,
 * panic or run out of memory. Each bad guest is stopped, named, and the runtime keeps serving.
 */
class WasmPluginIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private WasmFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new WasmFixture();
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private static JsonObject adjuster() {
    return new JsonObject().put("answers", new JsonObject()
        .put("app", new JsonObject().put("adjust", new JsonObject()
            .put("annotations", new JsonObject().put("wasm", "yes"))
            .put("env", new io.vertx.core.json.JsonArray().add(new JsonObject().put("key", "FROM").put("value", "wasm"))))));
  }

  private CreateContainerRequest create(String ctr) {
    return CreateContainerRequest.newBuilder().setPod(fx.rt.pod("pod0", "web"))
        .setContainer(fx.rt.container(ctr + "-id", "pod0", ctr, ContainerState.CONTAINER_CREATED)).build();
  }

  private NriRuntime start(NriOptions options) {
    NriRuntime nri = fx.rt.start(options);
    await(nri.awaitPlugins(List.of(), WAIT));
    return nri;
  }

  @Test
  void adjustsAndRecordsLikeAnyPlugin() throws Exception {
    fx.plugin("10-adjust.wasm", adjuster()).plugin("90-record", new JsonObject());
    NriRuntime nri = start(fx.options());
    await(nri.awaitPlugins(List.of("10-adjust.wasm", "90-record"), WAIT));
    assertEquals(List.of("10-adjust.wasm", "90-record"), await(nri.plugins()));

    await(nri.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(fx.rt.pod("pod0", "web")).build()));
    CreateContainerResponse rsp = await(nri.request(PluginCall.CREATE_CONTAINER, create("app")));
    assertEquals("yes", rsp.getAdjust().getAnnotationsMap().get("wasm"));
    assertEquals("FROM", rsp.getAdjust().getEnv(0).getKey());

    JsonObject configure = fx.lines("90-record").getFirst();
    assertEquals("Configure", configure.getString("event"));
    assertEquals("nri-vertx", configure.getString("runtimeName"));
    assertEquals("5000", String.valueOf(configure.getValue("requestTimeout")));
    assertEquals(List.of("Configure", "Synchronize", "RunPodSandbox", "CreateContainer"), fx.events("90-record"));
    JsonObject created = fx.lines("90-record").getLast();
    assertEquals("app", created.getJsonObject("container").getString("name"));
    // The recorder after the adjuster sees nothing of its adjustment (NRI sends the original request).
    assertEquals(List.of("Configure", "Synchronize", "CreateContainer"), fx.events("10-adjust.wasm"));
    assertTrue(fx.lines("10-adjust.wasm").getLast().getBoolean("matched"));
  }

  @Test
  void aGuestThatLoopsForeverIsStoppedAtTheTimeoutAndReloadedOnFailure() throws Exception {
    fx.plugin("10-spin", new JsonObject().put("misbehave", new JsonObject().put("on", "CreateContainer").put("how", "loop")))
        .plugin("90-record", new JsonObject());
    NriRuntime nri = start(fx.options().setRequestTimeout(Duration.ofMillis(1500))
        .setPluginRestart(RestartPolicy.ON_FAILURE).setPluginRestartBackoff(Duration.ofMillis(200)));
    await(nri.awaitPlugins(List.of("10-spin", "90-record"), WAIT));

    // No failure policy: NRI's default carries on without the plugin that timed out.
    CreateContainerResponse rsp = await(nri.request(PluginCall.CREATE_CONTAINER, create("app")));
    assertEquals(0, rsp.getAdjust().getAnnotationsCount());
    assertEquals("CreateContainer", fx.events("90-record").getLast());
    String closed = fx.output.await(m -> m.contains("10-spin"), Duration.ofSeconds(1));
    assertTrue(fx.events("10-spin").contains("CreateContainer"), closed);

    // Reloaded with a fresh instance; it loops again, and the runtime still answers.
    fx.output.await(m -> m.startsWith("plugin 10-spin: ") && m.contains("\"Configure\"")
        && fx.lines("10-spin").stream().filter(l -> l.getString("event").equals("Configure")).count() == 2, WAIT);
    await(nri.awaitPlugins(List.of("10-spin"), WAIT));
    await(nri.request(PluginCall.CREATE_CONTAINER, create("app2")));
    assertEquals(List.of("app", "app2"), fx.lines("90-record").stream()
        .filter(l -> "CreateContainer".equals(l.getString("event")))
        .map(l -> l.getJsonObject("container").getString("name")).toList());
  }

  @Test
  void aPanickingGuestFailsTheRequestWhenItsPolicySaysSoAndIsClosed() throws Exception {
    fx.plugin("10-panic", new JsonObject().put("failRequest", true)
        .put("misbehave", new JsonObject().put("on", "CreateContainer").put("how", "panic")));
    NriRuntime nri = start(fx.options());
    await(nri.awaitPlugins(List.of("10-panic"), WAIT));

    RuntimeException e = assertThrows(RuntimeException.class, () -> await(nri.request(PluginCall.CREATE_CONTAINER, create("app"))));
    assertTrue(e.getMessage().contains("plugin 10-panic failed to handle CreateContainer request"), e.getMessage());
    // A Go panic ends in an unreachable instruction once the runtime printed it.
    assertTrue(e.getMessage().contains("trapped in plugin_create_container"), e.getMessage());
    // The Go runtime's panic message reaches the log through the guest's stderr.
    fx.output.await(m -> m.startsWith("plugin 10-panic stderr: panic: wasmplugin: misbehaving"), WAIT);
    assertEquals(List.of(), await(nri.plugins()));
    // Without the plugin, events flow again.
    await(nri.request(PluginCall.CREATE_CONTAINER, create("app2")));
  }

  @Test
  void aGuestOutOfMemoryIsStoppedAtTheMemoryLimit() throws Exception {
    fx.plugin("10-hog", new JsonObject().put("misbehave", new JsonObject().put("on", "CreateContainer").put("how", "oom")));
    NriOptions options = fx.options();
    options.getWasm().setMemoryLimit(64L << 20);
    NriRuntime nri = start(options);
    await(nri.awaitPlugins(List.of("10-hog"), WAIT));

    await(nri.request(PluginCall.CREATE_CONTAINER, create("app")));
    fx.output.await(m -> m.contains("10-hog stderr: fatal error: out of memory")
        || m.contains("10-hog stderr: runtime: out of memory"), WAIT);
    assertFalse(await(nri.plugins()).contains("10-hog"));
  }

  @Test
  void aModuleThatIsNotAPluginIsRefusedWithItsNameAndTheRuntimeServes() throws Exception {
    java.nio.file.Path bad = fx.plugins.resolve("10-empty.wasm");
    java.nio.file.Files.write(bad, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    java.nio.file.Files.setPosixFilePermissions(bad, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    fx.plugin("90-record", new JsonObject());
    NriRuntime nri = start(fx.options());
    await(nri.awaitPlugins(List.of("90-record"), WAIT));
    assertEquals(List.of("90-record"), await(nri.plugins()));
  }
}
