package io.nrivertx.ops.metrics;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /metrics}: the registry as Prometheus text, rendered off the event loop. */
public final class PrometheusScrape implements Handler<RoutingContext> {
  static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  private final OpsMetrics metrics;

  public PrometheusScrape(OpsMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext rc) {
    // Rendering walks every meter: cheap here, but not something to do on an event loop.
    rc.vertx().executeBlocking(metrics::scrape, false).onComplete(ar -> {
      if (ar.succeeded()) {
        rc.response().putHeader("Content-Type", TEXT_FORMAT).end(ar.result());
      } else {
        rc.fail(ar.cause());
      }
    });
  }
}
