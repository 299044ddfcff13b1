package io.nrivertx.conformance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Random Go test plugins: adjusters answering CreateContainer, UpdateContainer, StopContainer and
 * validation per container name (adjustments, updates of other containers, evictions, errors,
 * verdicts), and recorders with random subscriptions and injected failures.
 */
final class PluginGen {
  static final List<String> EVENTS = List.of("RunPodSandbox", "UpdatePodSandbox", "PostUpdatePodSandbox",
      "StopPodSandbox", "RemovePodSandbox", "CreateContainer", "PostCreateContainer", "StartContainer",
      "PostStartContainer", "UpdateContainer", "PostUpdateContainer", "StopContainer", "RemoveContainer");
  static final String VALIDATE = "ValidateContainerAdjustment";

  private final Rand r;
  private final List<String> names;
  private final List<String> ids;
  private final AdjustmentGen adjustments;

  /**
   * @param names container names the scenario uses (adjuster configs are keyed by name)
   * @param ids   container ids the scenario knows, targets of updates and evictions
   */
  PluginGen(Rand r, List<String> names, List<String> ids) {
    this.r = r;
    this.names = names;
    this.ids = ids;
    this.adjustments = new AdjustmentGen(r);
  }

  PluginSpec adjuster(String idx, String name) {
    JsonObject config = new JsonObject();
    for (String n : names) {
      if (r.chance(0.55)) {
        config.put(n, entry());
      }
    }
    if (config.isEmpty() || r.chance(0.15)) {
      config.put("*", entry());
    }
    List<String> args = new ArrayList<>();
    if (r.chance(0.08)) {
      args.addAll(List.of("-events", VALIDATE)); // a validator that changes nothing
    }
    return new PluginSpec(PluginSpec.ADJUSTER, idx, name, args, config);
  }

  PluginSpec recorder(String idx, String name) {
    if (r.chance(0.12)) {
      // An old stub: its events are fixed, most of them arrive through StateChange.
      List<String> args = r.chance(0.2) ? List.of("-fail-on", r.pick("RunPodSandbox", "StartContainer",
          "RemoveContainer", "CreateContainer")) : List.of();
      return new PluginSpec(r.pick(PluginSpec.OLD_RECORDER, PluginSpec.V030_RECORDER), idx, name, args, null);
    }
    List<String> events = new ArrayList<>(r.some(EVENTS, 1, EVENTS.size()));
    if (r.chance(0.15)) {
      events.add(VALIDATE);
    }
    List<String> args = new ArrayList<>(List.of("-events", String.join(",", events)));
    if (r.chance(0.15)) {
      args.addAll(List.of("-fail-on", r.pick(events)));
    }
    return new PluginSpec(PluginSpec.RECORDER, idx, name, args, null);
  }

  private JsonObject entry() {
    JsonObject e = new JsonObject();
    if (r.chance(0.8)) {
      e.put("adjust", adjustments.adjustment());
    }
    if (r.chance(0.2)) {
      e.put("update", updates(0.03));
    }
    if (r.chance(0.1)) {
      e.put("evict", new JsonArray().add(new JsonObject().put("containerId", r.pick("@self", r.pick(ids)))
          .put("reason", "generated")));
    }
    if (r.chance(0.015)) {
      e.put("error", "adjuster refuses this container");
    }
    if (r.chance(0.3)) {
      JsonObject reply = new JsonObject().put("update", updates(0.6));
      if (r.chance(0.05)) {
        reply.put("error", "adjuster refuses the update");
      }
      e.put("updateContainer", reply);
    }
    if (r.chance(0.15)) {
      e.put("stopContainer", new JsonObject().put("update", updates(0.2)));
    }
    if (r.chance(0.15)) {
      e.put("validate", r.chance(0.1) ? new JsonObject().put("error", "validator is broken")
          : new JsonObject().put("reject", r.chance(0.35)).put("reason", r.pick("", "not allowed here")));
    }
    return e.isEmpty() ? new JsonObject().put("adjust", adjustments.adjustment()) : e;
  }

  /** One or two updates; {@code self} is the chance an update targets the request's container. */
  private JsonArray updates(double self) {
    JsonArray out = new JsonArray();
    int n = r.between(1, 2);
    for (int i = 0; i < n; i++) {
      String target = r.chance(self) ? "@self" : r.chance(0.1) ? "ghost" : r.pick(ids);
      JsonObject u = new JsonObject().put("containerId", target);
      if (r.chance(0.9)) {
        u.put("linux", new JsonObject().put("resources", ResourcesGen.resources(r, true)));
      }
      if (r.chance(0.3)) {
        u.put("ignoreFailure", true);
      }
      out.add(u);
    }
    return out;
  }
}
