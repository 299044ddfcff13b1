package io.nrivertx.ops.health;

import io.nrivertx.ops.health.impl.EventLoopsCheck;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import java.util.function.Supplier;

/**
 * The liveness and readiness checks of one nri-vertx process, served as {@code /healthz} and
 * {@code /readyz} (docs/operations.md). Liveness asks whether every event loop still runs tasks;
 * readiness is whatever the parts of the process register: the plugin socket, the CRI endpoint,
 * the relay's upstream connection, the required plugins. Each check has a name, a JSON
 * {@code data} object for the operator, and a deadline after which it counts as failed.
 */
public final class OpsHealth {
  /** A check that has not answered by then is reported as failed ("procedure timed out"). */
  public static final long CHECK_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final HealthChecks liveness;
  private final HealthChecks readiness;

  /** Without checks; {@link #watchEventLoops} adds liveness, {@link #ready} readiness checks. */
  public OpsHealth(Vertx vertx) {
    this.vertx = vertx;
    this.liveness = HealthChecks.create(vertx);
    this.readiness = HealthChecks.create(vertx);
  }

  /** Adds the liveness check {@code event-loops} over {@code eventLoops} event loops. */
  public Future<Void> watchEventLoops(int eventLoops) {
    return EventLoopsCheck.deploy(vertx, eventLoops).map(check -> {
      liveness.register("event-loops", CHECK_TIMEOUT_MS, check);
      return null;
    });
  }

  public HealthChecks liveness() {
    return liveness;
  }

  public HealthChecks readiness() {
    return readiness;
  }

  /**
   * Registers (or replaces) a readiness check: {@code check} completes with the check's data
   * when ready and fails with the reason when not; it is called on an event loop and must not
   * block.
   */
  public OpsHealth ready(String name, Supplier<Future<JsonObject>> check) {
    readiness.unregister(name);
    readiness.register(name, CHECK_TIMEOUT_MS, promise -> report(check, promise));
    return this;
  }

  public OpsHealth unready(String name) {
    readiness.unregister(name);
    return this;
  }

  private static void report(Supplier<Future<JsonObject>> check, Promise<Status> promise) {
    Future<JsonObject> result;
    try {
      result = check.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        promise.tryComplete(Status.OK(ar.result()));
      } else {
        String why = ar.cause().getMessage() != null ? ar.cause().getMessage() : ar.cause().toString();
        JsonObject data = ar.cause() instanceof NotReadyException nr ? nr.data().copy() : new JsonObject();
        promise.tryComplete(Status.KO(data.put("reason", why)));
      }
    });
  }
}
