package io.nrivertx.merge;

import io.nrivertx.api.CDIDevice;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;
import io.nrivertx.api.HugepageLimit;
import io.nrivertx.api.KeyValue;
import io.nrivertx.api.LinuxContainerAdjustment;
import io.nrivertx.api.LinuxDevice;
import io.nrivertx.api.LinuxNetDevice;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.Mount;
import io.nrivertx.api.POSIXRlimit;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Test table row: how to set, remove and observe one key of a compound (per-key owned) family.
 * Values are strings; families whose entries carry no value of their own (CDI) report "*".
 *
 * @param adjust builds an adjustment from entries: a key starting with '-' is a removal
 * @param seed puts an entry into a request container (null: the family is not in the container)
 * @param inContainer values of the key in the container (null: not applied to the container)
 * @param inReply values of the key in the merged reply
 * @param markers how many removal entries for the key the reply holds
 */
record CompoundFamily(String name, Field field, String key, Removal removal,
                      Function<List<String[]>, ContainerAdjustment> adjust,
                      BiConsumer<Container.Builder, String[]> seed,
                      BiFunction<Container, String, List<String>> inContainer,
                      BiFunction<ContainerAdjustment, String, List<String>> inReply,
                      BiFunction<ContainerAdjustment, String, Long> markers) {

  enum Removal {
    /** "-k" only takes effect with "k" in the same reply; a lone removal is forwarded. */
    MAP,
    /** "-k" strips earlier plugins' entries and clears their ownership; lone removals forwarded. */
    LIST_FORWARDED,
    /** As LIST_FORWARDED, but a lone removal is not forwarded. */
    LIST_DROPPED,
    NONE
  }

  @Override
  public String toString() {
    return name;
  }

  ContainerAdjustment set(String k, String v) {
    return adjust.apply(List.<String[]>of(new String[] {k, v}));
  }

  ContainerAdjustment remove(String k) {
    return adjust.apply(List.<String[]>of(new String[] {"-" + k, ""}));
  }

  ContainerAdjustment removeAndSet(String k, String v) {
    return adjust.apply(List.of(new String[] {"-" + k, ""}, new String[] {k, v}));
  }

  private static LinuxContainerAdjustment.Builder linux(ContainerAdjustment.Builder a) {
    return a.getLinuxBuilder();
  }

  private static LinuxResources.Builder res(ContainerAdjustment.Builder a) {
    return a.getLinuxBuilder().getResourcesBuilder();
  }

  static ContainerAdjustment build(List<String[]> entries, BiConsumer<ContainerAdjustment.Builder, String[]> add) {
    ContainerAdjustment.Builder a = ContainerAdjustment.newBuilder();
    entries.forEach(e -> add.accept(a, e));
    return a.build();
  }

  static List<CompoundFamily> all() {
    return List.of(
        new CompoundFamily("annotations", Field.Annotations, "example.com/a", Removal.MAP,
            l -> build(l, (a, e) -> a.putAnnotations(e[0], e[1])),
            (c, e) -> c.putAnnotations(e[0], e[1]),
            (c, k) -> opt(c.getAnnotationsMap().get(k)),
            (a, k) -> opt(a.getAnnotationsMap().get(k)),
            (a, k) -> a.getAnnotationsMap().containsKey("-" + k) ? 1L : 0L),
        new CompoundFamily("mounts", Field.Mounts, "/data", Removal.LIST_FORWARDED,
            l -> build(l, (a, e) -> a.addMounts(mount(e))),
            (c, e) -> c.addMounts(mount(e)),
            (c, k) -> c.getMountsList().stream().filter(m -> m.getDestination().equals(k)).map(Mount::getSource).toList(),
            (a, k) -> a.getMountsList().stream().filter(m -> m.getDestination().equals(k)).map(Mount::getSource).toList(),
            (a, k) -> a.getMountsList().stream().filter(m -> m.getDestination().equals("-" + k)).count()),
        new CompoundFamily("env", Field.Env, "FOO", Removal.LIST_DROPPED,
            l -> build(l, (a, e) -> a.addEnv(KeyValue.newBuilder().setKey(e[0]).setValue(e[1]))),
            (c, e) -> c.addEnv(e[0] + "=" + e[1]),
            (c, k) -> c.getEnvList().stream().filter(s -> s.startsWith(k + "=")).map(s -> s.substring(k.length() + 1)).toList(),
            (a, k) -> a.getEnvList().stream().filter(kv -> kv.getKey().equals(k)).map(KeyValue::getValue).toList(),
            (a, k) -> a.getEnvList().stream().filter(kv -> kv.getKey().equals("-" + k)).count()),
        new CompoundFamily("devices", Field.Devices, "/dev/foo", Removal.LIST_DROPPED,
            l -> build(l, (a, e) -> linux(a).addDevices(device(e))),
            (c, e) -> c.getLinuxBuilder().addDevices(device(e)),
            (c, k) -> c.getLinux().getDevicesList().stream().filter(d -> d.getPath().equals(k)).map(LinuxDevice::getType).toList(),
            (a, k) -> a.getLinux().getDevicesList().stream().filter(d -> d.getPath().equals(k)).map(LinuxDevice::getType).toList(),
            (a, k) -> a.getLinux().getDevicesList().stream().filter(d -> d.getPath().equals("-" + k)).count()),
        new CompoundFamily("sysctl", Field.Sysctl, "net.core.somaxconn", Removal.MAP,
            l -> build(l, (a, e) -> linux(a).putSysctl(e[0], e[1])),
            (c, e) -> c.getLinuxBuilder().putSysctl(e[0], e[1]),
            (c, k) -> opt(c.getLinux().getSysctlMap().get(k)),
            (a, k) -> opt(a.getLinux().getSysctlMap().get(k)),
            (a, k) -> a.getLinux().getSysctlMap().containsKey("-" + k) ? 1L : 0L),
        new CompoundFamily("net devices", Field.LinuxNetDevices, "eth1", Removal.MAP,
            l -> build(l, (a, e) -> linux(a).putNetDevices(e[0], LinuxNetDevice.newBuilder().setName(e[1]).build())),
            (c, e) -> c.getLinuxBuilder().putNetDevices(e[0], LinuxNetDevice.newBuilder().setName(e[1]).build()),
            (c, k) -> opt(c.getLinux().getNetDevicesMap().get(k)).stream().map(LinuxNetDevice::getName).toList(),
            (a, k) -> opt(a.getLinux().getNetDevicesMap().get(k)).stream().map(LinuxNetDevice::getName).toList(),
            (a, k) -> a.getLinux().getNetDevicesMap().containsKey("-" + k) ? 1L : 0L),
        new CompoundFamily("rlimits", Field.Rlimits, "RLIMIT_NOFILE", Removal.NONE,
            l -> build(l, (a, e) -> a.addRlimits(rlimit(e))),
            (c, e) -> c.addRlimits(rlimit(e)),
            (c, k) -> c.getRlimitsList().stream().filter(r -> r.getType().equals(k)).map(r -> "" + r.getHard()).toList(),
            (a, k) -> a.getRlimitsList().stream().filter(r -> r.getType().equals(k)).map(r -> "" + r.getHard()).toList(),
            (a, k) -> 0L),
        new CompoundFamily("CDI devices", Field.CdiDevices, "vendor.com/gpu=0", Removal.NONE,
            l -> build(l, (a, e) -> a.addCDIDevices(CDIDevice.newBuilder().setName(e[0]))),
            null,
            null,
            (a, k) -> a.getCDIDevicesList().stream().filter(d -> d.getName().equals(k)).map(d -> "*").toList(),
            (a, k) -> 0L),
        new CompoundFamily("hugepage limits", Field.HugepageLimits, "2MB", Removal.NONE,
            l -> build(l, (a, e) -> res(a).addHugepageLimits(hugepage(e))),
            (c, e) -> c.getLinuxBuilder().getResourcesBuilder().addHugepageLimits(hugepage(e)),
            (c, k) -> c.getLinux().getResources().getHugepageLimitsList().stream()
                .filter(h -> h.getPageSize().equals(k)).map(h -> "" + h.getLimit()).toList(),
            (a, k) -> a.getLinux().getResources().getHugepageLimitsList().stream()
                .filter(h -> h.getPageSize().equals(k)).map(h -> "" + h.getLimit()).toList(),
            (a, k) -> 0L),
        new CompoundFamily("unified", Field.CgroupsUnified, "memory.high", Removal.NONE,
            l -> build(l, (a, e) -> res(a).putUnified(e[0], e[1])),
            (c, e) -> c.getLinuxBuilder().getResourcesBuilder().putUnified(e[0], e[1]),
            (c, k) -> opt(c.getLinux().getResources().getUnifiedMap().get(k)),
            (a, k) -> opt(a.getLinux().getResources().getUnifiedMap().get(k)),
            (a, k) -> 0L));
  }

  static <T> List<T> opt(T value) {
    return value == null ? List.of() : List.of(value);
  }

  static Mount mount(String[] e) {
    return Mount.newBuilder().setDestination(e[0]).setSource(e[1]).setType("bind").build();
  }

  static LinuxDevice device(String[] e) {
    return LinuxDevice.newBuilder().setPath(e[0]).setType(e[1]).build();
  }

  static POSIXRlimit rlimit(String[] e) {
    return POSIXRlimit.newBuilder().setType(e[0]).setHard(Long.parseLong(e[1])).setSoft(1).build();
  }

  static HugepageLimit hugepage(String[] e) {
    return HugepageLimit.newBuilder().setPageSize(e[0]).setLimit(Long.parseLong(e[1])).build();
  }
}
