package io.nrivertx.cri.impl;

import io.nrivertx.api.CDIDevice;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.Hook;
import io.nrivertx.api.Hooks;
import io.nrivertx.api.LinuxContainer;
import io.nrivertx.api.LinuxDevice;
import io.nrivertx.api.LinuxNamespace;
import io.nrivertx.api.LinuxPodSandbox;
import io.nrivertx.api.Mount;
import io.nrivertx.api.OptionalFileMode;
import io.nrivertx.api.OptionalInt;
import io.nrivertx.api.OptionalUInt32;
import io.nrivertx.api.POSIXRlimit;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.SecurityProfile;
import io.nrivertx.api.User;
import io.nrivertx.api.cri.LinuxContainerSecurityContext;
import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.api.cri.state.PodRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Pods and containers as NRI plugins see them, read from the CRI records and their OCI specs the
 * way containerd reads its own: args, env, mounts, hooks and Linux settings come from the spec,
 * so a plugin sees every earlier adjustment and update.
 */
public final class NriViews {
  private NriViews() {
  }

  public static PodSandbox pod(PodRecord p) {
    var cfg = p.getConfig();
    JsonObject spec = SpecJson.parse(p.getSpecJson());
    JsonObject linux = spec.getJsonObject("linux", new JsonObject());
    LinuxPodSandbox.Builder l = LinuxPodSandbox.newBuilder()
        .setCgroupParent(cfg.getLinux().getCgroupParent())
        .setCgroupsPath(linux.getString("cgroupsPath", ""))
        .setResources(OciResources.toNri(linux.getJsonObject("resources", new JsonObject()), new JsonObject()));
    if (cfg.getLinux().hasOverhead()) {
      l.setPodOverhead(OciResources.toNri(cri(cfg.getLinux().getOverhead()), new JsonObject()));
    }
    if (cfg.getLinux().hasResources()) {
      l.setPodResources(OciResources.toNri(cri(cfg.getLinux().getResources()), new JsonObject()));
    }
    // As containerd, a network namespace without a path, or one torn down after StopPodSandbox, is left out.
    namespaces(linux).stream().filter(n -> !n.getType().equals("network") || !n.getPath().isEmpty() && !p.getStopNotified())
        .forEach(l::addNamespaces);
    PodSandbox.Builder b = PodSandbox.newBuilder().setId(p.getId()).setName(cfg.getMetadata().getName())
        .setUid(cfg.getMetadata().getUid()).setNamespace(cfg.getMetadata().getNamespace())
        .putAllLabels(cfg.getLabelsMap()).putAllAnnotations(cfg.getAnnotationsMap())
        .setRuntimeHandler(p.getRuntimeHandler()).setLinux(l).setPid(p.getPid());
    if (!p.getIp().isEmpty()) {
      b.addIps(p.getIp());
    }
    return b.build();
  }

  private static JsonObject cri(io.nrivertx.api.cri.LinuxContainerResources r) {
    JsonObject res = new JsonObject();
    OciResources.fromCri(r, res);
    return res;
  }

  public static Container container(ContainerRecord c, JsonObject spec) {
    JsonObject process = spec.getJsonObject("process", new JsonObject());
    JsonObject linuxSpec = spec.getJsonObject("linux", new JsonObject());
    JsonObject annotations = spec.getJsonObject("annotations", new JsonObject());
    LinuxContainer.Builder linux = LinuxContainer.newBuilder()
        .setResources(OciResources.toNri(linuxSpec.getJsonObject("resources", new JsonObject()), annotations))
        .setCgroupsPath(linuxSpec.getString("cgroupsPath", ""));
    namespaces(linuxSpec).forEach(linux::addNamespaces);
    for (Object o : linuxSpec.getJsonArray("devices", new JsonArray())) {
      JsonObject d = SpecJson.asObject(o);
      LinuxDevice.Builder dev = LinuxDevice.newBuilder().setPath(d.getString("path")).setType(d.getString("type", ""))
          .setMajor(d.getLong("major", 0L)).setMinor(d.getLong("minor", 0L));
      if (d.containsKey("fileMode")) dev.setFileMode(OptionalFileMode.newBuilder().setValue(d.getInteger("fileMode")));
      if (d.containsKey("uid")) dev.setUid(OptionalUInt32.newBuilder().setValue(d.getInteger("uid")));
      if (d.containsKey("gid")) dev.setGid(OptionalUInt32.newBuilder().setValue(d.getInteger("gid")));
      linux.addDevices(dev);
    }
    if (process.containsKey("oomScoreAdj")) {
      linux.setOomScoreAdj(OptionalInt.newBuilder().setValue(process.getLong("oomScoreAdj")));
    }
    linuxSpec.getJsonObject("sysctl", new JsonObject()).forEach(e -> linux.putSysctl(e.getKey(), String.valueOf(e.getValue())));
    LinuxContainerSecurityContext sec = c.getConfig().getLinux().getSecurityContext();
    if (sec.hasSeccomp()) {
      linux.setSeccompProfile(SecurityProfile.newBuilder()
          .setProfileTypeValue(sec.getSeccomp().getProfileTypeValue()).setLocalhostRef(sec.getSeccomp().getLocalhostRef()));
    }
    Container.Builder b = Container.newBuilder().setId(c.getId()).setPodSandboxId(c.getPodId())
        .setName(c.getConfig().getMetadata().getName()).setState(state(c))
        .putAllLabels(c.getConfig().getLabelsMap()).setLinux(linux).setPid(c.getPid())
        .setCreatedAt(c.getCreatedAt()).setStartedAt(c.getStartedAt()).setFinishedAt(c.getFinishedAt())
        .setExitCode(c.getExitCode()).setStatusReason(c.getReason()).setStatusMessage(c.getMessage());
    annotations.forEach(e -> b.putAnnotations(e.getKey(), String.valueOf(e.getValue())));
    process.getJsonArray("args", new JsonArray()).forEach(a -> b.addArgs(String.valueOf(a)));
    process.getJsonArray("env", new JsonArray()).forEach(e -> b.addEnv(String.valueOf(e)));
    for (Object o : spec.getJsonArray("mounts", new JsonArray())) {
      JsonObject m = SpecJson.asObject(o);
      Mount.Builder mount = Mount.newBuilder().setDestination(m.getString("destination"))
          .setType(m.getString("type", "")).setSource(m.getString("source", ""));
      m.getJsonArray("options", new JsonArray()).forEach(opt -> mount.addOptions(String.valueOf(opt)));
      b.addMounts(mount);
    }
    b.setHooks(hooks(spec.getJsonObject("hooks", new JsonObject())));
    for (Object o : process.getJsonArray("rlimits", new JsonArray())) {
      JsonObject r = SpecJson.asObject(o);
      b.addRlimits(POSIXRlimit.newBuilder().setType(r.getString("type")).setHard(r.getLong("hard", 0L))
          .setSoft(r.getLong("soft", 0L)));
    }
    c.getCdiDevicesList().forEach(name -> b.addCDIDevices(CDIDevice.newBuilder().setName(name)));
    JsonObject user = process.getJsonObject("user", new JsonObject());
    User.Builder u = User.newBuilder().setUid(user.getInteger("uid", 0)).setGid(user.getInteger("gid", 0));
    user.getJsonArray("additionalGids", new JsonArray()).forEach(g -> u.addAdditionalGids(((Number) g).intValue()));
    return b.setUser(u).build();
  }

  static ContainerState state(ContainerRecord c) {
    return switch (c.getState()) {
      case CONTAINER_CREATED -> ContainerState.CONTAINER_CREATED;
      case CONTAINER_RUNNING -> ContainerState.CONTAINER_RUNNING;
      case CONTAINER_EXITED -> ContainerState.CONTAINER_STOPPED;
      default -> ContainerState.CONTAINER_UNKNOWN;
    };
  }

  private static java.util.List<LinuxNamespace> namespaces(JsonObject linux) {
    return linux.getJsonArray("namespaces", new JsonArray()).stream().map(SpecJson::asObject)
        .map(n -> LinuxNamespace.newBuilder().setType(n.getString("type")).setPath(n.getString("path", "")).build())
        .toList();
  }

  private static Hooks hooks(JsonObject hooks) {
    Hooks.Builder h = Hooks.newBuilder();
    hooks.getJsonArray("prestart", new JsonArray()).forEach(o -> h.addPrestart(hook(o)));
    hooks.getJsonArray("createRuntime", new JsonArray()).forEach(o -> h.addCreateRuntime(hook(o)));
    hooks.getJsonArray("createContainer", new JsonArray()).forEach(o -> h.addCreateContainer(hook(o)));
    hooks.getJsonArray("startContainer", new JsonArray()).forEach(o -> h.addStartContainer(hook(o)));
    hooks.getJsonArray("poststart", new JsonArray()).forEach(o -> h.addPoststart(hook(o)));
    hooks.getJsonArray("poststop", new JsonArray()).forEach(o -> h.addPoststop(hook(o)));
    return h.build();
  }

  private static Hook hook(Object o) {
    JsonObject j = SpecJson.asObject(o);
    Hook.Builder h = Hook.newBuilder().setPath(j.getString("path"));
    j.getJsonArray("args", new JsonArray()).forEach(a -> h.addArgs(String.valueOf(a)));
    j.getJsonArray("env", new JsonArray()).forEach(e -> h.addEnv(String.valueOf(e)));
    if (j.containsKey("timeout")) h.setTimeout(OptionalInt.newBuilder().setValue(j.getLong("timeout")));
    return h.build();
  }
}
