package io.nrivertx.conformance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A case cut down to what an old NRI release (v0.3.0, v0.6.1) knows, for the relay differential
 * against its adaptation. Without this, the plugins connected directly would not even register
 * (an old runtime refuses a subscription to events it does not know), and whatever the old
 * adaptation does not know would be dropped there but merged behind the relay. Removed:
 * <ul>
 *   <li>the events and steps of v0.10+ (UpdatePodSandbox, PostUpdatePodSandbox, validation:
 *       validators, verdicts, the default validator); recorders subscribe to events 1–11 at most;</li>
 *   <li>adjustment and resource fields the release's api.proto lacks (v0.3.0: annotations,
 *       mounts, env, hooks, linux devices, resources and cgroups path; v0.6.1 adds rlimits);</li>
 *   <li>the same resource fields in UpdateContainer steps;</li>
 *   <li>failure policies (v0.12.5), and {@code expect} blocks, written for v0.12 results.</li>
 * </ul>
 */
final class LegacyCases {
  private static final Set<String> NEW_EVENTS = Set.of("UpdatePodSandbox", "PostUpdatePodSandbox",
      PluginGen.VALIDATE);
  private static final List<String> OLD_EVENTS = List.of("RunPodSandbox", "StopPodSandbox", "RemovePodSandbox",
      "CreateContainer", "PostCreateContainer", "StartContainer", "PostStartContainer", "UpdateContainer",
      "PostUpdateContainer", "StopContainer", "RemoveContainer");
  /** Message → the protojson field names it has in v0.3.0. */
  private static final Map<String, Set<String>> FIELDS = Map.of(
      "adjust", Set.of("annotations", "mounts", "env", "hooks", "linux"),
      "linux", Set.of("devices", "resources", "cgroupsPath"),
      "resources", Set.of("memory", "cpu", "hugepageLimits", "blockioClass", "rdtClass", "unified", "devices"),
      "memory", Set.of("limit", "reservation", "swap", "kernel", "kernelTcp", "swappiness", "disableOomKiller",
          "useHierarchy"),
      "cpu", Set.of("shares", "quota", "period", "realtimeRuntime", "realtimePeriod", "cpus", "mems"));

  private LegacyCases() {
  }

  static ConformanceCase restrict(ConformanceCase c, String version) {
    boolean rlimits = !version.equals("v0.3.0");
    List<PluginSpec> plugins = new ArrayList<>();
    for (PluginSpec p : c.plugins()) {
      plugins.add(switch (p.kind()) {
        case PluginSpec.ADJUSTER -> new PluginSpec(p.kind(), p.idx(), p.name(), args(p.args(), false),
            adjusterConfig(p.config(), rlimits));
        case PluginSpec.RECORDER -> new PluginSpec(p.kind(), p.idx(), p.name(), args(p.args(), true), null);
        default -> p;
      });
    }
    JsonObject scenario = c.scenario().copy();
    JsonArray steps = new JsonArray();
    for (Object o : scenario.getJsonArray("steps", new JsonArray())) {
      JsonObject step = ((JsonObject) o).copy();
      if (!NEW_EVENTS.contains(step.getString("op"))) {
        step.remove("expect");
        if (step.getValue("linuxResources") instanceof JsonObject r) {
          step.put("linuxResources", keep("resources", r, false));
        }
        steps.add(step);
      }
    }
    scenario.put("steps", steps);
    return new ConformanceCase(c.name(), c.seed(), c.requestTimeout(), null, plugins, scenario);
  }

  /** Drops v0.10+ events from -events and -fail-on, and the failure-policy flags. */
  private static List<String> args(List<String> args, boolean recorder) {
    List<String> out = new ArrayList<>();
    boolean events = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "-fail-request", "-keep-connected" -> { }
        case "-events", "-fail-on", "-delay-on" -> {
          List<String> kept = new ArrayList<>();
          for (String e : args.get(++i).split(",")) {
            if (!NEW_EVENTS.contains(e.trim())) {
              kept.add(e.trim());
            }
          }
          if (!kept.isEmpty()) {
            out.add(a);
            out.add(String.join(",", kept));
            events |= a.equals("-events");
          } else if (a.equals("-events") && recorder) {
            out.addAll(List.of(a, "CreateContainer"));
            events = true;
          }
        }
        default -> out.add(a);
      }
    }
    if (recorder && !events) {
      // The recorder's default includes v0.10 events: name the old ones.
      out.addAll(List.of("-events", String.join(",", OLD_EVENTS)));
    }
    return out;
  }

  private static JsonObject adjusterConfig(JsonObject config, boolean rlimits) {
    JsonObject out = new JsonObject();
    for (String name : config.fieldNames()) {
      JsonObject e = config.getJsonObject(name).copy();
      e.remove("validate");
      if (e.getValue("adjust") instanceof JsonObject adjust) {
        e.put("adjust", keep("adjust", adjust, rlimits));
      }
      e.forEach(entry -> {
        if (entry.getValue() instanceof JsonObject reply && reply.getValue("update") instanceof JsonArray u) {
          reply.put("update", updates(u));
        }
      });
      if (e.getValue("update") instanceof JsonArray u) {
        e.put("update", updates(u));
      }
      out.put(name, e.isEmpty() ? new JsonObject().put("adjust", new JsonObject()) : e);
    }
    return out;
  }

  private static JsonArray updates(JsonArray updates) {
    JsonArray out = new JsonArray();
    for (Object o : updates) {
      JsonObject u = ((JsonObject) o).copy();
      if (u.getValue("linux") instanceof JsonObject linux && linux.getValue("resources") instanceof JsonObject r) {
        linux.put("resources", keep("resources", r, false));
      }
      out.add(u);
    }
    return out;
  }

  /** The fields of {@code message} (named by its field name) the old release knows, recursively. */
  private static JsonObject keep(String message, JsonObject value, boolean rlimits) {
    Set<String> known = FIELDS.get(message);
    JsonObject out = new JsonObject();
    for (String f : value.fieldNames()) {
      boolean ok = known == null || known.contains(f) || (rlimits && message.equals("adjust") && f.equals("rlimits"));
      if (!ok) {
        continue;
      }
      Object v = value.getValue(f);
      out.put(f, v instanceof JsonObject o && FIELDS.containsKey(f) ? keep(f, o, rlimits) : v);
    }
    return out;
  }
}
