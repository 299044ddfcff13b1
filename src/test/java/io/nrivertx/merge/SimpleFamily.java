package io.nrivertx.merge;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;
import io.nrivertx.api.IOPrioClass;
import io.nrivertx.api.LinuxContainerAdjustment;
import io.nrivertx.api.LinuxIOPriority;
import io.nrivertx.api.LinuxMemoryPolicy;
import io.nrivertx.api.LinuxPids;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.LinuxScheduler;
import io.nrivertx.api.LinuxSeccomp;
import io.nrivertx.api.MpolMode;
import io.nrivertx.api.OptionalBool;
import io.nrivertx.api.OptionalInt;
import io.nrivertx.api.OptionalInt64;
import io.nrivertx.api.OptionalRepeatedString;
import io.nrivertx.api.OptionalString;
import io.nrivertx.api.OptionalUInt64;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Test table row for a single-valued (simple) field.
 *
 * @param set writes value variant n (1, 2, ...) into an adjustment builder
 * @param fromAdjust reads the field from an adjustment (the plugin's or the merged reply)
 * @param fromContainer reads the same field from the container (null: not applied to it)
 */
record SimpleFamily(Field field, BiConsumer<ContainerAdjustment.Builder, Integer> set,
                    Function<ContainerAdjustment, Object> fromAdjust,
                    Function<Container, Object> fromContainer) {

  @Override
  public String toString() {
    return field.name();
  }

  ContainerAdjustment adjust(int n) {
    ContainerAdjustment.Builder a = ContainerAdjustment.newBuilder();
    set.accept(a, n);
    return a.build();
  }

  private static LinuxResources.Builder res(ContainerAdjustment.Builder a) {
    return a.getLinuxBuilder().getResourcesBuilder();
  }

  private static LinuxContainerAdjustment.Builder linux(ContainerAdjustment.Builder a) {
    return a.getLinuxBuilder();
  }

  private static SimpleFamily resource(Field f, BiConsumer<LinuxResources.Builder, Integer> set,
                                       Function<LinuxResources, Object> get) {
    return new SimpleFamily(f, (a, n) -> set.accept(res(a), n),
        a -> get.apply(a.getLinux().getResources()),
        c -> get.apply(c.getLinux().getResources()));
  }

  private static OptionalInt64 i64(int n) {
    return OptionalInt64.newBuilder().setValue(n * 1000L).build();
  }

  private static OptionalUInt64 u64(int n) {
    return OptionalUInt64.newBuilder().setValue(n * 10L).build();
  }

  // A value of 0 / false is still "set": presence, not the value, is what claims the field.
  private static OptionalBool bool(int n) {
    return OptionalBool.newBuilder().setValue(n % 2 == 1).build();
  }

  static List<SimpleFamily> all() {
    return List.of(
        resource(Field.MemLimit, (r, n) -> r.getMemoryBuilder().setLimit(i64(n)), r -> r.getMemory().getLimit()),
        resource(Field.MemReservation, (r, n) -> r.getMemoryBuilder().setReservation(i64(n)), r -> r.getMemory().getReservation()),
        resource(Field.MemSwapLimit, (r, n) -> r.getMemoryBuilder().setSwap(i64(n)), r -> r.getMemory().getSwap()),
        resource(Field.MemKernelLimit, (r, n) -> r.getMemoryBuilder().setKernel(i64(n)), r -> r.getMemory().getKernel()),
        resource(Field.MemTCPLimit, (r, n) -> r.getMemoryBuilder().setKernelTcp(i64(n)), r -> r.getMemory().getKernelTcp()),
        resource(Field.MemSwappiness, (r, n) -> r.getMemoryBuilder().setSwappiness(u64(n)), r -> r.getMemory().getSwappiness()),
        resource(Field.MemDisableOomKiller, (r, n) -> r.getMemoryBuilder().setDisableOomKiller(bool(n)),
            r -> r.getMemory().getDisableOomKiller()),
        resource(Field.MemUseHierarchy, (r, n) -> r.getMemoryBuilder().setUseHierarchy(bool(n)),
            r -> r.getMemory().getUseHierarchy()),
        resource(Field.CPUShares, (r, n) -> r.getCpuBuilder().setShares(u64(n)), r -> r.getCpu().getShares()),
        resource(Field.CPUQuota, (r, n) -> r.getCpuBuilder().setQuota(i64(n)), r -> r.getCpu().getQuota()),
        resource(Field.CPUPeriod, (r, n) -> r.getCpuBuilder().setPeriod(u64(n)), r -> r.getCpu().getPeriod()),
        resource(Field.CPURealtimeRuntime, (r, n) -> r.getCpuBuilder().setRealtimeRuntime(i64(n)),
            r -> r.getCpu().getRealtimeRuntime()),
        resource(Field.CPURealtimePeriod, (r, n) -> r.getCpuBuilder().setRealtimePeriod(u64(n)),
            r -> r.getCpu().getRealtimePeriod()),
        resource(Field.CPUSetCPUs, (r, n) -> r.getCpuBuilder().setCpus("0-" + n), r -> r.getCpu().getCpus()),
        resource(Field.CPUSetMems, (r, n) -> r.getCpuBuilder().setMems("0," + n), r -> r.getCpu().getMems()),
        resource(Field.PidsLimit, (r, n) -> r.setPids(LinuxPids.newBuilder().setLimit(n)), LinuxResources::getPids),
        resource(Field.BlockioClass, (r, n) -> r.setBlockioClass(OptionalString.newBuilder().setValue("io" + n)),
            LinuxResources::getBlockioClass),
        resource(Field.RdtClass, (r, n) -> r.setRdtClass(OptionalString.newBuilder().setValue("rdt" + n)),
            LinuxResources::getRdtClass),
        new SimpleFamily(Field.CgroupsPath, (a, n) -> linux(a).setCgroupsPath("/kubepods/" + n),
            a -> a.getLinux().getCgroupsPath(), c -> c.getLinux().getCgroupsPath()),
        new SimpleFamily(Field.OomScoreAdj, (a, n) -> linux(a).setOomScoreAdj(OptionalInt.newBuilder().setValue(n * 100)),
            a -> a.getLinux().getOomScoreAdj(), c -> c.getLinux().getOomScoreAdj()),
        new SimpleFamily(Field.IoPriority, (a, n) -> linux(a).setIoPriority(
                LinuxIOPriority.newBuilder().setClass_(IOPrioClass.IOPRIO_CLASS_BE).setPriority(n)),
            a -> a.getLinux().getIoPriority(), c -> c.getLinux().getIoPriority()),
        new SimpleFamily(Field.SeccompPolicy, (a, n) -> linux(a).setSeccompPolicy(
                LinuxSeccomp.newBuilder().setDefaultAction("SCMP_ACT_ERRNO" + n)),
            a -> a.getLinux().getSeccompPolicy(), c -> c.getLinux().getSeccompPolicy()),
        new SimpleFamily(Field.LinuxSched, (a, n) -> linux(a).setScheduler(LinuxScheduler.newBuilder().setNice(n)),
            a -> a.getLinux().getScheduler(), c -> c.getLinux().getScheduler()),
        new SimpleFamily(Field.MemoryPolicy, (a, n) -> linux(a).setMemoryPolicy(
                LinuxMemoryPolicy.newBuilder().setMode(MpolMode.MPOL_INTERLEAVE).setNodes("0-" + n)),
            a -> a.getLinux().getMemoryPolicy(), null),
        new SimpleFamily(Field.Args, (a, n) -> a.addAllArgs(List.of("/bin/sh", "-c", "v" + n)),
            ContainerAdjustment::getArgsList, Container::getArgsList),
        new SimpleFamily(Field.RdtClosID, (a, n) -> linux(a).getRdtBuilder().setClosId(OptionalString.newBuilder().setValue("c" + n)),
            a -> a.getLinux().getRdt().getClosId(), null),
        new SimpleFamily(Field.RdtSchemata, (a, n) -> linux(a).getRdtBuilder().setSchemata(
                OptionalRepeatedString.newBuilder().addValue("L3:0=" + n)),
            a -> a.getLinux().getRdt().getSchemata(), null),
        new SimpleFamily(Field.RdtEnableMonitoring, (a, n) -> linux(a).getRdtBuilder().setEnableMonitoring(bool(n)),
            a -> a.getLinux().getRdt().getEnableMonitoring(), null));
  }
}
