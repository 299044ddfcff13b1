package io.nrivertx.stub.samples;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.Container;
import io.nrivertx.api.POSIXRlimit;
import io.nrivertx.api.PodSandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ulimit-adjuster's annotation and the rlimits it produces, as NRI's sample reads them. */
class UlimitAdjusterTest {

  private static List<POSIXRlimit> rlimits(Map<String, String> annotations, String container) {
    PodSandbox pod = PodSandbox.newBuilder().setName("sleep").putAllAnnotations(annotations).build();
    return new UlimitAdjusterPlugin(true).adjust(pod, Container.newBuilder().setName(container).build())
        .adjustment().getRlimitsList();
  }

  private static POSIXRlimit rlimit(String type, long hard, long soft) {
    return POSIXRlimit.newBuilder().setType(type).setHard(hard).setSoft(soft).build();
  }

  @Test
  void nrisSamplePodSpec() {
    assertEquals(List.of(rlimit("RLIMIT_MEMLOCK", 987654, 645321), rlimit("RLIMIT_NOFILE", 4096, 1024),
            rlimit("RLIMIT_NPROC", 9000, 0)),
        rlimits(Map.of("ulimits.nri.containerd.io/container.sleep", """
            - type: memlock
              hard: 987654
              soft: 645321
            - type: RLIMIT_NOFILE
              hard: 4096
              soft: 1024
            - type: nproc
              hard: 9000
            """), "sleep"));
  }

  @Test
  void currentKeyBeatsTheLegacyOneAndOnlyTheNamedContainerIsAdjusted() {
    Map<String, String> annotations = Map.of(
        "ulimits.noderesource.dev/container.app", "[{type: rlimit_core, hard: 2, soft: 1}]",
        "ulimits.nri.containerd.io/container.app", "[{type: nofile, hard: 9, soft: 9}]");
    assertEquals(List.of(rlimit("RLIMIT_CORE", 2, 1)), rlimits(annotations, "app"));
    assertEquals(List.of(), rlimits(annotations, "sidecar"));
    assertEquals(List.of(), rlimits(Map.of("ulimits.noderesource.dev/pod", "[{type: core}]"), "app"),
        "no pod-wide key, unlike the device-injector");
    assertEquals(List.of(), rlimits(Map.of("ulimits.noderesource.dev/container.app", "",
        "ulimits.nri.containerd.io/container.app", "[{type: core}]"), "app"), "an empty value hides the legacy key");
  }

  @Test
  void unlimitedIsTheLargestUint64() {
    assertEquals(List.of(rlimit("RLIMIT_STACK", -1, 8388608)), rlimits(Map.of(
        "ulimits.noderesource.dev/container.app", "[{type: stack, hard: 18446744073709551615, soft: 8388608}]"), "app"),
        "RLIM_INFINITY travels as uint64, which a Java long holds as -1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "[{type: files, hard: 1}] | failed to parse type: \"files\"",
      "[{type: nofile, hard: 1, soft: 2}] | ulimit \"RLIMIT_NOFILE\" must have hard limit >= soft limit",
      "[{type: nofile, hard: -1}] | field \"hard\" is out of range",
      "[{type: nofile, hard: 1.5}] | field \"hard\" must be an integer, got 1.5",
      "{type: nofile} | expected a list, got a mapping",
  })
  void badAnnotationsFailTheContainer(String value, String problem) {
    PodSandbox pod = PodSandbox.newBuilder().putAnnotations("ulimits.noderesource.dev/container.app", value).build();
    Throwable e = new UlimitAdjusterPlugin(false).createContainer(pod, Container.newBuilder().setName("app").build())
        .cause();
    assertTrue(e.getMessage().startsWith("invalid annotation \"ulimits.noderesource.dev/container.app\": "),
        e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }
}
