package io.nrivertx.cri.impl;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.LinuxContainerAdjustment;
import io.nrivertx.api.LinuxDevice;
import io.nrivertx.api.LinuxDeviceCgroup;
import io.nrivertx.api.LinuxNamespace;
import io.nrivertx.api.LinuxRdt;
import io.nrivertx.api.LinuxScheduler;
import io.nrivertx.api.LinuxSeccomp;
import io.nrivertx.api.LinuxSyscall;
import io.nrivertx.api.OptionalInt64;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The Linux field families of an NRI adjustment, applied to an OCI spec (see {@link SpecAdjuster}). */
final class LinuxEdits {
  private LinuxEdits() {
  }

  private static LinuxContainerAdjustment linux(ContainerAdjustment a) {
    return a.getLinux();
  }

  static void devices(ContainerAdjustment a, JsonObject spec) {
    JsonObject linux = SpecJson.object(spec, "linux");
    for (LinuxDevice d : linux(a).getDevicesList()) {
      String path = SpecJson.marked(d.getPath()) ? SpecJson.unmarked(d.getPath()) : d.getPath();
      SpecJson.removeIf(linux, "devices", SpecJson.field("path", path));
      if (SpecJson.marked(d.getPath())) {
        continue;
      }
      JsonObject dev = new JsonObject().put("path", path).put("type", d.getType()).put("major", d.getMajor())
          .put("minor", d.getMinor());
      if (d.hasFileMode()) dev.put("fileMode", d.getFileMode().getValue());
      if (d.hasUid()) dev.put("uid", d.getUid().getValue());
      if (d.hasGid()) dev.put("gid", d.getGid().getValue());
      SpecJson.array(linux, "devices").add(dev);
      // An injected device must also be allowed by the device cgroup, as NRI's generator does.
      SpecJson.array(SpecJson.object(linux, "resources"), "devices").add(OciResources.deviceRule(
          LinuxDeviceCgroup.newBuilder().setAllow(true).setType(d.getType()).setAccess("rwm")
              .setMajor(OptionalInt64.newBuilder().setValue(d.getMajor()))
              .setMinor(OptionalInt64.newBuilder().setValue(d.getMinor())).build()));
    }
  }

  static void resources(ContainerAdjustment a, JsonObject spec) {
    if (linux(a).hasResources()) {
      OciResources.applyNri(linux(a).getResources(), spec);
    }
  }

  static void cgroupsPath(ContainerAdjustment a, JsonObject spec) {
    if (!linux(a).getCgroupsPath().isEmpty()) {
      SpecJson.object(spec, "linux").put("cgroupsPath", linux(a).getCgroupsPath());
    }
  }

  static void oomScoreAdj(ContainerAdjustment a, JsonObject spec) {
    if (linux(a).hasOomScoreAdj()) {
      SpecJson.object(spec, "process").put("oomScoreAdj", linux(a).getOomScoreAdj().getValue());
    }
  }

  static void ioPriority(ContainerAdjustment a, JsonObject spec) {
    if (linux(a).hasIoPriority()) {
      SpecJson.object(spec, "process").put("ioPriority", new JsonObject()
          .put("class", linux(a).getIoPriority().getClass_().name())
          .put("priority", linux(a).getIoPriority().getPriority()));
    }
  }

  static void seccomp(ContainerAdjustment a, JsonObject spec) {
    if (!linux(a).hasSeccompPolicy()) {
      return;
    }
    LinuxSeccomp s = linux(a).getSeccompPolicy();
    JsonObject out = new JsonObject().put("defaultAction", s.getDefaultAction());
    if (s.hasDefaultErrno()) out.put("defaultErrnoRet", s.getDefaultErrno().getValue());
    if (s.getArchitecturesCount() > 0) out.put("architectures", new JsonArray(List.copyOf(s.getArchitecturesList())));
    if (s.getFlagsCount() > 0) out.put("flags", new JsonArray(List.copyOf(s.getFlagsList())));
    if (!s.getListenerPath().isEmpty()) out.put("listenerPath", s.getListenerPath());
    if (!s.getListenerMetadata().isEmpty()) out.put("listenerMetadata", s.getListenerMetadata());
    JsonArray syscalls = new JsonArray();
    for (LinuxSyscall sc : s.getSyscallsList()) {
      JsonObject o = new JsonObject().put("names", new JsonArray(List.copyOf(sc.getNamesList())))
          .put("action", sc.getAction());
      if (sc.hasErrnoRet()) o.put("errnoRet", sc.getErrnoRet().getValue());
      JsonArray args = new JsonArray();
      sc.getArgsList().forEach(arg -> args.add(new JsonObject().put("index", arg.getIndex()).put("value", arg.getValue())
          .put("valueTwo", arg.getValueTwo()).put("op", arg.getOp())));
      if (!args.isEmpty()) o.put("args", args);
      syscalls.add(o);
    }
    if (!syscalls.isEmpty()) out.put("syscalls", syscalls);
    SpecJson.object(spec, "linux").put("seccomp", out);
  }

  static void namespaces(ContainerAdjustment a, JsonObject spec) {
    JsonObject linux = SpecJson.object(spec, "linux");
    for (LinuxNamespace ns : linux(a).getNamespacesList()) {
      String type = SpecJson.marked(ns.getType()) ? SpecJson.unmarked(ns.getType()) : ns.getType();
      SpecJson.removeIf(linux, "namespaces", SpecJson.field("type", type));
      if (!SpecJson.marked(ns.getType())) {
        JsonObject o = new JsonObject().put("type", type);
        if (!ns.getPath().isEmpty()) o.put("path", ns.getPath());
        SpecJson.array(linux, "namespaces").add(o);
      }
    }
  }

  static void sysctl(ContainerAdjustment a, JsonObject spec) {
    if (linux(a).getSysctlCount() == 0) {
      return;
    }
    JsonObject sysctl = SpecJson.object(SpecJson.object(spec, "linux"), "sysctl");
    linux(a).getSysctlMap().keySet().stream().filter(SpecJson::marked).forEach(k -> sysctl.remove(SpecJson.unmarked(k)));
    linux(a).getSysctlMap().forEach((k, v) -> {
      if (!SpecJson.marked(k)) sysctl.put(k, v);
    });
  }

  static void netDevices(ContainerAdjustment a, JsonObject spec) {
    if (linux(a).getNetDevicesCount() == 0) {
      return;
    }
    JsonObject devices = SpecJson.object(SpecJson.object(spec, "linux"), "netDevices");
    linux(a).getNetDevicesMap().forEach((host, dev) -> {
      if (SpecJson.marked(host)) {
        devices.remove(SpecJson.unmarked(host));
      } else {
        devices.put(host, new JsonObject().put("name", dev.getName()));
      }
    });
  }

  static void scheduler(ContainerAdjustment a, JsonObject spec) {
    if (!linux(a).hasScheduler()) {
      return;
    }
    LinuxScheduler s = linux(a).getScheduler();
    JsonObject o = new JsonObject().put("policy", s.getPolicy().name()).put("nice", s.getNice())
        .put("priority", s.getPriority()).put("runtime", s.getRuntime()).put("deadline", s.getDeadline())
        .put("period", s.getPeriod());
    if (s.getFlagsCount() > 0) {
      o.put("flags", new JsonArray(s.getFlagsList().stream().map(Enum::name).toList()));
    }
    SpecJson.object(spec, "process").put("scheduler", o);
  }

  static void rdt(ContainerAdjustment a, JsonObject spec) {
    if (!linux(a).hasRdt()) {
      return;
    }
    LinuxRdt r = linux(a).getRdt();
    JsonObject linux = SpecJson.object(spec, "linux");
    if (r.getRemove()) {
      linux.remove("intelRdt");
    }
    if (r.hasClosId()) SpecJson.object(linux, "intelRdt").put("closID", r.getClosId().getValue());
    if (r.hasSchemata()) SpecJson.object(linux, "intelRdt").put("schemata", new JsonArray(List.copyOf(r.getSchemata().getValueList())));
    if (r.hasEnableMonitoring()) SpecJson.object(linux, "intelRdt").put("enableMonitoring", r.getEnableMonitoring().getValue());
  }

  static void memoryPolicy(ContainerAdjustment a, JsonObject spec) {
    if (linux(a).hasMemoryPolicy()) {
      var p = linux(a).getMemoryPolicy();
      JsonObject o = new JsonObject().put("mode", p.getMode().name()).put("nodes", p.getNodes());
      if (p.getFlagsCount() > 0) o.put("flags", new JsonArray(p.getFlagsList().stream().map(Enum::name).toList()));
      SpecJson.object(spec, "linux").put("memoryPolicy", o);
    }
  }
}
