package io.nrivertx.stub.samples;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.CDIDevice;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.LinuxDevice;
import io.nrivertx.api.Mount;
import io.nrivertx.api.PodSandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The device-injector's annotations and the adjustment they produce, as NRI's sample reads them. */
class DeviceInjectorTest {
  private static final String NULL_DEVICE = """
      - path: /dev/nri-null
        type: c
        major: 1
        minor: 3
      """;

  private static ContainerAdjustment adjust(Map<String, String> annotations, String container) {
    PodSandbox pod = PodSandbox.newBuilder().setName("bbdev0").putAllAnnotations(annotations).build();
    return new DeviceInjectorPlugin(false).adjust(pod, Container.newBuilder().setName(container).build())
        .adjustment();
  }

  /** The most specific key wins; the current prefix beats the old one at equal specificity. */
  @ParameterizedTest(name = "{0} over {1}")
  @CsvSource({
      "devices.noderesource.dev/container.c0, devices.nri.io/container.c0",
      "devices.nri.io/container.c0, devices.noderesource.dev/pod",
      "devices.noderesource.dev/pod, devices.nri.io/pod",
      "devices.nri.io/pod, devices.noderesource.dev",
      "devices.noderesource.dev, devices.nri.io",
  })
  void precedence(String winner, String loser) {
    Map<String, String> annotations = Map.of(winner, "[{path: /dev/win, type: c, major: 1, minor: 1}]",
        loser, "[{path: /dev/lose, type: c, major: 1, minor: 2}]");
    assertEquals(List.of("/dev/win"), adjust(annotations, "c0").getLinux().getDevicesList().stream()
        .map(LinuxDevice::getPath).toList());
  }

  @Test
  void anotherContainersAnnotationDoesNotApply() {
    assertEquals(0, adjust(Map.of("devices.noderesource.dev/container.c1", NULL_DEVICE), "c0").getLinux()
        .getDevicesCount());
    assertEquals(1, adjust(Map.of("devices.nri.io", NULL_DEVICE), "c0").getLinux().getDevicesCount(),
        "a pod-wide key applies to every container");
  }

  @Test
  void devicesAsInNrisSamplePodSpec() {
    LinuxDevice d = adjust(Map.of("devices.noderesource.dev/container.c0", NULL_DEVICE), "c0").getLinux()
        .getDevices(0);
    assertEquals(LinuxDevice.newBuilder().setPath("/dev/nri-null").setType("c").setMajor(1).setMinor(3).build(), d,
        "file_mode, uid and gid left unset when zero");
    LinuxDevice full = adjust(Map.of("devices.noderesource.dev/container.c0", """
        - Path: /dev/x
          type: b
          major: 8
          minor: 0
          file_mode: 0660
          uid: 1000
          gid: 6
          unknown: ignored
        """), "c0").getLinux().getDevices(0);
    assertEquals("/dev/x", full.getPath(), "field names match ignoring case, as Go's JSON decoding");
    assertEquals(0660, full.getFileMode().getValue(), "YAML 1.1 octal, as Go's yaml.v2");
    assertEquals(1000, full.getUid().getValue());
    assertEquals(6, full.getGid().getValue());
  }

  @Test
  void mountsCdiDevicesAndSysctls() {
    ContainerAdjustment a = adjust(Map.of(
        "mounts.noderesource.dev/container.c2", """
            - source: /home
              destination: /host-home
              type: bind
              options:
              - bind
              - ro
            """,
        "cdi-devices.nri.io/pod", "[vendor0.com/device=dev0, vendor1.com/device=dev1]",
        "sysctl.noderesource.dev/container.c2", "net.core.somaxconn: 256\nnet.ipv4.ip_forward: \"1\""), "c2");
    assertEquals(List.of(Mount.newBuilder().setSource("/home").setDestination("/host-home").setType("bind")
        .addOptions("bind").addOptions("ro").build()), a.getMountsList());
    assertEquals(List.of("vendor0.com/device=dev0", "vendor1.com/device=dev1"),
        a.getCDIDevicesList().stream().map(CDIDevice::getName).toList());
    assertEquals(Map.of("net.core.somaxconn", "256", "net.ipv4.ip_forward", "1"), a.getLinux().getSysctlMap(),
        "a number where a string is expected is taken as its text, as sigs.k8s.io/yaml does");
  }

  @Test
  void sysctlHasNoOldPrefix() {
    assertEquals(0, adjust(Map.of("sysctl.nri.io/container.c0", "a: b"), "c0").getLinux().getSysctlCount());
  }

  @Test
  void noAnnotationsNoChanges() {
    assertEquals(ContainerAdjustment.getDefaultInstance(), adjust(Map.of("other", "x"), "c0"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "devices.noderesource.dev/pod | '- path: /dev/x\n  major: one' | field \"major\" must be an integer, got \"one\"",
      "devices.noderesource.dev/pod | '- path: /dev/x\n  uid: -1' | field \"uid\" is out of range [0, 4294967295]: -1",
      "devices.noderesource.dev/pod | '- type: c' | \"path\" is missing",
      "devices.noderesource.dev/pod | 'path: /dev/x' | expected a list, got a mapping",
      "mounts.nri.io/pod | '- source: /a' | \"destination\" is missing",
      "mounts.nri.io/pod | '- destination: /a\n  options: ro' | expected a list, got \"ro\"",
      "cdi-devices.noderesource.dev | '[[a]]' | expected a list of CDI device names",
      "sysctl.noderesource.dev | '[a, b]' | expected a mapping, got a list",
      "devices.noderesource.dev | '[unclosed' | not valid YAML",
  })
  void badAnnotationsFailTheContainerNamingTheKey(String key, String value, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adjust(Map.of(key, value), "c0"));
    assertTrue(e.getMessage().startsWith("invalid annotation \"" + key + "\": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    PodSandbox pod = PodSandbox.newBuilder().putAnnotations(key, value).build();
    assertEquals(e.getMessage(), new DeviceInjectorPlugin(false).createContainer(pod, Container.getDefaultInstance())
        .cause().getMessage(), "the handler fails with the same message");
  }
}
