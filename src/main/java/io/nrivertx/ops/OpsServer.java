package io.nrivertx.ops;

import io.nrivertx.ops.health.OpsHealth;
import io.nrivertx.ops.impl.OpsServerImpl;
import io.nrivertx.ops.metrics.OpsMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The operations HTTP endpoint: {@code GET /metrics} (Prometheus text), {@code GET /healthz}
 * (liveness) and {@code GET /readyz} (readiness), 200 when every check passes and 503 with the
 * failing ones otherwise, as JSON (docs/operations.md). Plain HTTP on the configured address,
 * loopback by default: it reveals plugin names and counts but accepts no commands.
 */
public interface OpsServer {

  /** Listens on {@code address} ({@code host:port}, port 0 for any free one). */
  static Future<OpsServer> start(Vertx vertx, String address, OpsMetrics metrics, OpsHealth health) {
    return OpsServerImpl.start(vertx, address, metrics, health);
  }

  /** {@code host:port} actually listened on (the chosen port when 0 was asked for). */
  String address();

  /** {@code http://host:port}. */
  default String url() {
    return "http://" + address();
  }

  Future<Void> close();
}
