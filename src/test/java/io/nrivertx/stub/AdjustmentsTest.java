package io.nrivertx.stub;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.LinuxDevice;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdjustmentsTest {

  @Test
  void additionsAndRemovalMarkers() {
    ContainerAdjustment a = Adjustments.create()
        .removeAnnotation("owner").addAnnotation("owner", "me")
        .removeEnv("MODE").addEnv("MODE", "fast")
        .removeMount("/data").addBindMount("/srv", "/data", "rbind", "ro")
        .removeDevice("/dev/fuse").addDevice(LinuxDevice.newBuilder().setPath("/dev/kvm").setType("c").build())
        .setSysctl("net.core.somaxconn", "1024").removeSysctl("kernel.shm")
        .addCdiDevice("vendor.com/gpu=0").addRlimit("RLIMIT_NOFILE", 1024, 512)
        .setArgs(List.of("/bin/sh", "-c", "true"))
        .adjustment();
    assertEquals("", a.getAnnotationsMap().get("-owner"));
    assertEquals("me", a.getAnnotationsMap().get("owner"));
    assertEquals(List.of("-MODE", "MODE"), a.getEnvList().stream().map(kv -> kv.getKey()).toList());
    assertEquals("-/data", a.getMounts(0).getDestination());
    assertEquals(List.of("rbind", "ro"), a.getMounts(1).getOptionsList());
    assertEquals("bind", a.getMounts(1).getType());
    assertEquals(List.of("-/dev/fuse", "/dev/kvm"), a.getLinux().getDevicesList().stream().map(LinuxDevice::getPath).toList());
    assertEquals("1024", a.getLinux().getSysctlMap().get("net.core.somaxconn"));
    assertTrue(a.getLinux().getSysctlMap().containsKey("-kernel.shm"));
    assertEquals("vendor.com/gpu=0", a.getCDIDevices(0).getName());
    assertEquals(512, a.getRlimits(0).getSoft());
    assertEquals("-c", a.getArgs(1));
  }

  @Test
  void resourcesAreOptionalValues() {
    ContainerAdjustment a = Adjustments.create().setCpuShares(1024).setCpuQuota(50_000).setCpuPeriod(100_000)
        .setCpusetCpus("0-1").setCpusetMems("0").setMemoryLimit(1 << 28).setMemoryReservation(1 << 27)
        .setOomScoreAdj(-100).setCgroupsPath("/kubepods/x").adjustment();
    var res = a.getLinux().getResources();
    assertEquals(1024, res.getCpu().getShares().getValue());
    assertEquals(50_000, res.getCpu().getQuota().getValue());
    assertEquals("0-1", res.getCpu().getCpus());
    assertEquals(1 << 28, res.getMemory().getLimit().getValue());
    assertTrue(res.getMemory().hasReservation());
    assertFalse(res.getMemory().hasSwap(), "only what was set is present");
    assertEquals(-100, a.getLinux().getOomScoreAdj().getValue());
  }

  @Test
  void annotationsOnlyLeaveLinuxAbsent() {
    assertFalse(Adjustments.create().addAnnotation("a", "b").adjustment().hasLinux());
  }

  @Test
  void replyCarriesUpdatesAndEvictions() {
    ContainerUpdate u = Updates.of("other").setCpuShares(2).setMemoryLimit(1 << 20).ignoreFailure().build();
    CreateContainerResponse r = Adjustments.create().addEnv("A", "1").update(u).evict("old", "make room").reply();
    assertEquals("A", r.getAdjust().getEnv(0).getKey());
    assertEquals(u, r.getUpdate(0));
    assertTrue(r.getUpdate(0).getIgnoreFailure());
    assertEquals("make room", r.getEvict(0).getReason());
    assertEquals(2, u.getLinux().getResources().getCpu().getShares().getValue());
  }
}
