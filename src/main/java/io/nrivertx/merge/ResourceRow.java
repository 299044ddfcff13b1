package io.nrivertx.merge;

import io.nrivertx.api.Field;
import io.nrivertx.api.LinuxResources;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The single-valued Linux resources, one row each, in the order Go claims them. A row tells
 * whether a plugin set the value and copies it into a target. Creation and updates share rows.
 */
record ResourceRow(Field field, Predicate<LinuxResources> isSet,
                    BiConsumer<LinuxResources, LinuxResources.Builder> copy) {

  /** Memory then CPU: claimed before hugepages, unified and the rest. */
  static final List<ResourceRow> MEMORY_CPU = List.of(
      new ResourceRow(Field.MemLimit, r -> r.getMemory().hasLimit(),
          (r, t) -> t.getMemoryBuilder().setLimit(r.getMemory().getLimit())),
      new ResourceRow(Field.MemReservation, r -> r.getMemory().hasReservation(),
          (r, t) -> t.getMemoryBuilder().setReservation(r.getMemory().getReservation())),
      new ResourceRow(Field.MemSwapLimit, r -> r.getMemory().hasSwap(),
          (r, t) -> t.getMemoryBuilder().setSwap(r.getMemory().getSwap())),
      new ResourceRow(Field.MemKernelLimit, r -> r.getMemory().hasKernel(),
          (r, t) -> t.getMemoryBuilder().setKernel(r.getMemory().getKernel())),
      new ResourceRow(Field.MemTCPLimit, r -> r.getMemory().hasKernelTcp(),
          (r, t) -> t.getMemoryBuilder().setKernelTcp(r.getMemory().getKernelTcp())),
      new ResourceRow(Field.MemSwappiness, r -> r.getMemory().hasSwappiness(),
          (r, t) -> t.getMemoryBuilder().setSwappiness(r.getMemory().getSwappiness())),
      new ResourceRow(Field.MemDisableOomKiller, r -> r.getMemory().hasDisableOomKiller(),
          (r, t) -> t.getMemoryBuilder().setDisableOomKiller(r.getMemory().getDisableOomKiller())),
      new ResourceRow(Field.MemUseHierarchy, r -> r.getMemory().hasUseHierarchy(),
          (r, t) -> t.getMemoryBuilder().setUseHierarchy(r.getMemory().getUseHierarchy())),
      new ResourceRow(Field.CPUShares, r -> r.getCpu().hasShares(),
          (r, t) -> t.getCpuBuilder().setShares(r.getCpu().getShares())),
      new ResourceRow(Field.CPUQuota, r -> r.getCpu().hasQuota(),
          (r, t) -> t.getCpuBuilder().setQuota(r.getCpu().getQuota())),
      new ResourceRow(Field.CPUPeriod, r -> r.getCpu().hasPeriod(),
          (r, t) -> t.getCpuBuilder().setPeriod(r.getCpu().getPeriod())),
      new ResourceRow(Field.CPURealtimeRuntime, r -> r.getCpu().hasRealtimeRuntime(),
          (r, t) -> t.getCpuBuilder().setRealtimeRuntime(r.getCpu().getRealtimeRuntime())),
      new ResourceRow(Field.CPURealtimePeriod, r -> r.getCpu().hasRealtimePeriod(),
          (r, t) -> t.getCpuBuilder().setRealtimePeriod(r.getCpu().getRealtimePeriod())),
      // cpuset strings have no presence: Go treats "" as "not set".
      new ResourceRow(Field.CPUSetCPUs, r -> !r.getCpu().getCpus().isEmpty(),
          (r, t) -> t.getCpuBuilder().setCpus(r.getCpu().getCpus())),
      new ResourceRow(Field.CPUSetMems, r -> !r.getCpu().getMems().isEmpty(),
          (r, t) -> t.getCpuBuilder().setMems(r.getCpu().getMems())));

  /** The class names, claimed after unified. */
  static final List<ResourceRow> CLASSES = List.of(
      new ResourceRow(Field.BlockioClass, LinuxResources::hasBlockioClass,
          (r, t) -> t.setBlockioClass(r.getBlockioClass())),
      new ResourceRow(Field.RdtClass, LinuxResources::hasRdtClass,
          (r, t) -> t.setRdtClass(r.getRdtClass())));

  /** Claims and copies this row if the source sets it. */
  void apply(Ownership owners, String id, String plugin, LinuxResources src, List<LinuxResources.Builder> targets) {
    if (isSet.test(src)) {
      owners.claim(id, field, plugin);
      targets.forEach(t -> copy.accept(src, t));
    }
  }
}
