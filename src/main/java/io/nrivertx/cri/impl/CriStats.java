package io.nrivertx.cri.impl;

import io.nrivertx.api.cri.ContainerAttributes;
import io.nrivertx.api.cri.ContainerStats;
import io.nrivertx.api.cri.ContainerStatsFilter;
import io.nrivertx.api.cri.CpuUsage;
import io.nrivertx.api.cri.FilesystemIdentifier;
import io.nrivertx.api.cri.FilesystemUsage;
import io.nrivertx.api.cri.LinuxPodSandboxStats;
import io.nrivertx.api.cri.MemoryUsage;
import io.nrivertx.api.cri.PodSandboxAttributes;
import io.nrivertx.api.cri.PodSandboxStats;
import io.nrivertx.api.cri.PodSandboxStatsFilter;
import io.nrivertx.api.cri.ProcessUsage;
import io.nrivertx.api.cri.SwapUsage;
import io.nrivertx.api.cri.UInt64Value;
import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.api.cri.state.PodRecord;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Stats of the simulated containers and pods, made up from their state so they are stable and
 * plausible: a running process uses 1 % of a core and 8 MiB (capped by its memory limit); an
 * exited one nothing. Every figure carries the time it was taken, as the kubelet expects.
 * Runs on the state context.
 */
final class CriStats {
  static final long NANO_CORES = 10_000_000;
  static final long WORKING_SET = 8L << 20;
  private final CriStore store;

  CriStats(CriStore store) {
    this.store = store;
  }

  ContainerStats container(ContainerRecord c) {
    long now = Clock.nanos();
    boolean running = c.getState() == io.nrivertx.api.cri.ContainerState.CONTAINER_RUNNING;
    long ran = c.getStartedAt() == 0 ? 0 : (running ? now : c.getFinishedAt()) - c.getStartedAt();
    long limit = SpecJson.parse(c.getSpecJson()).getJsonObject("linux", new JsonObject())
        .getJsonObject("resources", new JsonObject()).getJsonObject("memory", new JsonObject()).getLong("limit", 0L);
    long used = running ? limit > 0 ? Math.min(limit, WORKING_SET) : WORKING_SET : 0;
    MemoryUsage.Builder mem = MemoryUsage.newBuilder().setTimestamp(now).setWorkingSetBytes(u(used))
        .setUsageBytes(u(used)).setRssBytes(u(used)).setPageFaults(u(0)).setMajorPageFaults(u(0));
    if (limit > 0) {
      mem.setAvailableBytes(u(limit - used));
    }
    return ContainerStats.newBuilder()
        .setAttributes(ContainerAttributes.newBuilder().setId(c.getId()).setMetadata(c.getConfig().getMetadata())
            .putAllLabels(c.getConfig().getLabelsMap()).putAllAnnotations(c.getConfig().getAnnotationsMap()))
        .setCpu(CpuUsage.newBuilder().setTimestamp(now).setUsageCoreNanoSeconds(u(Math.max(0, ran) / 100))
            .setUsageNanoCores(u(running ? NANO_CORES : 0)))
        .setMemory(mem)
        .setWritableLayer(FilesystemUsage.newBuilder().setTimestamp(now)
            .setFsId(FilesystemIdentifier.newBuilder().setMountpoint("/var/lib/nri-vertx/snapshots"))
            .setUsedBytes(u(4096)).setInodesUsed(u(1)))
        .setSwap(SwapUsage.newBuilder().setTimestamp(now).setSwapUsageBytes(u(0)))
        .build();
  }

  List<ContainerStats> containers(ContainerStatsFilter f) {
    return store.containers().stream()
        .filter(c -> f.getId().isEmpty() || c.getId().startsWith(f.getId()))
        .filter(c -> f.getPodSandboxId().isEmpty() || c.getPodId().startsWith(f.getPodSandboxId()))
        .filter(c -> matches(c.getConfig().getLabelsMap(), f.getLabelSelectorMap()))
        .map(this::container).toList();
  }

  PodSandboxStats pod(PodRecord p) {
    long now = Clock.nanos();
    List<ContainerStats> cs = store.containers().stream().filter(c -> c.getPodId().equals(p.getId()))
        .map(this::container).toList();
    long cpu = cs.stream().mapToLong(s -> s.getCpu().getUsageCoreNanoSeconds().getValue()).sum();
    long cores = cs.stream().mapToLong(s -> s.getCpu().getUsageNanoCores().getValue()).sum();
    long mem = cs.stream().mapToLong(s -> s.getMemory().getWorkingSetBytes().getValue()).sum();
    long procs = cs.stream().filter(s -> s.getCpu().getUsageNanoCores().getValue() > 0).count();
    return PodSandboxStats.newBuilder()
        .setAttributes(PodSandboxAttributes.newBuilder().setId(p.getId()).setMetadata(p.getConfig().getMetadata())
            .putAllLabels(p.getConfig().getLabelsMap()).putAllAnnotations(p.getConfig().getAnnotationsMap()))
        .setLinux(LinuxPodSandboxStats.newBuilder()
            .setCpu(CpuUsage.newBuilder().setTimestamp(now).setUsageCoreNanoSeconds(u(cpu)).setUsageNanoCores(u(cores)))
            .setMemory(MemoryUsage.newBuilder().setTimestamp(now).setWorkingSetBytes(u(mem)).setUsageBytes(u(mem))
                .setRssBytes(u(mem)))
            .setProcess(ProcessUsage.newBuilder().setTimestamp(now).setProcessCount(u(procs)))
            .addAllContainers(cs))
        .build();
  }

  List<PodSandboxStats> pods(PodSandboxStatsFilter f) {
    return store.pods().stream()
        .filter(p -> f.getId().isEmpty() || p.getId().startsWith(f.getId()))
        .filter(p -> matches(p.getConfig().getLabelsMap(), f.getLabelSelectorMap()))
        .map(this::pod).toList();
  }

  private static boolean matches(Map<String, String> labels, Map<String, String> selector) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  private static UInt64Value u(long v) {
    return UInt64Value.newBuilder().setValue(v).build();
  }
}
