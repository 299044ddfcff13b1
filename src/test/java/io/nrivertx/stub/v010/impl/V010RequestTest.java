package io.nrivertx.stub.v010.impl;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.*;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request JSON v0.1 plugins read, compared with what NRI v0.1.0's Go types marshal to. */
class V010RequestTest {

  private static PodSandbox pod() {
    return PodSandbox.newBuilder().setId("pod1").setName("web").setNamespace("default").setPid(4242)
        .putLabels("app", "web").putLabels("tier", "a").putAnnotations("qos.class", "ls")
        .setLinux(LinuxPodSandbox.newBuilder().setCgroupsPath("/kubepods/pod1")
            .addNamespaces(LinuxNamespace.newBuilder().setType("network").setPath("/var/run/netns/cni-1"))
            .addNamespaces(LinuxNamespace.newBuilder().setType("ipc"))
            .setResources(LinuxResources.newBuilder()
                .setCpu(LinuxCPU.newBuilder().setShares(OptionalUInt64.newBuilder().setValue(1024))
                    .setQuota(OptionalInt64.newBuilder().setValue(50000)).setCpus("0-1"))
                .setMemory(LinuxMemory.newBuilder().setLimit(OptionalInt64.newBuilder().setValue(1 << 30)))))
        .build();
  }

  @Test
  void podRequestAsGoMarshalsIt() {
    String json = V010Request.forPod(V010Request.CREATE, pod()).toJson("0.1", new JsonObject().put("k", 1), List.of())
        .encode();
    assertEquals("{\"conf\":{\"k\":1},\"version\":\"0.1\",\"state\":\"create\",\"id\":\"pod1\",\"sandboxID\":\"pod1\","
        + "\"pid\":4242,\"spec\":{\"resources\":{\"memory\":{\"limit\":1073741824},"
        + "\"cpu\":{\"shares\":1024,\"quota\":50000,\"cpus\":\"0-1\"}},"
        + "\"namespaces\":{\"ipc\":\"\",\"network\":\"/var/run/netns/cni-1\"},\"cgroupsPath\":\"/kubepods/pod1\","
        + "\"annotations\":{\"qos.class\":\"ls\"}},\"labels\":{\"app\":\"web\",\"tier\":\"a\"}}", json);
  }

  @Test
  void containerRequestCarriesThePodsIdAndLabelsAndEarlierResults() {
    Container ctr = Container.newBuilder().setId("ctr1").setPodSandboxId("pod1").setName("nginx").setPid(77)
        .putAnnotations("b", "2").putAnnotations("a", "1")
        .setLinux(LinuxContainer.newBuilder().setCgroupsPath("/kubepods/pod1/ctr1")).build();
    V010Result earlier = new V010Result("first", "0.1", "", Map.of("z", "26", "a", "1"));
    JsonObject json = V010Request.forContainer(V010Request.DELETE, pod(), ctr).toJson("0.2", null, List.of(earlier));
    assertEquals("{\"version\":\"0.2\",\"state\":\"delete\",\"id\":\"ctr1\",\"sandboxID\":\"pod1\",\"pid\":77,"
        + "\"spec\":{\"resources\":null,\"cgroupsPath\":\"/kubepods/pod1/ctr1\",\"annotations\":{\"a\":\"1\",\"b\":\"2\"}},"
        + "\"labels\":{\"app\":\"web\",\"tier\":\"a\"},"
        + "\"results\":[{\"plugin\":\"first\",\"version\":\"0.1\",\"error\":\"\",\"metadata\":{\"a\":\"1\",\"z\":\"26\"}}]}",
        json.encode(), "no conf key without conf; resources null when the runtime sent none");
  }

  @Test
  void emptyFieldsAreLeftOutAsWithGosOmitempty() {
    PodSandbox bare = PodSandbox.newBuilder().setId("p").build();
    assertEquals("{\"version\":\"\",\"state\":\"create\",\"id\":\"p\",\"sandboxID\":\"p\",\"spec\":{\"resources\":null}}",
        V010Request.forPod(V010Request.CREATE, bare).toJson("", null, List.of()).encode());
  }

  @Test
  void ociResourcesUseTheRuntimeSpecNames() {
    LinuxResources r = LinuxResources.newBuilder()
        .addDevices(LinuxDeviceCgroup.newBuilder().setAllow(true).setType("c").setMajor(OptionalInt64.newBuilder()
            .setValue(1)).setAccess("rwm"))
        .setMemory(LinuxMemory.newBuilder().setReservation(OptionalInt64.newBuilder().setValue(1))
            .setSwap(OptionalInt64.newBuilder().setValue(2)).setKernelTcp(OptionalInt64.newBuilder().setValue(3))
            .setSwappiness(OptionalUInt64.newBuilder().setValue(60))
            .setDisableOomKiller(OptionalBool.newBuilder().setValue(true)))
        .setCpu(LinuxCPU.newBuilder().setPeriod(OptionalUInt64.newBuilder().setValue(-1))
            .setRealtimeRuntime(OptionalInt64.newBuilder().setValue(5)).setMems("0"))
        .setPids(LinuxPids.newBuilder().setLimit(-1))
        .addHugepageLimits(HugepageLimit.newBuilder().setPageSize("2MB").setLimit(4))
        .putUnified("memory.high", "max")
        .setBlockioClass(OptionalString.newBuilder().setValue("gold"))
        .build();
    assertEquals("{\"devices\":[{\"allow\":true,\"type\":\"c\",\"major\":1,\"access\":\"rwm\"}],"
        + "\"memory\":{\"reservation\":1,\"swap\":2,\"kernelTCP\":3,\"swappiness\":60,\"disableOOMKiller\":true},"
        + "\"cpu\":{\"period\":18446744073709551615,\"realtimeRuntime\":5,\"mems\":\"0\"},"
        + "\"pids\":{},\"hugepageLimits\":[{\"pageSize\":\"2MB\",\"limit\":4}],\"unified\":{\"memory.high\":\"max\"}}",
        OciResources.toOci(r, true).encode(), "uint64 printed unsigned; unlimited pids and the blockio class omitted");
    assertEquals("{\"memory\":{},\"cpu\":{}}", OciResources.toOci(LinuxResources.getDefaultInstance(), true).encode(),
        "NRI's conversion always has memory and cpu");
  }
}
