package io.nrivertx.ops.health;

import io.vertx.core.json.JsonObject;

/** A readiness check's "not ready", with the reason and whatever data helps the operator. */
public final class NotReadyException extends RuntimeException {
  private final transient JsonObject data;

  public NotReadyException(String reason, JsonObject data) {
    super(reason, null, false, false);
    this.data = data == null ? new JsonObject() : data.copy();
  }

  public NotReadyException(String reason) {
    this(reason, null);
  }

  public JsonObject data() {
    return data.copy();
  }
}
