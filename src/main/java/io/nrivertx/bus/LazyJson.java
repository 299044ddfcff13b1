package io.nrivertx.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A JSON record published on the event bus but built only when a consumer receives it. Audit
 * records are published for every event, and most deployments have no audit consumer: building
 * the record (proto3 JSON of the merged result included) was a tenth of an event's CPU time.
 * Consumers still receive a {@link JsonObject}, each its own copy, as with a plain one.
 *
 * <p>Only for a local event bus: a clustered node without nri-vertx could not decode this codec,
 * so {@link #publish} sends the built record there.
 *
 * <p>Thread-safety: the record is built once, by the first consumer to need it.
 */
public final class LazyJson {
  private final Supplier<JsonObject> build;
  private JsonObject built;

  private LazyJson(Supplier<JsonObject> build) {
    this.build = Objects.requireNonNull(build, "build");
  }

  /** Publishes the record {@code build} makes, building it only if someone receives it. */
  public static void publish(Vertx vertx, String address, Supplier<JsonObject> build) {
    if (vertx.isClustered()) {
      vertx.eventBus().publish(address, build.get());
      return;
    }
    vertx.eventBus().publish(address, new LazyJson(build), new DeliveryOptions().setCodecName(Codec.NAME));
  }

  /** Registers the codec on this Vert.x once; later calls (other runtimes in the JVM) are no-ops. */
  public static void ensureRegistered(Vertx vertx) {
    try {
      vertx.eventBus().registerCodec(new Codec());
    } catch (IllegalStateException alreadyRegistered) {
      // another nri-vertx instance registered it: the codec is stateless, share it
    }
  }

  synchronized JsonObject get() {
    if (built == null) {
      built = build.get();
    }
    return built;
  }

  /** Local delivery: a copy of the built record per consumer; on the wire: its JSON text. */
  static final class Codec implements MessageCodec<LazyJson, JsonObject> {
    static final String NAME = "nri-lazy-json";

    @Override
    public void encodeToWire(Buffer buffer, LazyJson record) {
      Buffer json = record.get().toBuffer();
      buffer.appendInt(json.length()).appendBuffer(json);
    }

    @Override
    public JsonObject decodeFromWire(int pos, Buffer buffer) {
      return new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + buffer.getInt(pos)));
    }

    @Override
    public JsonObject transform(LazyJson record) {
      return record.get().copy();
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
