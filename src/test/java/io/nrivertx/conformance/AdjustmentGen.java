package io.nrivertx.conformance;

import static io.nrivertx.conformance.Rand.strings;
import static io.nrivertx.conformance.Rand.value;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A random ContainerAdjustment (proto3 JSON) touching a few field families: every family of
 * ContainerAdjustment and LinuxContainerAdjustment can appear, with keys from small pools so that
 * plugins collide, and removal markers ("-key") including NRI's remove-then-set override.
 */
final class AdjustmentGen {
  private final Rand r;
  private final List<BiConsumer<JsonObject, JsonObject>> families = List.of(
      this::annotations, this::mounts, this::env, this::hooks, this::rlimits, this::cdi, this::args,
      this::devices, this::resources, this::cgroupsPath, this::oomScoreAdj, this::ioPriority, this::seccomp,
      this::namespaces, this::sysctl, this::netDevices, this::scheduler, this::rdt, this::memoryPolicy);

  AdjustmentGen(Rand r) {
    this.r = r;
  }

  JsonObject adjustment() {
    JsonObject adjust = new JsonObject();
    JsonObject linux = new JsonObject();
    for (BiConsumer<JsonObject, JsonObject> family : r.some(families, 1, 4)) {
      family.accept(adjust, linux);
    }
    if (!linux.isEmpty()) {
      adjust.put("linux", linux);
    }
    return adjust;
  }

  /**
   * Keys from a pool, some as removal markers, sometimes a key removed and set (the override),
   * rarely one key twice (a plugin conflicting with itself, for the list-valued families).
   */
  private List<String> keys(List<String> pool, int max) {
    List<String> out = new ArrayList<>();
    for (String k : r.some(pool, 1, max)) {
      if (r.chance(0.15)) {
        out.add("-" + k);
        if (r.chance(0.5)) {
          out.add(k);
        }
      } else {
        out.add(k);
      }
    }
    if (r.chance(0.04)) {
      out.add(out.getLast());
    }
    return out;
  }

  private void annotations(JsonObject a, JsonObject l) {
    JsonObject m = new JsonObject();
    keys(List.of("team", "tier", "owner"), 2).forEach(k -> m.put(k, k.startsWith("-") ? "" : r.pick("x", "y")));
    a.put("annotations", m);
  }

  private void mounts(JsonObject a, JsonObject l) {
    JsonArray out = new JsonArray();
    for (String dst : keys(List.of("/data", "/cache", "/run/x"), 2)) {
      JsonObject m = new JsonObject().put("destination", dst);
      if (!dst.startsWith("-")) {
        m.put("type", r.pick("bind", "tmpfs")).put("source", r.pick("/srv/a", "tmpfs"))
            .put("options", strings(r.some(List.of("rbind", "ro", "rw", "nosuid"), 0, 2)));
      }
      out.add(m);
    }
    a.put("mounts", out);
  }

  private void env(JsonObject a, JsonObject l) {
    JsonArray out = new JsonArray();
    keys(List.of("PATH", "MODE", "LEVEL"), 2).forEach(k -> out.add(k.startsWith("-")
        ? new JsonObject().put("key", k) : new JsonObject().put("key", k).put("value", r.pick("1", "on", ""))));
    a.put("env", out);
  }

  private void hooks(JsonObject a, JsonObject l) {
    JsonObject hooks = new JsonObject();
    for (String stage : r.some(List.of("prestart", "createRuntime", "createContainer", "startContainer",
        "poststart", "poststop"), 1, 2)) {
      JsonObject hook = new JsonObject().put("path", r.pick("/bin/hook-a", "/bin/hook-b"))
          .put("args", strings(List.of("hook", stage)));
      if (r.chance(0.3)) {
        hook.put("timeout", value(r.pick(5, 0)));
      }
      hooks.put(stage, new JsonArray().add(hook));
    }
    a.put("hooks", hooks);
  }

  private void rlimits(JsonObject a, JsonObject l) {
    JsonArray out = new JsonArray();
    for (String type : keys(List.of("RLIMIT_NOFILE", "RLIMIT_NPROC"), 2)) {
      if (type.startsWith("-")) {
        continue; // rlimits have no removal
      }
      out.add(new JsonObject().put("type", type).put("hard", r.pick("1024", "65536")).put("soft", r.pick("0", "1024")));
    }
    a.put("rlimits", out);
  }

  private void cdi(JsonObject a, JsonObject l) {
    JsonArray out = new JsonArray();
    keys(List.of("vendor.com/gpu=0", "vendor.com/gpu=1", "example.org/net=a"), 2).stream()
        .filter(n -> !n.startsWith("-")) // CDI devices have no removal
        .forEach(n -> out.add(new JsonObject().put("name", n)));
    a.put("CDIDevices", out);
  }

  private void args(JsonObject a, JsonObject l) {
    List<String> args = new ArrayList<>();
    if (r.chance(0.3)) {
      args.add(""); // UpdateArgs: override args another plugin set
    }
    if (args.isEmpty() || r.chance(0.9)) { // [""] alone: override with no args at all
      args.addAll(r.some(List.of("/bin/app", "--verbose", "-c", "run"), 1, 3));
    }
    a.put("args", strings(args));
  }

  private void devices(JsonObject a, JsonObject l) {
    JsonArray out = new JsonArray();
    for (String path : keys(List.of("/dev/fuse", "/dev/kvm"), 2)) {
      JsonObject d = new JsonObject().put("path", path);
      if (!path.startsWith("-")) {
        d.put("type", "c").put("major", r.pick("10", "1")).put("minor", r.pick("229", "232"));
        if (r.chance(0.4)) {
          d.put("fileMode", value(r.pick(438, 384))).put("uid", value(0)).put("gid", value(r.pick(0, 5)));
        }
      }
      out.add(d);
    }
    l.put("devices", out);
  }

  private void resources(JsonObject a, JsonObject l) {
    JsonObject res = ResourcesGen.resources(r, false);
    l.put("resources", res.isEmpty() ? new JsonObject().put("memory", ResourcesGen.memory(r)) : res);
  }

  private void cgroupsPath(JsonObject a, JsonObject l) {
    l.put("cgroupsPath", r.pick("/kubepods/a", "/kubepods/b"));
  }

  private void oomScoreAdj(JsonObject a, JsonObject l) {
    l.put("oomScoreAdj", value(r.pick(0, -500, 1000)));
  }

  private void ioPriority(JsonObject a, JsonObject l) {
    l.put("ioPriority", new JsonObject().put("class", r.pick("IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE"))
        .put("priority", r.pick(0, 4, 7)));
  }

  private void seccomp(JsonObject a, JsonObject l) {
    JsonObject s = new JsonObject().put("defaultAction", r.pick("SCMP_ACT_ERRNO", "SCMP_ACT_ALLOW"));
    if (r.chance(0.5)) {
      s.put("syscalls", new JsonArray().add(new JsonObject().put("names", strings(List.of("mkdir", "rmdir")))
          .put("action", "SCMP_ACT_ALLOW")));
    }
    l.put("seccompPolicy", s);
  }

  private void namespaces(JsonObject a, JsonObject l) {
    JsonArray out = new JsonArray();
    for (String type : keys(List.of("network", "ipc", "uts"), 2)) {
      JsonObject ns = new JsonObject().put("type", type);
      if (!type.startsWith("-") && r.chance(0.6)) {
        ns.put("path", "/proc/1/ns/" + type);
      }
      out.add(ns);
    }
    l.put("namespaces", out);
  }

  private void sysctl(JsonObject a, JsonObject l) {
    JsonObject m = new JsonObject();
    keys(List.of("net.core.somaxconn", "kernel.shm_rmid_forced"), 2)
        .forEach(k -> m.put(k, k.startsWith("-") ? "" : r.pick("1", "1024")));
    l.put("sysctl", m);
  }

  private void netDevices(JsonObject a, JsonObject l) {
    JsonObject m = new JsonObject();
    keys(List.of("eth1", "eth2"), 2).forEach(k -> m.put(k,
        k.startsWith("-") ? new JsonObject() : new JsonObject().put("name", r.pick("net0", "net1"))));
    l.put("netDevices", m);
  }

  private void scheduler(JsonObject a, JsonObject l) {
    JsonObject s = new JsonObject().put("policy", r.pick("SCHED_FIFO", "SCHED_RR", "SCHED_BATCH"))
        .put("priority", r.pick(0, 10)).put("nice", r.pick(0, -5));
    if (r.chance(0.3)) {
      s.put("flags", new JsonArray().add("SCHED_FLAG_RESET_ON_FORK"));
    }
    l.put("scheduler", s);
  }

  private void rdt(JsonObject a, JsonObject l) {
    JsonObject rdt = new JsonObject();
    if (r.chance(0.3)) {
      rdt.put("remove", true);
    }
    if (r.chance(0.6)) {
      rdt.put("closId", value(r.pick("gold", "bronze")));
    }
    if (r.chance(0.4)) {
      rdt.put("schemata", value(strings(List.of(r.pick("L3:0=ff", "MB:0=50")))));
    }
    if (r.chance(0.3)) {
      rdt.put("enableMonitoring", value(r.chance(0.5)));
    }
    l.put("rdt", rdt);
  }

  private void memoryPolicy(JsonObject a, JsonObject l) {
    JsonObject p = new JsonObject().put("mode", r.pick("MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_PREFERRED"))
        .put("nodes", r.pick("0", "0-1"));
    if (r.chance(0.3)) {
      p.put("flags", new JsonArray().add("MPOL_F_STATIC_NODES"));
    }
    l.put("memoryPolicy", p);
  }
}
