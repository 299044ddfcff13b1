package io.nrivertx.cri.impl;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.*;
import io.nrivertx.api.cri.ContainerConfig;
import io.nrivertx.api.cri.ContainerMetadata;
import io.nrivertx.api.cri.ImageSpec;
import io.nrivertx.api.cri.LinuxContainerConfig;
import io.nrivertx.api.cri.LinuxContainerResources;
import io.nrivertx.api.cri.PodSandboxConfig;
import io.nrivertx.api.cri.PodSandboxMetadata;
import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.api.cri.state.PodRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec generation from CRI requests and the application of every NRI adjustment family to it. */
class SpecAdjusterTest {
  static final PodRecord POD = PodRecord.newBuilder().setId("pod1").setPid(4242).setConfig(PodSandboxConfig.newBuilder()
      .setMetadata(PodSandboxMetadata.newBuilder().setName("web").setNamespace("default").setUid("u1"))
      .setLinux(io.nrivertx.api.cri.LinuxPodSandboxConfig.newBuilder().putSysctls("net.ipv4.ip_forward", "1"))).build();
  static final ContainerConfig CONFIG = ContainerConfig.newBuilder()
      .setMetadata(ContainerMetadata.newBuilder().setName("app")).setImage(ImageSpec.newBuilder().setImage("busybox"))
      .addCommand("/bin/app").addArgs("--flag")
      .addEnvs(io.nrivertx.api.cri.KeyValue.newBuilder().setKey("KEEP").setValue(com.google.protobuf.ByteString.copyFromUtf8("1")))
      .addEnvs(io.nrivertx.api.cri.KeyValue.newBuilder().setKey("DROP").setValue(com.google.protobuf.ByteString.copyFromUtf8("x")))
      .putAnnotations("keep", "a").putAnnotations("drop", "b")
      .addMounts(io.nrivertx.api.cri.Mount.newBuilder().setContainerPath("/old").setHostPath("/srv/old").setReadonly(true))
      .setLinux(LinuxContainerConfig.newBuilder().setResources(LinuxContainerResources.newBuilder()
          .setCpuShares(512).setMemoryLimitInBytes(1 << 30).setCpusetCpus("0-3"))).build();

  static JsonObject spec() {
    return SpecGenerator.container(POD, "ctr1", CONFIG, "busybox");
  }

  @Test
  void generatedSpecCarriesTheCriRequest() {
    JsonObject s = spec();
    assertEquals(List.of("/bin/app", "--flag"), s.getJsonObject("process").getJsonArray("args").getList());
    assertTrue(s.getJsonObject("process").getJsonArray("env").contains("KEEP=1"));
    assertEquals("pod1", s.getJsonObject("annotations").getString("io.kubernetes.cri.sandbox-id"));
    JsonObject res = s.getJsonObject("linux").getJsonObject("resources");
    assertEquals(512, res.getJsonObject("cpu").getLong("shares"));
    assertEquals(1L << 30, res.getJsonObject("memory").getLong("limit"));
    assertEquals("/proc/4242/ns/net", ns(s, "network").getString("path"));
    assertEquals("1", s.getJsonObject("linux").getJsonObject("sysctl").getString("net.ipv4.ip_forward"));
    JsonObject old = mount(s, "/old");
    assertEquals(List.of("rbind", "rprivate", "ro"), old.getJsonArray("options").getList());
    Container nri = NriViews.container(ContainerRecord.newBuilder().setId("ctr1").setPodId("pod1").setConfig(CONFIG).build(), s);
    assertEquals(512, nri.getLinux().getResources().getCpu().getShares().getValue());
    assertEquals("0-3", nri.getLinux().getResources().getCpu().getCpus());
    assertEquals(List.of("/bin/app", "--flag"), nri.getArgsList());
  }

  static Stream<Arguments> families() {
    return Stream.of(
        row("annotations", a -> a.putAnnotations("-drop", "").putAnnotations("added", "yes"), s -> {
          assertEquals("yes", s.getJsonObject("annotations").getString("added"));
          assertFalse(s.getJsonObject("annotations").containsKey("drop"));
          assertEquals("a", s.getJsonObject("annotations").getString("keep"));
        }),
        row("mounts", a -> a.addMounts(Mount.newBuilder().setDestination("-/old"))
            .addMounts(Mount.newBuilder().setDestination("/data").setSource("/srv").setType("bind").addOptions("rbind")), s -> {
          assertNull(mount(s, "/old"));
          assertEquals("/srv", mount(s, "/data").getString("source"));
        }),
        row("env", a -> a.addEnv(KeyValue.newBuilder().setKey("-DROP")).addEnv(KeyValue.newBuilder().setKey("KEEP").setValue("2"))
            .addEnv(KeyValue.newBuilder().setKey("NEW").setValue("n")), s -> {
          List<Object> env = s.getJsonObject("process").getJsonArray("env").getList();
          assertTrue(env.contains("KEEP=2") && env.contains("NEW=n") && !env.contains("KEEP=1"), env.toString());
          assertTrue(env.stream().noneMatch(e -> e.toString().startsWith("DROP=")), env.toString());
        }),
        row("args", a -> a.addArgs("").addArgs("/bin/other"), s ->
            assertEquals(List.of("/bin/other"), s.getJsonObject("process").getJsonArray("args").getList())),
        row("hooks", a -> a.setHooks(Hooks.newBuilder().addPrestart(Hook.newBuilder().setPath("/hook").addArgs("x"))
            .addPoststop(Hook.newBuilder().setPath("/after"))), s -> {
          assertEquals("/hook", s.getJsonObject("hooks").getJsonArray("prestart").getJsonObject(0).getString("path"));
          assertEquals("/after", s.getJsonObject("hooks").getJsonArray("poststop").getJsonObject(0).getString("path"));
        }),
        row("rlimits", a -> a.addRlimits(POSIXRlimit.newBuilder().setType("RLIMIT_NOFILE").setHard(1024).setSoft(512)), s ->
            assertEquals(512, s.getJsonObject("process").getJsonArray("rlimits").getJsonObject(0).getLong("soft"))),
        row("devices", a -> a.setLinux(LinuxContainerAdjustment.newBuilder().addDevices(LinuxDevice.newBuilder()
            .setPath("/dev/fuse").setType("c").setMajor(10).setMinor(229))), s -> {
          assertEquals("/dev/fuse", s.getJsonObject("linux").getJsonArray("devices").getJsonObject(0).getString("path"));
          JsonArray rules = s.getJsonObject("linux").getJsonObject("resources").getJsonArray("devices");
          assertEquals(229, rules.getJsonObject(rules.size() - 1).getLong("minor"));
        }),
        row("resources", a -> a.setLinux(LinuxContainerAdjustment.newBuilder().setResources(LinuxResources.newBuilder()
            .setCpu(LinuxCPU.newBuilder().setCpus("0-1").setQuota(OptionalInt64.newBuilder().setValue(50000)))
            .setMemory(LinuxMemory.newBuilder().setLimit(OptionalInt64.newBuilder().setValue(268435456)))
            .setPids(LinuxPids.newBuilder().setLimit(100)).putUnified("memory.high", "1G"))), s -> {
          JsonObject res = s.getJsonObject("linux").getJsonObject("resources");
          assertEquals("0-1", res.getJsonObject("cpu").getString("cpus"));
          assertEquals(50000, res.getJsonObject("cpu").getLong("quota"));
          assertEquals(512, res.getJsonObject("cpu").getLong("shares"), "untouched fields stay");
          assertEquals(268435456L, res.getJsonObject("memory").getLong("limit"));
          assertEquals(100, res.getJsonObject("pids").getLong("limit"));
          assertEquals("1G", res.getJsonObject("unified").getString("memory.high"));
        }),
        row("cgroupsPath", a -> a.setLinux(LinuxContainerAdjustment.newBuilder().setCgroupsPath("/custom/ctr1")), s ->
            assertEquals("/custom/ctr1", s.getJsonObject("linux").getString("cgroupsPath"))),
        row("oomScoreAdj", a -> a.setLinux(LinuxContainerAdjustment.newBuilder().setOomScoreAdj(OptionalInt.newBuilder().setValue(-500))), s ->
            assertEquals(-500, s.getJsonObject("process").getLong("oomScoreAdj"))),
        row("ioPriority", a -> a.setLinux(LinuxContainerAdjustment.newBuilder().setIoPriority(LinuxIOPriority.newBuilder()
            .setClass_(IOPrioClass.IOPRIO_CLASS_BE).setPriority(4))), s ->
            assertEquals("IOPRIO_CLASS_BE", s.getJsonObject("process").getJsonObject("ioPriority").getString("class"))),
        row("seccompPolicy", a -> a.setLinux(LinuxContainerAdjustment.newBuilder().setSeccompPolicy(LinuxSeccomp.newBuilder()
            .setDefaultAction("SCMP_ACT_LOG").addSyscalls(LinuxSyscall.newBuilder().addNames("ptrace").setAction("SCMP_ACT_ERRNO")))), s ->
            assertEquals("SCMP_ACT_LOG", s.getJsonObject("linux").getJsonObject("seccomp").getString("defaultAction"))),
        row("namespaces", a -> a.setLinux(LinuxContainerAdjustment.newBuilder()
            .addNamespaces(LinuxNamespace.newBuilder().setType("-cgroup"))
            .addNamespaces(LinuxNamespace.newBuilder().setType("network").setPath("/var/run/netns/other"))), s -> {
          assertNull(ns(s, "cgroup"));
          assertEquals("/var/run/netns/other", ns(s, "network").getString("path"));
        }),
        row("sysctl", a -> a.setLinux(LinuxContainerAdjustment.newBuilder().putSysctl("-net.ipv4.ip_forward", "")
            .putSysctl("net.core.somaxconn", "1024")), s -> {
          JsonObject sysctl = s.getJsonObject("linux").getJsonObject("sysctl");
          assertFalse(sysctl.containsKey("net.ipv4.ip_forward"));
          assertEquals("1024", sysctl.getString("net.core.somaxconn"));
        }),
        row("netDevices", a -> a.setLinux(LinuxContainerAdjustment.newBuilder().putNetDevices("eth9",
            LinuxNetDevice.newBuilder().setName("net0").build())), s ->
            assertEquals("net0", s.getJsonObject("linux").getJsonObject("netDevices").getJsonObject("eth9").getString("name"))),
        row("scheduler", a -> a.setLinux(LinuxContainerAdjustment.newBuilder().setScheduler(LinuxScheduler.newBuilder()
            .setPolicy(LinuxSchedulerPolicy.SCHED_FIFO).setPriority(10))), s ->
            assertEquals("SCHED_FIFO", s.getJsonObject("process").getJsonObject("scheduler").getString("policy"))),
        row("rdt", a -> a.setLinux(LinuxContainerAdjustment.newBuilder().setRdt(LinuxRdt.newBuilder()
            .setClosId(OptionalString.newBuilder().setValue("gold")))), s ->
            assertEquals("gold", s.getJsonObject("linux").getJsonObject("intelRdt").getString("closID"))),
        row("memoryPolicy", a -> a.setLinux(LinuxContainerAdjustment.newBuilder().setMemoryPolicy(LinuxMemoryPolicy.newBuilder()
            .setMode(MpolMode.MPOL_BIND).setNodes("0"))), s ->
            assertEquals("MPOL_BIND", s.getJsonObject("linux").getJsonObject("memoryPolicy").getString("mode"))));
  }

  private static Arguments row(String family, Consumer<ContainerAdjustment.Builder> adjust, Consumer<JsonObject> check) {
    return Arguments.of(family, adjust, check);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("families")
  void eachFamilyReachesTheSpec(String family, Consumer<ContainerAdjustment.Builder> adjust, Consumer<JsonObject> check) {
    ContainerAdjustment.Builder a = ContainerAdjustment.newBuilder();
    adjust.accept(a);
    JsonObject s = new JsonObject(spec().encode()); // decoded JSON, as a spec read back from the journal is
    SpecAdjuster.apply(a.build(), s);
    check.accept(s);
  }

  @Test
  void everyFamilyOfTheTableIsTested() {
    Set<String> tested = families().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
    Set<String> table = SpecAdjuster.EDITS.stream().map(SpecAdjuster.Edit::family).collect(Collectors.toSet());
    assertEquals(table, tested);
  }

  private static JsonObject ns(JsonObject spec, String type) {
    return spec.getJsonObject("linux").getJsonArray("namespaces").stream().map(SpecJson::asObject)
        .filter(n -> type.equals(n.getString("type"))).findFirst().orElse(null);
  }

  private static JsonObject mount(JsonObject spec, String dest) {
    return spec.getJsonArray("mounts").stream().map(SpecJson::asObject)
        .filter(m -> dest.equals(m.getString("destination"))).findFirst().orElse(null);
  }
}
