package io.nrivertx.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Collects the records published on an audit address, in arrival order, from any Vert.x on the
 * bus (a clustered member too). Waiting methods poll from the test thread, never an event loop.
 */
public final class AuditTap {

  private final List<JsonObject> records = new CopyOnWriteArrayList<>();
  private final MessageConsumer<JsonObject> consumer;

  private AuditTap(Vertx vertx, String address) {
    consumer = vertx.eventBus().consumer(address, m -> records.add(m.body()));
  }

  /** Subscribes; completes once the subscription is registered (cluster-wide on a clustered bus). */
  public static Future<AuditTap> subscribe(Vertx vertx, String address) {
    AuditTap tap = new AuditTap(vertx, address);
    return tap.consumer.completion().map(tap);
  }

  public List<JsonObject> records() {
    return List.copyOf(records);
  }

  public static Predicate<JsonObject> plugin(String action) {
    return r -> "plugin".equals(r.getString("kind")) && action.equals(r.getString("action"));
  }

  public static Predicate<JsonObject> event(String event) {
    return r -> "event".equals(r.getString("kind")) && event.equals(r.getString("event"));
  }

  public static Predicate<JsonObject> kind(String kind) {
    return r -> kind.equals(r.getString("kind"));
  }

  /** The first record matching, waiting up to {@code timeout} for it. */
  public JsonObject await(Predicate<JsonObject> match, Duration timeout) {
    return Waiting.until(() -> records.stream().filter(match).findFirst().orElse(null), java.util.Objects::nonNull,
        timeout, none -> "no matching audit record within " + timeout + "; have " + records);
  }

  public Future<Void> close() {
    return consumer.unregister();
  }
}
