package io.nrivertx.ops.impl;

import io.nrivertx.ops.OpsServer;
import io.nrivertx.ops.health.OpsHealth;
import io.nrivertx.ops.metrics.OpsMetrics;
import io.nrivertx.ops.metrics.PrometheusScrape;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/** {@link OpsServer} on a Vert.x HTTP server with a vertx-web router. */
public final class OpsServerImpl implements OpsServer {
  private final HttpServer server;
  private final String host;

  private OpsServerImpl(HttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  public static Future<OpsServer> start(Vertx vertx, String address, OpsMetrics metrics, OpsHealth health) {
    HostPort hp;
    try {
      hp = HostPort.parse(address);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Router router = Router.router(vertx);
    if (metrics != null) {
      router.get("/metrics").handler(new PrometheusScrape(metrics));
    }
    router.get("/healthz").handler(HealthCheckHandler.createWithHealthChecks(health.liveness()));
    router.get("/readyz").handler(HealthCheckHandler.createWithHealthChecks(health.readiness()));
    router.get("/").handler(rc -> rc.response().putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("nri-vertx operations endpoint: " + (metrics != null ? "/metrics, " : "") + "/healthz, /readyz\n"));
    // Scrapes and probes are not worth a trace each.
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(hp.host()).setPort(hp.port())
        .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE));
    return server.requestHandler(router).listen()
        .recover(err -> Future.failedFuture(new IllegalStateException("cannot serve the operations endpoint on "
            + address + ": " + describe(err), err)))
        .map(s -> new OpsServerImpl(s, hp.host()));
  }

  private static String describe(Throwable err) {
    String m = err.getMessage() == null ? err.toString() : err.getMessage();
    return m.contains("Address already in use") ? "address already in use" : m;
  }

  @Override
  public String address() {
    return HostPort.format(host, server.actualPort());
  }

  @Override
  public Future<Void> close() {
    return server.close();
  }
}
