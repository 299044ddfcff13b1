package io.nrivertx.ops.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessChecksTest {
  private final Vertx vertx = Vertx.vertx();
  private final OpsHealth health = new OpsHealth(vertx);

  @TempDir
  Path dir;

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private JsonObject check(String name) throws Exception {
    CheckResult r = health.readiness().checkStatus(name).await(10, TimeUnit.SECONDS);
    return new JsonObject().put("up", r.getUp()).put("data", r.getStatus() == null ? new JsonObject()
        : r.getStatus().getData());
  }

  @Test
  void requiredPluginsMustBeRegisteredByNameOrByIndexAndName() throws Exception {
    AtomicReference<Future<List<String>>> admitted = new AtomicReference<>();
    AtomicReference<List<String>> required = new AtomicReference<>(List.of());
    health.ready("plugins", ReadinessChecks.pluginsOf(admitted::get, required::get));
    JsonObject before = check("plugins");
    assertFalse(before.getBoolean("up"));
    assertEquals("the NRI runtime has not started yet", before.getJsonObject("data").getString("reason"));

    admitted.set(Future.succeededFuture(List.of("10-policy", "50-logger")));
    JsonObject none = check("plugins");
    assertTrue(none.getBoolean("up"), none.encode());
    assertEquals(new JsonArray(List.of("10-policy", "50-logger")), none.getJsonObject("data").getJsonArray("registered"));

    required.set(List.of("policy", "10-policy", "90-guard"));
    JsonObject missing = check("plugins");
    assertFalse(missing.getBoolean("up"));
    assertEquals(new JsonArray(List.of("90-guard")), missing.getJsonObject("data").getJsonArray("missing"));
    assertEquals("required plugins not registered: 90-guard", missing.getJsonObject("data").getString("reason"));
  }

  @Test
  void theNriSocketMustStillBeASocket() throws Exception {
    AtomicReference<String> socket = new AtomicReference<>();
    health.ready("nri-socket", ReadinessChecks.nriSocketAt(vertx, socket::get));
    assertFalse(check("nri-socket").getBoolean("up"));
    socket.set("");
    assertTrue(check("nri-socket").getBoolean("up"), "no socket at all (disableConnections) is fine");
    Path file = Files.writeString(dir.resolve("nri.sock"), "not a socket");
    socket.set(file.toString());
    JsonObject regular = check("nri-socket");
    assertFalse(regular.getBoolean("up"));
    assertTrue(regular.getJsonObject("data").getString("reason").contains("is gone"), regular.encode());
    socket.set(dir.resolve("missing.sock").toString());
    assertFalse(check("nri-socket").getBoolean("up"));
  }

  @Test
  void aThrowingCheckIsNotReadyWithItsMessage() throws Exception {
    health.ready("broken", () -> {
      throw new IllegalStateException("bug in a check");
    });
    JsonObject r = check("broken");
    assertFalse(r.getBoolean("up"));
    assertEquals("bug in a check", r.getJsonObject("data").getString("reason"));
  }
}
