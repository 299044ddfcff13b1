package io.nrivertx.bus;

import com.google.protobuf.Message;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.plugin.PluginReply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The JSON records published on the audit address. Field names are a stable, versioned contract
 * ("v": 1); the README lists them.
 */
public final class AuditRecords {
  public static final int VERSION = 1;

  private AuditRecords() {
  }

  public static JsonObject event(String event, String podId, String containerId, List<? extends PluginReply<?>> calls,
                                 String error, Message result) {
    JsonArray plugins = new JsonArray();
    for (PluginReply<?> r : calls) {
      JsonObject call = new JsonObject()
          .put("plugin", r.plugin())
          .put("outcome", r.outcome().name().toLowerCase())
          .put("latencyMicros", r.latencyNanos() / 1000);
      if (r.error() != null) {
        call.put("error", r.error());
      }
      plugins.add(call);
    }
    JsonObject rec = new JsonObject()
        .put("v", VERSION)
        .put("kind", "event")
        .put("event", event)
        .put("pod", podId)
        .put("container", containerId)
        .put("plugins", plugins)
        .put("ok", error == null);
    if (error != null) {
      rec.put("error", error);
    }
    if (result != null) {
      rec.put("result", ProtoJson.toJson(result));
    }
    return rec;
  }

  /** A plugin state change: registered, configured, synchronized, closed, refused, timedOut. */
  public static JsonObject plugin(String action, Plugin p, String detail) {
    JsonObject rec = new JsonObject()
        .put("v", VERSION)
        .put("kind", "plugin")
        .put("action", action)
        .put("plugin", p.name() == null ? null : p.id())
        .put("transport", p.kind())
        .put("pid", p.peer().pid())
        .put("uid", p.peer().uid());
    if (detail != null) {
      rec.put("detail", detail);
    }
    return rec;
  }
}
