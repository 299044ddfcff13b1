package io.nrivertx.cri.impl;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Hook;
import io.nrivertx.api.Hooks;
import io.nrivertx.api.KeyValue;
import io.nrivertx.api.Mount;
import io.nrivertx.api.POSIXRlimit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Applies a merged NRI adjustment to a container's OCI spec, as containerd's spec generator
 * does: one small edit per field family, run in table order, removal markers ("-key") first
 * within a family. The Linux-only families live in {@link LinuxEdits}.
 */
public final class SpecAdjuster {
  /** One field family: reads its part of the adjustment and edits the spec. */
  public record Edit(String family, BiConsumer<ContainerAdjustment, JsonObject> apply) {
  }

  public static final List<Edit> EDITS = List.of(
      new Edit("annotations", SpecAdjuster::annotations),
      new Edit("mounts", SpecAdjuster::mounts),
      new Edit("env", SpecAdjuster::env),
      new Edit("args", SpecAdjuster::args),
      new Edit("hooks", SpecAdjuster::hooks),
      new Edit("rlimits", SpecAdjuster::rlimits),
      new Edit("devices", LinuxEdits::devices),
      new Edit("resources", LinuxEdits::resources),
      new Edit("cgroupsPath", LinuxEdits::cgroupsPath),
      new Edit("oomScoreAdj", LinuxEdits::oomScoreAdj),
      new Edit("ioPriority", LinuxEdits::ioPriority),
      new Edit("seccompPolicy", LinuxEdits::seccomp),
      new Edit("namespaces", LinuxEdits::namespaces),
      new Edit("sysctl", LinuxEdits::sysctl),
      new Edit("netDevices", LinuxEdits::netDevices),
      new Edit("scheduler", LinuxEdits::scheduler),
      new Edit("rdt", LinuxEdits::rdt),
      new Edit("memoryPolicy", LinuxEdits::memoryPolicy));

  private SpecAdjuster() {
  }

  /** Edits {@code spec} in place. CDI devices are not resolved (no CDI registry): see the record. */
  public static void apply(ContainerAdjustment adjust, JsonObject spec) {
    for (Edit e : EDITS) {
      e.apply().accept(adjust, spec);
    }
  }

  static void annotations(ContainerAdjustment a, JsonObject spec) {
    if (a.getAnnotationsCount() == 0) {
      return;
    }
    JsonObject annotations = SpecJson.object(spec, "annotations");
    a.getAnnotationsMap().keySet().stream().filter(SpecJson::marked)
        .forEach(k -> annotations.remove(SpecJson.unmarked(k)));
    a.getAnnotationsMap().forEach((k, v) -> {
      if (!SpecJson.marked(k)) {
        annotations.put(k, v);
      }
    });
  }

  static void mounts(ContainerAdjustment a, JsonObject spec) {
    if (a.getMountsCount() == 0) {
      return;
    }
    for (Mount m : a.getMountsList()) {
      String dest = SpecJson.marked(m.getDestination()) ? SpecJson.unmarked(m.getDestination()) : m.getDestination();
      SpecJson.removeIf(spec, "mounts", SpecJson.field("destination", dest));
    }
    JsonArray mounts = SpecJson.array(spec, "mounts");
    for (Mount m : a.getMountsList()) {
      if (!SpecJson.marked(m.getDestination())) {
        mounts.add(new JsonObject().put("destination", m.getDestination()).put("type", m.getType())
            .put("source", m.getSource()).put("options", new JsonArray(List.copyOf(m.getOptionsList()))));
      }
    }
    // Parents before children, as the runtime mounts them in order (stable for equal depth).
    List<Object> sorted = new java.util.ArrayList<>(SpecJson.list(mounts));
    sorted.sort(Comparator.comparingInt(o -> depth(SpecJson.asObject(o).getString("destination"))));
    spec.put("mounts", new JsonArray(sorted));
  }

  private static int depth(String path) {
    return java.nio.file.Path.of(path).normalize().getNameCount();
  }

  static void env(ContainerAdjustment a, JsonObject spec) {
    if (a.getEnvCount() == 0) {
      return;
    }
    JsonObject process = SpecJson.object(spec, "process");
    for (KeyValue kv : a.getEnvList()) {
      String name = SpecJson.marked(kv.getKey()) ? SpecJson.unmarked(kv.getKey()) : kv.getKey();
      JsonArray env = SpecJson.array(process, "env");
      int at = -1;
      for (int i = 0; i < env.size(); i++) {
        if (env.getString(i).equals(name) || env.getString(i).startsWith(name + "=")) {
          at = i;
          break;
        }
      }
      if (SpecJson.marked(kv.getKey())) {
        SpecJson.removeIf(process, "env", o -> o.equals(name) || o.toString().startsWith(name + "="));
      } else if (at >= 0) {
        env.set(at, kv.getKey() + "=" + kv.getValue());
      } else {
        env.add(kv.getKey() + "=" + kv.getValue());
      }
    }
  }

  static void args(ContainerAdjustment a, JsonObject spec) {
    List<String> args = a.getArgsList();
    if (!args.isEmpty() && args.get(0).isEmpty()) {
      args = args.subList(1, args.size()); // the "override even if set before" marker
    }
    if (!args.isEmpty()) {
      SpecJson.object(spec, "process").put("args", new JsonArray(List.copyOf(args)));
    }
  }

  static void hooks(ContainerAdjustment a, JsonObject spec) {
    if (!a.hasHooks()) {
      return;
    }
    Hooks h = a.getHooks();
    add(spec, "prestart", h.getPrestartList());
    add(spec, "createRuntime", h.getCreateRuntimeList());
    add(spec, "createContainer", h.getCreateContainerList());
    add(spec, "startContainer", h.getStartContainerList());
    add(spec, "poststart", h.getPoststartList());
    add(spec, "poststop", h.getPoststopList());
  }

  private static void add(JsonObject spec, String kind, List<Hook> hooks) {
    for (Hook hook : hooks) {
      JsonObject o = new JsonObject().put("path", hook.getPath());
      if (hook.getArgsCount() > 0) o.put("args", new JsonArray(List.copyOf(hook.getArgsList())));
      if (hook.getEnvCount() > 0) o.put("env", new JsonArray(List.copyOf(hook.getEnvList())));
      if (hook.hasTimeout()) o.put("timeout", hook.getTimeout().getValue());
      SpecJson.array(SpecJson.object(spec, "hooks"), kind).add(o);
    }
  }

  static void rlimits(ContainerAdjustment a, JsonObject spec) {
    JsonObject process = SpecJson.object(spec, "process");
    for (POSIXRlimit r : a.getRlimitsList()) {
      SpecJson.removeIf(process, "rlimits", SpecJson.field("type", r.getType()));
      SpecJson.array(process, "rlimits").add(new JsonObject().put("type", r.getType()).put("hard", r.getHard())
          .put("soft", r.getSoft()));
    }
  }
}
