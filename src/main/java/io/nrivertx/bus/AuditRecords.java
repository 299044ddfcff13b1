package io.nrivertx.bus;

import com.google.protobuf.Message;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.ValidateContainerAdjustmentResponse;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.plugin.PluginReply;
import io.nrivertx.runtime.LifecycleException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The JSON records published on the audit address. Field names are a stable, versioned contract
 * ("v": 1) that docs/eventbus.md lists; building every record here keeps that contract in one
 * place. A new field may be added within a version; renaming or removing one needs a new version.
 */
public final class AuditRecords {
  public static final int VERSION = 1;

  /** Values of "action" in plugin records, in the order a plugin's life goes through them. */
  public static final String REGISTERED = "registered";
  public static final String CONFIGURED = "configured";
  public static final String SYNCHRONIZED = "synchronized";
  public static final String CLOSED = "closed";
  public static final String REFUSED = "refused";
  public static final String TIMED_OUT = "timedOut";

  private AuditRecords() {
  }

  /**
   * One lifecycle event: every plugin call in call order (validators last, each with its
   * verdict), and the merged result or the error that failed the event with its kind.
   */
  public static JsonObject event(String event, String namespace, String podId, String containerId,
                                 List<? extends PluginReply<?>> calls, LifecycleException failure, Message result) {
    JsonArray plugins = new JsonArray();
    for (PluginReply<?> r : calls) {
      JsonObject call = new JsonObject()
          .put("plugin", r.plugin())
          .put("outcome", r.outcome().name().toLowerCase())
          .put("latencyMicros", r.latencyNanos() / 1000);
      if (r.error() != null) {
        call.put("error", r.error());
      }
      // Only validators answer with this type: their verdict is what an auditor looks for.
      if (r.response() instanceof ValidateContainerAdjustmentResponse v) {
        call.put("verdict", v.getReject() ? "rejected" : "accepted");
        if (v.getReject()) {
          call.put("reason", v.getReason());
        }
      }
      plugins.add(call);
    }
    JsonObject rec = header("event")
        .put("event", event)
        .put("namespace", namespace)
        .put("pod", podId)
        .put("container", containerId)
        .put("plugins", plugins)
        .put("ok", failure == null);
    if (failure != null) {
      rec.put("error", failure.getMessage());
      rec.put("errorKind", failure.kind().name().toLowerCase(java.util.Locale.ROOT));
    }
    if (result != null) {
      rec.put("result", ProtoJson.toJson(result));
    }
    return rec;
  }

  /** A plugin state change, one of the action constants above. */
  public static JsonObject plugin(String action, Plugin p, String detail) {
    JsonObject rec = header("plugin")
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

  /** Sources of "updateContainers" records: a plugin's unsolicited request, or its Synchronize reply. */
  public static final String UNSOLICITED = "UpdateContainers";
  public static final String SYNCHRONIZE = "Synchronize";

  /**
   * Container updates a plugin asked for outside any lifecycle event, once applied: which ones
   * the domains refused (those not marked ignore_failure).
   */
  public static JsonObject updateContainers(Plugin p, String source, List<ContainerUpdate> update,
                                            List<ContainerEviction> evict, List<ContainerUpdate> failed) {
    return header("updateContainers")
        .put("plugin", p.id())
        .put("source", source)
        .put("update", ProtoJson.toJson(update))
        .put("evict", ProtoJson.toJson(evict))
        .put("failed", new JsonArray(failed.stream().map(ContainerUpdate::getContainerId).toList()));
  }

  /** An eviction a plugin asked for in an event reply, as the owning domain carried it out. */
  public static JsonObject eviction(ContainerEviction eviction, String error) {
    JsonObject rec = header("eviction")
        .put("container", eviction.getContainerId())
        .put("reason", eviction.getReason())
        .put("ok", error == null);
    if (error != null) {
      rec.put("error", error);
    }
    return rec;
  }

  private static JsonObject header(String kind) {
    return new JsonObject().put("v", VERSION).put("kind", kind);
  }
}
