package io.nrivertx.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.ops.health.NotReadyException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint over real HTTP on loopback: /metrics, /healthz, /readyz, and a taken port. */
class OpsServerIT {
  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;

  @AfterEach
  void close() throws Exception {
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    http.close();
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private Ops start(String address, boolean mustServe) throws Exception {
    Ops ops = Ops.create(new MetricsOptions().setAddress(address));
    vertx = ops.vertxBuilder(new VertxOptions()).build();
    return ops.start(vertx, 2, mustServe).await(10, TimeUnit.SECONDS);
  }

  @Test
  void servesMetricsLivenessAndReadiness() throws Exception {
    Ops ops = start("127.0.0.1:0", true);
    AtomicBoolean socketUp = new AtomicBoolean();
    ops.health().ready("nri-socket", () -> socketUp.get() ? Future.succeededFuture(new JsonObject().put("socket", "/s"))
        : Future.failedFuture(new NotReadyException("not listening", new JsonObject().put("socket", "/s"))));
    String base = ops.server().url();
    assertTrue(base.matches("http://127\\.0\\.0\\.1:\\d+"), base);

    HttpResponse<String> notReady = get(base + "/readyz");
    assertEquals(503, notReady.statusCode());
    JsonObject body = new JsonObject(notReady.body());
    assertEquals("DOWN", body.getString("status"));
    JsonObject check = body.getJsonArray("checks").getJsonObject(0);
    assertEquals("nri-socket", check.getString("id"));
    assertEquals("not listening", check.getJsonObject("data").getString("reason"));
    assertEquals("/s", check.getJsonObject("data").getString("socket"));

    socketUp.set(true);
    HttpResponse<String> ready = get(base + "/readyz");
    assertEquals(200, ready.statusCode(), ready.body());
    assertEquals("UP", new JsonObject(ready.body()).getString("status"));

    HttpResponse<String> live = get(base + "/healthz");
    assertEquals(200, live.statusCode(), live.body());
    assertEquals("event-loops", new JsonObject(live.body()).getJsonArray("checks").getJsonObject(0).getString("id"));

    HttpResponse<String> metrics = get(base + "/metrics");
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    String text = metrics.body();
    assertTrue(text.contains("\n# TYPE nri_active_plugins_total gauge\nnri_active_plugins_total 0.0\n"), text);
    assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM metrics");
    assertTrue(text.contains("vertx_http_server_requests_total{"), "Vert.x's own metrics");
  }

  @Test
  void aTakenDefaultPortIsSkippedButAChosenOneFails() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + taken.getLocalPort();
      Ops skipped = start(address, false);
      assertNull(skipped.server(), "the default port was taken: no endpoint, but the process goes on");
      vertx.close().await(10, TimeUnit.SECONDS);
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> start(address, true));
      assertTrue(e.getMessage().contains("cannot serve the operations endpoint on " + address
          + ": address already in use"), e.getMessage());
    }
  }
}
