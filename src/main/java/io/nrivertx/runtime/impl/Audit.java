package io.nrivertx.runtime.impl;

import io.nrivertx.bus.LazyJson;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/** Publishes the instance's audit records (docs/eventbus.md) and tells the observer of each. */
final class Audit {
  private final Vertx vertx;
  private final String address;
  private final Observation observation;

  Audit(Vertx vertx, String address, Observation observation) {
    this.vertx = vertx;
    this.address = address;
    this.observation = observation;
    LazyJson.ensureRegistered(vertx);
  }

  void publish(JsonObject record) {
    vertx.eventBus().publish(address, record);
    observation.auditPublished(record.getString("kind"));
  }

  /** As {@link #publish}, building the record only when someone receives it (every event's record). */
  void publish(String kind, Supplier<JsonObject> record) {
    LazyJson.publish(vertx, address, record);
    observation.auditPublished(kind);
  }
}
