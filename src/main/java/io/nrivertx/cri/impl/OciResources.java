package io.nrivertx.cri.impl;

import io.nrivertx.api.HugepageLimit;
import io.nrivertx.api.LinuxCPU;
import io.nrivertx.api.LinuxDeviceCgroup;
import io.nrivertx.api.LinuxMemory;
import io.nrivertx.api.LinuxPids;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.OptionalBool;
import io.nrivertx.api.OptionalInt64;
import io.nrivertx.api.OptionalString;
import io.nrivertx.api.OptionalUInt64;
import io.nrivertx.api.cri.LinuxContainerResources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Container resources in their three shapes: CRI's {@code LinuxContainerResources} (what a client
 * asks for), the OCI spec's {@code linux.resources} (the single source of truth kept per
 * container) and NRI's {@code LinuxResources} (what plugins see and change). NRI's optional
 * fields map one to one onto OCI keys; an NRI value that is not set leaves the OCI key alone.
 */
public final class OciResources {
  // OCI has no key for NRI's class names: containerd turns them into settings from its own
  // configuration; the simulation keeps the names visible as annotations.
  static final String BLOCKIO_CLASS = "nri-vertx.io/blockio-class";
  static final String RDT_CLASS = "nri-vertx.io/rdt-class";

  private OciResources() {
  }

  /** CRI request → OCI, as containerd's spec options do (zero means "not set" in CRI). */
  public static void fromCri(LinuxContainerResources cri, JsonObject res) {
    JsonObject cpu = res.getJsonObject("cpu", new JsonObject());
    JsonObject mem = res.getJsonObject("memory", new JsonObject());
    putIfNonZero(cpu, "period", cri.getCpuPeriod());
    putIfNonZero(cpu, "quota", cri.getCpuQuota());
    putIfNonZero(cpu, "shares", cri.getCpuShares());
    putIfNonEmpty(cpu, "cpus", cri.getCpusetCpus());
    putIfNonEmpty(cpu, "mems", cri.getCpusetMems());
    putIfNonZero(mem, "limit", cri.getMemoryLimitInBytes());
    putIfNonZero(mem, "swap", cri.getMemorySwapLimitInBytes());
    putNonEmpty(res, "cpu", cpu);
    putNonEmpty(res, "memory", mem);
    if (cri.getHugepageLimitsCount() > 0) {
      JsonArray pages = new JsonArray();
      cri.getHugepageLimitsList().forEach(h -> pages.add(new JsonObject().put("pageSize", h.getPageSize())
          .put("limit", h.getLimit())));
      res.put("hugepageLimits", pages);
    }
    if (cri.getUnifiedCount() > 0) {
      res.put("unified", new JsonObject(new java.util.LinkedHashMap<>(cri.getUnifiedMap())));
    }
  }

  /** OCI → CRI, for ContainerStatus; {@code oomScoreAdj} comes from the process. */
  public static LinuxContainerResources toCri(JsonObject res, JsonObject process) {
    JsonObject cpu = res.getJsonObject("cpu", new JsonObject());
    JsonObject mem = res.getJsonObject("memory", new JsonObject());
    LinuxContainerResources.Builder b = LinuxContainerResources.newBuilder()
        .setCpuPeriod(cpu.getLong("period", 0L))
        .setCpuQuota(cpu.getLong("quota", 0L))
        .setCpuShares(cpu.getLong("shares", 0L))
        .setCpusetCpus(cpu.getString("cpus", ""))
        .setCpusetMems(cpu.getString("mems", ""))
        .setMemoryLimitInBytes(mem.getLong("limit", 0L))
        .setMemorySwapLimitInBytes(mem.getLong("swap", 0L))
        .setOomScoreAdj(process.getLong("oomScoreAdj", 0L));
    for (Object o : res.getJsonArray("hugepageLimits", new JsonArray())) {
      JsonObject h = (JsonObject) o;
      b.addHugepageLimits(io.nrivertx.api.cri.HugepageLimit.newBuilder().setPageSize(h.getString("pageSize"))
          .setLimit(h.getLong("limit", 0L)));
    }
    res.getJsonObject("unified", new JsonObject()).forEach(e -> b.putUnified(e.getKey(), String.valueOf(e.getValue())));
    return b.build();
  }

  /** OCI → NRI: what a plugin sees of a container's resources. */
  public static LinuxResources toNri(JsonObject res, JsonObject annotations) {
    JsonObject cpu = res.getJsonObject("cpu", new JsonObject());
    JsonObject mem = res.getJsonObject("memory", new JsonObject());
    LinuxMemory.Builder m = LinuxMemory.newBuilder();
    ifLong(mem, "limit", v -> m.setLimit(i64(v)));
    ifLong(mem, "reservation", v -> m.setReservation(i64(v)));
    ifLong(mem, "swap", v -> m.setSwap(i64(v)));
    ifLong(mem, "kernel", v -> m.setKernel(i64(v)));
    ifLong(mem, "kernelTCP", v -> m.setKernelTcp(i64(v)));
    ifLong(mem, "swappiness", v -> m.setSwappiness(u64(v)));
    if (mem.containsKey("disableOOMKiller")) {
      m.setDisableOomKiller(OptionalBool.newBuilder().setValue(mem.getBoolean("disableOOMKiller")));
    }
    if (mem.containsKey("useHierarchy")) {
      m.setUseHierarchy(OptionalBool.newBuilder().setValue(mem.getBoolean("useHierarchy")));
    }
    LinuxCPU.Builder c = LinuxCPU.newBuilder().setCpus(cpu.getString("cpus", "")).setMems(cpu.getString("mems", ""));
    ifLong(cpu, "shares", v -> c.setShares(u64(v)));
    ifLong(cpu, "quota", v -> c.setQuota(i64(v)));
    ifLong(cpu, "period", v -> c.setPeriod(u64(v)));
    ifLong(cpu, "realtimeRuntime", v -> c.setRealtimeRuntime(i64(v)));
    ifLong(cpu, "realtimePeriod", v -> c.setRealtimePeriod(u64(v)));
    LinuxResources.Builder r = LinuxResources.newBuilder().setMemory(m).setCpu(c);
    for (Object o : res.getJsonArray("hugepageLimits", new JsonArray())) {
      JsonObject h = (JsonObject) o;
      r.addHugepageLimits(HugepageLimit.newBuilder().setPageSize(h.getString("pageSize")).setLimit(h.getLong("limit", 0L)));
    }
    res.getJsonObject("unified", new JsonObject()).forEach(e -> r.putUnified(e.getKey(), String.valueOf(e.getValue())));
    for (Object o : res.getJsonArray("devices", new JsonArray())) {
      JsonObject d = (JsonObject) o;
      LinuxDeviceCgroup.Builder dev = LinuxDeviceCgroup.newBuilder().setAllow(d.getBoolean("allow", false))
          .setType(d.getString("type", "")).setAccess(d.getString("access", ""));
      ifLong(d, "major", v -> dev.setMajor(i64(v)));
      ifLong(d, "minor", v -> dev.setMinor(i64(v)));
      r.addDevices(dev);
    }
    if (res.getJsonObject("pids") != null) {
      r.setPids(LinuxPids.newBuilder().setLimit(res.getJsonObject("pids").getLong("limit", 0L)));
    }
    if (annotations.containsKey(BLOCKIO_CLASS)) {
      r.setBlockioClass(OptionalString.newBuilder().setValue(annotations.getString(BLOCKIO_CLASS)));
    }
    if (annotations.containsKey(RDT_CLASS)) {
      r.setRdtClass(OptionalString.newBuilder().setValue(annotations.getString(RDT_CLASS)));
    }
    return r.build();
  }

  /**
   * NRI → OCI: writes every field the NRI resources set (an adjustment or an update), leaving the
   * others as they are. Device cgroup rules are appended, as NRI does.
   */
  public static void applyNri(LinuxResources nri, JsonObject spec) {
    JsonObject linux = SpecJson.object(spec, "linux");
    JsonObject res = SpecJson.object(linux, "resources");
    if (nri.hasMemory()) {
      LinuxMemory m = nri.getMemory();
      JsonObject mem = res.getJsonObject("memory", new JsonObject());
      if (m.hasLimit()) mem.put("limit", m.getLimit().getValue());
      if (m.hasReservation()) mem.put("reservation", m.getReservation().getValue());
      if (m.hasSwap()) mem.put("swap", m.getSwap().getValue());
      if (m.hasKernel()) mem.put("kernel", m.getKernel().getValue());
      if (m.hasKernelTcp()) mem.put("kernelTCP", m.getKernelTcp().getValue());
      if (m.hasSwappiness()) mem.put("swappiness", m.getSwappiness().getValue());
      if (m.hasDisableOomKiller()) mem.put("disableOOMKiller", m.getDisableOomKiller().getValue());
      if (m.hasUseHierarchy()) mem.put("useHierarchy", m.getUseHierarchy().getValue());
      putNonEmpty(res, "memory", mem);
    }
    if (nri.hasCpu()) {
      LinuxCPU c = nri.getCpu();
      JsonObject cpu = res.getJsonObject("cpu", new JsonObject());
      if (c.hasShares()) cpu.put("shares", c.getShares().getValue());
      if (c.hasQuota()) cpu.put("quota", c.getQuota().getValue());
      if (c.hasPeriod()) cpu.put("period", c.getPeriod().getValue());
      if (c.hasRealtimeRuntime()) cpu.put("realtimeRuntime", c.getRealtimeRuntime().getValue());
      if (c.hasRealtimePeriod()) cpu.put("realtimePeriod", c.getRealtimePeriod().getValue());
      putIfNonEmpty(cpu, "cpus", c.getCpus());
      putIfNonEmpty(cpu, "mems", c.getMems());
      putNonEmpty(res, "cpu", cpu);
    }
    for (HugepageLimit h : nri.getHugepageLimitsList()) {
      SpecJson.removeIf(res, "hugepageLimits", SpecJson.field("pageSize", h.getPageSize()));
      SpecJson.array(res, "hugepageLimits").add(new JsonObject().put("pageSize", h.getPageSize()).put("limit", h.getLimit()));
    }
    nri.getUnifiedMap().forEach((k, v) -> SpecJson.object(res, "unified").put(k, v));
    for (LinuxDeviceCgroup d : nri.getDevicesList()) {
      SpecJson.array(res, "devices").add(deviceRule(d));
    }
    if (nri.hasPids()) {
      res.put("pids", new JsonObject().put("limit", nri.getPids().getLimit()));
    }
    if (nri.hasBlockioClass()) {
      SpecJson.object(spec, "annotations").put(BLOCKIO_CLASS, nri.getBlockioClass().getValue());
    }
    if (nri.hasRdtClass()) {
      SpecJson.object(spec, "annotations").put(RDT_CLASS, nri.getRdtClass().getValue());
    }
  }

  static JsonObject deviceRule(LinuxDeviceCgroup d) {
    JsonObject rule = new JsonObject().put("allow", d.getAllow());
    if (!d.getType().isEmpty()) rule.put("type", d.getType());
    if (d.hasMajor()) rule.put("major", d.getMajor().getValue());
    if (d.hasMinor()) rule.put("minor", d.getMinor().getValue());
    return rule.put("access", d.getAccess());
  }

  private static OptionalInt64 i64(long v) {
    return OptionalInt64.newBuilder().setValue(v).build();
  }

  private static OptionalUInt64 u64(long v) {
    return OptionalUInt64.newBuilder().setValue(v).build();
  }

  private static void ifLong(JsonObject o, String key, java.util.function.LongConsumer then) {
    if (o.getValue(key) instanceof Number n) {
      then.accept(n.longValue());
    }
  }

  private static void putIfNonZero(JsonObject o, String key, long v) {
    if (v != 0) o.put(key, v);
  }

  private static void putIfNonEmpty(JsonObject o, String key, String v) {
    if (!v.isEmpty()) o.put(key, v);
  }

  private static void putNonEmpty(JsonObject o, String key, JsonObject v) {
    if (!v.isEmpty()) o.put(key, v);
  }
}
