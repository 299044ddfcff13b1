package io.nrivertx.relay;

import static io.nrivertx.relay.RelayRig.WAIT;
import static io.nrivertx.relay.RelayRig.container;
import static io.nrivertx.relay.RelayRig.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Field;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import io.nrivertx.validate.DefaultValidatorConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * relay.validateUpstream against the official Go adaptation (v0.12.5): the runtime's own
 * ValidateContainerAdjustment goes to the validators behind the relay (Go validators and the
 * default validator), who judge the runtime's final adjustment (a plugin connected to the
 * runtime directly included) with the real owners, once per creation; a rejection reaches the
 * runtime naming the validator behind the relay.
 */
class RelayValidationIT {
  private static final String HOOK = "{adjust: {hooks: {prestart: [{path: /bin/true}]}}}";

  private static CreateContainerRequest create(String id) {
    return CreateContainerRequest.newBuilder().setPod(pod("p1"))
        .setContainer(container(id, "p1", ContainerState.CONTAINER_CREATED)).build();
  }

  @Test
  void theValidatorsBehindTheRelayJudgeTheRuntimesFinalAdjustmentOnce() throws Exception {
    try (RelayRig rig = new RelayRig(Duration.ofSeconds(3))) {
      rig.startRuntime(List.of(pod("p1")), List.of());
      NriRuntime down = rig.startRelay(new NriOptions().setDefaultValidator(DefaultValidatorConfig.fromJson(
              new JsonObject().put("enable", true).put("rejectOCIHookAdjustment", true)
                  .put("requiredPlugins", new JsonArray().add("judge")))),
          new RelayOptions().setValidateUpstream(true));
      Files.writeString(rig.dir.resolve("up.yaml"), "ctr-uphook: " + HOOK + "\n\"*\": {adjust: {annotations: {up: \"yes\"}}}\n");
      Files.writeString(rig.dir.resolve("adj.yaml"), "ctr-downhook: " + HOOK + "\n\"*\": {adjust: {annotations: {down: \"yes\"}}}\n");
      Files.writeString(rig.dir.resolve("judge.yaml"), "ctr-bad: {validate: {reject: true, reason: \"no bad containers here\"}}\n");
      rig.upstreamPlugin(GoPeers.adjuster(), "60", "upadj", "-config", rig.dir.resolve("up.yaml").toString());
      rig.runtime().awaitRegistered(2, WAIT);
      rig.plugin(GoPeers.adjuster(), "10", "adj", "-config", rig.dir.resolve("adj.yaml").toString());
      rig.plugin(GoPeers.adjuster(), "20", "judge", "-config", rig.dir.resolve("judge.yaml").toString(),
          "-events", "ValidateContainerAdjustment");
      rig.plugin(GoPeers.recorder(), "30", "rec", "-events", "CreateContainer,ValidateContainerAdjustment");
      RuntimeFixture.await(down.awaitPlugins(List.of("10-adj", "20-judge", "30-rec"), WAIT));
      JsonLines rec = new JsonLines(rig.log("rec"));

      // Accepted: the validators saw both runtimes' changes, each owned by the plugin that made it.
      CreateContainerResponse ok = rig.runtime().call(PluginCall.CREATE_CONTAINER, create("good"));
      assertEquals("yes", ok.getAdjust().getAnnotationsMap().get("down"), ok.toString());
      assertEquals("yes", ok.getAdjust().getAnnotationsMap().get("up"), ok.toString());
      JsonObject seen = rec.awaitLine(JsonLines.isEvent("ValidateContainerAdjustment", "ctr-good"), WAIT)
          .getJsonObject("request");
      assertEquals(new JsonObject().put("down", "yes").put("up", "yes"),
          seen.getJsonObject("adjust").getJsonObject("annotations"), seen.encode());
      JsonObject annotationOwners = seen.getJsonObject("owners").getJsonObject("owners").getJsonObject("good")
          .getJsonObject("compound").getJsonObject(String.valueOf(Field.Annotations_VALUE)).getJsonObject("owners");
      assertEquals(new JsonObject().put("down", "10-adj").put("up", "60-upadj"), annotationOwners, seen.encode());
      List<String> plugins = seen.getJsonArray("plugins").stream()
          .map(p -> ((JsonObject) p).getString("index") + "-" + ((JsonObject) p).getString("name")).toList();
      assertTrue(plugins.containsAll(List.of("10-adj", "20-judge", "30-rec", "50-nri-vertx")), plugins.toString());

      // Rejected by a Go validator behind the relay: the runtime's error names it.
      String bad = refusal(rig, "bad");
      assertTrue(bad.contains("validator \"20-judge\" rejected container adjustment, reason: no bad containers here"),
          bad);
      // Rejected by the default validator behind the relay, for a change of a plugin behind the
      // relay and for one of a plugin beside it: each named as the owner.
      String downHook = refusal(rig, "downhook");
      assertTrue(downHook.contains("validator \"00-default-validator\"") && downHook.contains(
          "plugin \"10-adj\" attempted restricted OCI hook injection"), downHook);
      String upHook = refusal(rig, "uphook");
      assertTrue(upHook.contains("plugin \"60-upadj\" attempted restricted OCI hook injection"), upHook);

      // Once per creation: the relay's own CreateContainer did not validate as well.
      for (String name : List.of("ctr-good", "ctr-bad", "ctr-downhook", "ctr-uphook")) {
        assertEquals(1, rec.read().stream().filter(JsonLines.isEvent("ValidateContainerAdjustment", name)).count(),
            name + " validated once: " + rec.events("ValidateContainerAdjustment"));
      }
      assertEquals(1, rig.relay().upstreamSessions(), "the runtime never dropped the relay");
    }
  }

  private static String refusal(RelayRig rig, String id) {
    CompletionException e = assertThrows(CompletionException.class, () -> rig.runtime().request(
        PluginCall.CREATE_CONTAINER, create(id)).toCompletionStage().toCompletableFuture().join());
    return e.getCause().getMessage();
  }
}
