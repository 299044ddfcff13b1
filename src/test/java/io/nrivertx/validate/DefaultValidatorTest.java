package io.nrivertx.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nrivertx.api.*;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultValidatorTest {
  private static final String CTR = "c1";

  private static DefaultValidatorConfig cfg(boolean hooks, boolean rtDefault, boolean unconfined, boolean custom,
                                            boolean ns, boolean sysctl, List<String> required, String tolerate) {
    return new DefaultValidatorConfig(true, hooks, rtDefault, unconfined, custom, ns, sysctl, required, tolerate);
  }

  private static final DefaultValidatorConfig ALL = cfg(true, true, true, true, true, true, List.of(), "");
  private static final DefaultValidatorConfig NONE = cfg(false, false, false, false, false, false, List.of(), "");

  private static ValidateContainerAdjustmentRequest.Builder req() {
    return ValidateContainerAdjustmentRequest.newBuilder()
        .setPod(PodSandbox.newBuilder().setId("p1").setName("pod"))
        .setContainer(Container.newBuilder().setId(CTR).setName("app"))
        .setAdjust(ContainerAdjustment.getDefaultInstance())
        .addPlugins(PluginInstance.newBuilder().setName("a").setIndex("10"))
        .addPlugins(PluginInstance.newBuilder().setName("b").setIndex("20"));
  }

  private static ValidateContainerAdjustmentRequest.Builder simpleOwner(ValidateContainerAdjustmentRequest.Builder r,
                                                                        Field f, String owner) {
    return r.setOwners(OwningPlugins.newBuilder().putOwners(CTR, FieldOwners.newBuilder()
        .putSimple(f.getNumber(), owner).build()));
  }

  private static ValidateContainerAdjustmentRequest.Builder compoundOwner(ValidateContainerAdjustmentRequest.Builder r,
                                                                          Field f, String key, String owner) {
    return r.setOwners(OwningPlugins.newBuilder().putOwners(CTR, FieldOwners.newBuilder()
        .putCompound(f.getNumber(), CompoundFieldOwners.newBuilder().putOwners(key, owner).build()).build()));
  }

  private static ValidateContainerAdjustmentRequest.Builder withProfile(SecurityProfile.ProfileType type) {
    ValidateContainerAdjustmentRequest.Builder r = simpleOwner(req(), Field.SeccompPolicy, "10-a");
    r.getContainerBuilder().getLinuxBuilder().setSeccompProfile(SecurityProfile.newBuilder().setProfileType(type));
    return r;
  }

  private static ValidateContainerAdjustmentRequest.Builder podAnnotations(String... kv) {
    ValidateContainerAdjustmentRequest.Builder r = req();
    for (int i = 0; i < kv.length; i += 2) {
      r.getPodBuilder().putAnnotations(kv[i], kv[i + 1]);
    }
    return r;
  }

  static Stream<Arguments> cases() {
    String p = "validation error: ";
    return Stream.of(
        Arguments.of("nothing adjusted", ALL, req(), null),
        Arguments.of("hook by one plugin", ALL, simpleOwner(req(), Field.OciHooks, "10-a"),
            p + "plugin \"10-a\" attempted restricted OCI hook injection"),
        Arguments.of("hooks by two plugins", ALL, simpleOwner(req(), Field.OciHooks, "10-a,20-b"),
            p + "plugins \"10-a,20-b\" attempted restricted OCI hook injection"),
        Arguments.of("hooks allowed", NONE, simpleOwner(req(), Field.OciHooks, "10-a"), null),
        Arguments.of("seccomp on unconfined (absent profile)", ALL, simpleOwner(req(), Field.SeccompPolicy, "10-a"),
            p + "plugin 10-a attempted restricted  unconfined seccomp policy adjustment"),
        Arguments.of("seccomp on runtime default", ALL, withProfile(SecurityProfile.ProfileType.RUNTIME_DEFAULT),
            p + "plugin 10-a attempted restricted runtime default seccomp policy adjustment"),
        Arguments.of("seccomp on localhost", ALL, withProfile(SecurityProfile.ProfileType.LOCALHOST),
            p + "plugin 10-a attempted restricted  custom seccomp policy adjustment"),
        Arguments.of("seccomp localhost allowed", cfg(false, true, true, false, false, false, List.of(), ""),
            withProfile(SecurityProfile.ProfileType.LOCALHOST), null),
        Arguments.of("namespace", ALL, compoundOwner(req(), Field.Namespace, "network", "20-b"),
            p + "attempted restricted namespace adjustment by plugin(s) \"20-b\" (namespace \"network\")"),
        Arguments.of("required plugin present by name", cfg(false, false, false, false, false, false,
            List.of("a", "20-b"), ""), req(), null),
        Arguments.of("required plugin missing", cfg(false, false, false, false, false, false, List.of("zz"), ""),
            req(), p + "required plugin \"zz\" not present"),
        Arguments.of("required plugins from the container annotation", NONE,
            podAnnotations("required-plugins.noderesource.dev/container.app", "[x, y]",
                "required-plugins.noderesource.dev", "[a]"),
            p + "required plugins \"x,y\" not present"),
        Arguments.of("pod-level annotation", NONE, podAnnotations("required-plugins.noderesource.dev/pod", "[\"10-a\"]"),
            null),
        Arguments.of("toleration annotation", cfg(false, false, false, false, false, false, List.of("zz"), "tolerate"),
            podAnnotations("tolerate", "true"), null),
        Arguments.of("bad toleration value", cfg(false, false, false, false, false, false, List.of("zz"), "tolerate"),
            podAnnotations("tolerate", "maybe"),
            "invalid tolerate annotation \"maybe\": strconv.ParseBool: parsing \"maybe\": invalid syntax"),
        // Go's yaml.v3 into []string: items keep their text, nulls are dropped (found by ConformanceIT).
        Arguments.of("required names as written, nulls dropped", NONE,
            podAnnotations("required-plugins.noderesource.dev", "[zz, ~, 0x10, yes]"),
            p + "required plugins \"zz,0x10,yes\" not present"),
        Arguments.of("required annotation that is not a list", NONE,
            podAnnotations("required-plugins.noderesource.dev", "zz"),
            "invalid required-plugins.noderesource.dev annotation \"zz\": yaml: unmarshal errors:\n"
                + "  line 1: cannot unmarshal !!str `zz` into []string"),
        Arguments.of("sysctl", ALL, withSysctl(), p + "attempted restricted sysctl adjustment by plugin(s) 10-a"));
  }

  private static ValidateContainerAdjustmentRequest.Builder withSysctl() {
    ValidateContainerAdjustmentRequest.Builder r = compoundOwner(req(), Field.Sysctl, "net.core.somaxconn", "10-a");
    r.getAdjustBuilder().getLinuxBuilder().putSysctl("net.core.somaxconn", "1024");
    return r;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void checks(String name, DefaultValidatorConfig cfg, ValidateContainerAdjustmentRequest.Builder req, String want) {
    assertEquals(want, new DefaultValidator(cfg).check(req.build()));
  }
}
