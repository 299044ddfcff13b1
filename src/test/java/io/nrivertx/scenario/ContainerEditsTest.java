package io.nrivertx.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.bus.ProtoJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerEditsTest {
  private static final Container BASE = read("""
      {"id": "c", "podSandboxId": "p", "name": "app",
       "annotations": {"keep": "1", "drop": "2", "change": "old"},
       "args": ["app", "--flag"],
       "env": ["A=1", "B=2", "C=3"],
       "mounts": [{"destination": "/a", "source": "/x"}, {"destination": "/b", "source": "/y"}],
       "rlimits": [{"type": "RLIMIT_NOFILE", "hard": "1024", "soft": "1024"}],
       "hooks": {"prestart": [{"path": "/bin/pre0"}]},
       "linux": {"resources": {"memory": {"limit": {"value": "100"}, "swap": {"value": "200"}},
                               "cpu": {"shares": {"value": "1024"}, "cpus": "0-1"}},
                 "sysctl": {"net.a": "1", "net.b": "2"},
                 "namespaces": [{"type": "network", "path": "/proc/1/ns/net"}]}}
      """, Container.newBuilder());

  @Test
  void emptyAdjustmentChangesNothing() {
    assertEquals(BASE, ContainerEdits.apply(BASE, ContainerAdjustment.getDefaultInstance()));
    // What NRI's merger actually sends when no plugin adjusted anything.
    assertEquals(BASE, ContainerEdits.apply(BASE, adjust("""
        {"hooks": {}, "linux": {"resources": {"memory": {}, "cpu": {}}, "rdt": {}}}""")));
  }

  @Test
  void annotationsAreSetAndRemoved() {
    Container c = ContainerEdits.apply(BASE, adjust("""
        {"annotations": {"-drop": "", "change": "new", "added": "x", "-absent": ""}}"""));
    assertEquals(Map.of("keep", "1", "change", "new", "added", "x"), c.getAnnotationsMap());
  }

  @Test
  void removalAndReAddOfOneKeyEndsSet() {
    Container c = ContainerEdits.apply(BASE, adjust("""
        {"annotations": {"change": "mine", "-change": ""}}"""));
    assertEquals("mine", c.getAnnotationsMap().get("change"));
  }

  @Test
  void netDeviceRemovalsComeFirstWhateverTheMapOrder() {
    // Found by ConformanceIT: the merged map held "eth1" before "-eth1"; the device must stay set.
    Container c = ContainerEdits.apply(BASE, adjust("""
        {"linux": {"netDevices": {"eth1": {"name": "net1"}, "-eth1": {}, "-eth9": {}}}}"""));
    assertEquals("net1", c.getLinux().getNetDevicesMap().get("eth1").getName());
    assertEquals(1, c.getLinux().getNetDevicesCount());
  }

  @Test
  void envIsReplacedInPlaceAppendedAndRemoved() {
    Container c = ContainerEdits.apply(BASE, adjust("""
        {"env": [{"key": "B", "value": "20"}, {"key": "-C"}, {"key": "D", "value": "4"}, {"key": "E", "value": "x=y"}]}"""));
    assertEquals(List.of("A=1", "B=20", "D=4", "E=x=y"), c.getEnvList());
  }

  @Test
  void mountsAreKeyedByDestination() {
    Container c = ContainerEdits.apply(BASE, adjust("""
        {"mounts": [{"destination": "-/a"}, {"destination": "/b", "source": "/z", "options": ["ro"]},
                    {"destination": "/c", "type": "tmpfs"}]}"""));
    assertEquals(List.of("/b", "/c"), c.getMountsList().stream().map(m -> m.getDestination()).toList());
    assertEquals("/z", c.getMounts(0).getSource());
    assertEquals(List.of("ro"), c.getMounts(0).getOptionsList());
  }

  @Test
  void argsReplaceAndTheOverrideMarkerIsDropped() {
    assertEquals(List.of("other"), ContainerEdits.apply(BASE, adjust("{\"args\": [\"other\"]}")).getArgsList());
    assertEquals(List.of("x", "y"), ContainerEdits.apply(BASE, adjust("{\"args\": [\"\", \"x\", \"y\"]}")).getArgsList());
    assertEquals(BASE.getArgsList(), ContainerEdits.apply(BASE, adjust("{\"args\": [\"\"]}")).getArgsList());
  }

  @Test
  void hooksAreAppendedRlimitsReplacedByType() {
    Container c = ContainerEdits.apply(BASE, adjust("""
        {"hooks": {"prestart": [{"path": "/bin/pre1"}], "poststop": [{"path": "/bin/post"}]},
         "rlimits": [{"type": "RLIMIT_NOFILE", "hard": "4096", "soft": "2048"}, {"type": "RLIMIT_NPROC", "hard": "10"}],
         "CDIDevices": [{"name": "vendor.com/gpu=0"}]}"""));
    assertEquals(List.of("/bin/pre0", "/bin/pre1"), c.getHooks().getPrestartList().stream().map(h -> h.getPath()).toList());
    assertEquals("/bin/post", c.getHooks().getPoststop(0).getPath());
    assertEquals(2, c.getRlimitsCount());
    assertEquals(4096, c.getRlimits(0).getHard());
    assertEquals("vendor.com/gpu=0", c.getCDIDevices(0).getName());
  }

  @Test
  void linuxResourcesSetOnlyWhatTheAdjustmentSets() {
    Container c = ContainerEdits.apply(BASE, adjust("""
        {"linux": {"resources": {"memory": {"limit": {"value": "536870912"}, "swappiness": {"value": "0"}},
                                 "cpu": {"cpus": "2-3"}, "unified": {"memory.high": "max"}},
                   "sysctl": {"-net.a": "", "net.c": "3"},
                   "namespaces": [{"type": "-network"}, {"type": "ipc"}],
                   "cgroupsPath": "/kubepods/x", "oomScoreAdj": {"value": "-500"}}}"""));
    LinuxResources r = c.getLinux().getResources();
    assertEquals(536870912, r.getMemory().getLimit().getValue());
    assertEquals(200, r.getMemory().getSwap().getValue(), "untouched field kept");
    assertEquals(true, r.getMemory().hasSwappiness(), "an Optional holding 0 is still set");
    assertEquals(1024, r.getCpu().getShares().getValue());
    assertEquals("2-3", r.getCpu().getCpus());
    assertEquals("max", r.getUnifiedMap().get("memory.high"));
    assertEquals(Map.of("net.b", "2", "net.c", "3"), c.getLinux().getSysctlMap());
    assertEquals(List.of("ipc"), c.getLinux().getNamespacesList().stream().map(n -> n.getType()).toList());
    assertEquals("/kubepods/x", c.getLinux().getCgroupsPath());
    assertEquals(-500, c.getLinux().getOomScoreAdj().getValue());
    assertFalse(c.getLinux().hasRdt());
  }

  @Test
  void resourceOverlayReplacesHugepagesByPageSize() {
    LinuxResources base = read("""
        {"hugepageLimits": [{"pageSize": "2MB", "limit": "10"}, {"pageSize": "1GB", "limit": "1"}],
         "pids": {"limit": "50"}}""", LinuxResources.newBuilder());
    LinuxResources out = ResourceEdits.overlay(base, read("""
        {"hugepageLimits": [{"pageSize": "2MB", "limit": "20"}], "blockioClass": {"value": "slow"}}""",
        LinuxResources.newBuilder()));
    assertEquals(List.of("1GB", "2MB"), out.getHugepageLimitsList().stream().map(h -> h.getPageSize()).toList());
    assertEquals(20, out.getHugepageLimits(1).getLimit());
    assertEquals("slow", out.getBlockioClass().getValue());
    assertEquals(50, out.getPids().getLimit());
  }

  private static ContainerAdjustment adjust(String json) {
    return read(json, ContainerAdjustment.newBuilder());
  }

  @SuppressWarnings("unchecked")
  private static <M extends Message> M read(String json, Message.Builder builder) {
    try {
      return (M) ProtoJson.merge(json, builder).build();
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
