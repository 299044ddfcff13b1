package io.nrivertx.interop;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.service.PluginCall;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import io.nrivertx.validate.DefaultValidatorConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ValidateContainerAdjustment with official-stub validators and the builtin default validator. */
class ValidationIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static CreateContainerRequest create(RuntimeFixture rt, String ctr) {
    return CreateContainerRequest.newBuilder().setPod(rt.pod("p", "p"))
        .setContainer(rt.container(ctr, "p", "app", ContainerState.CONTAINER_UNKNOWN)).build();
  }

  @Test
  void goValidatorSeesPristineContainerMergedResultOwnersAndPluginsAndMayReject() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      Path config = rt.file("adjust.yaml");
      Files.writeString(config, "\"*\": {adjust: {annotations: {owner: adjuster}}}\n");
      Path judgeLog = rt.file("judge.jsonl");
      rt.plugin(GoPeers.adjuster(), "-idx", "10", "-config", config.toString());
      rt.plugin(GoPeers.recorder(), "-idx", "90", "-name", "judge", "-events", "ValidateContainerAdjustment",
          "-log-file", judgeLog.toString());
      rt.awaitPlugins(List.of("10-adjuster", "90-judge"));

      await(nri.request(PluginCall.CREATE_CONTAINER, create(rt, "c1")));
      JsonObject req = new JsonLines(judgeLog).awaitEvent("ValidateContainerAdjustment", WAIT).getJsonObject("request");
      JsonObject pristine = req.getJsonObject("container").getJsonObject("annotations", new JsonObject());
      assertFalse(pristine.containsKey("owner"), "the validator sees the container before any plugin changed it");
      assertEquals("adjuster", req.getJsonObject("adjust").getJsonObject("annotations").getString("owner"));
      assertEquals("10-adjuster", req.getJsonObject("owners").getJsonObject("owners").getJsonObject("c1")
          .getJsonObject("compound").getJsonObject("1").getJsonObject("owners").getString("owner"), req.encode());
      assertEquals(List.of("adjuster", "judge"), req.getJsonArray("plugins").stream()
          .map(o -> ((JsonObject) o).getString("name")).toList());
    }
  }

  @Test
  void rejectionFailsTheCreationWithNrisMessage() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      rt.plugin(GoPeers.recorder(), "-idx", "90", "-name", "judge", "-events", "ValidateContainerAdjustment",
          "-fail-on", "ValidateContainerAdjustment", "-log-file", rt.file("judge.jsonl").toString());
      rt.awaitPlugins(List.of("90-judge"));
      LifecycleException err = assertThrows(LifecycleException.class,
          () -> await(nri.request(PluginCall.CREATE_CONTAINER, create(rt, "c1"))));
      assertTrue(err.getMessage().startsWith("validator \"90-judge\" rejected container adjustment, reason: "),
          err.getMessage());
    }
  }

  @Test
  void defaultValidatorEnforcesRequiredPlugins() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(new NriOptions().setDefaultValidator(new DefaultValidatorConfig(true, true, false,
          false, false, false, false, List.of("guard"), "")));
      assertEquals(List.of("00-default-validator"), await(nri.plugins()));
      LifecycleException err = assertThrows(LifecycleException.class,
          () -> await(nri.request(PluginCall.CREATE_CONTAINER, create(rt, "c1"))));
      assertEquals("validator \"00-default-validator\" rejected container adjustment, reason: "
          + "validation error: required plugin \"guard\" not present", err.getMessage());

      rt.plugin(GoPeers.recorder(), "-idx", "30", "-name", "guard", "-events", "RunPodSandbox",
          "-log-file", rt.file("guard.jsonl").toString());
      rt.awaitPlugins(List.of("30-guard"));
      assertNotNull(await(nri.request(PluginCall.CREATE_CONTAINER, create(rt, "c2"))));
    }
  }

  @Test
  void defaultValidatorRejectsHookInjection() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start(new NriOptions().setDefaultValidator(new DefaultValidatorConfig(true, true, false,
          false, false, false, false, List.of(), "")));
      Path config = rt.file("hook.yaml");
      Files.writeString(config, "\"*\": {adjust: {hooks: {prestart: [{path: /bin/true}]}}}\n");
      rt.plugin(GoPeers.adjuster(), "-idx", "10", "-name", "hooker", "-config", config.toString());
      rt.awaitPlugins(List.of("10-hooker"));
      LifecycleException err = assertThrows(LifecycleException.class,
          () -> await(nri.request(PluginCall.CREATE_CONTAINER, create(rt, "c1"))));
      assertTrue(err.getMessage().endsWith("validation error: plugin \"10-hooker\" attempted restricted OCI hook injection"),
          err.getMessage());
    }
  }
}
