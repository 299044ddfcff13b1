package io.nrivertx.stub.samples;

import io.nrivertx.api.LinuxDevice;
import io.nrivertx.api.Mount;
import io.nrivertx.api.OptionalFileMode;
import io.nrivertx.api.OptionalUInt32;
import java.util.List;
import java.util.Map;

/**
 * The pod annotations NRI's device-injector reads, and what they ask for one container. Each kind
 * has a current key prefix and, except sysctl, an older {@code *.nri.io} one; the most specific
 * key wins, the current prefix before the old one at equal specificity:
 * {@code PREFIX/container.NAME}, {@code OLD/container.NAME}, {@code PREFIX/pod}, {@code OLD/pod},
 * {@code PREFIX}, {@code OLD}.
 */
final class DeviceAnnotations {
  static final String DEVICES = "devices.noderesource.dev";
  static final String OLD_DEVICES = "devices.nri.io";
  static final String MOUNTS = "mounts.noderesource.dev";
  static final String OLD_MOUNTS = "mounts.nri.io";
  static final String CDI_DEVICES = "cdi-devices.noderesource.dev";
  static final String OLD_CDI_DEVICES = "cdi-devices.nri.io";
  static final String SYSCTL = "sysctl.noderesource.dev";

  /** An annotation that applies to the container: its key (for messages) and value. */
  record Found(String key, String value) {
  }

  private DeviceAnnotations() {
  }

  /** The annotation of one kind that applies to {@code container}, or null. */
  static Found lookup(Map<String, String> annotations, String prefix, String oldPrefix, String container) {
    String[] keys = {prefix + "/container." + container, oldPrefix + "/container." + container,
        prefix + "/pod", oldPrefix + "/pod", prefix, oldPrefix};
    for (String key : keys) {
      // A kind without an old prefix yields keys such as "/pod": never looked up.
      if (!key.isEmpty() && key.charAt(0) != '/' && annotations.containsKey(key)) {
        return new Found(key, annotations.get(key));
      }
    }
    return null;
  }

  /** Devices: a list of {path, type, major, minor, file_mode, uid, gid}; the last three if non-zero. */
  static List<LinuxDevice> devices(Map<String, String> annotations, String container) {
    Found found = lookup(annotations, DEVICES, OLD_DEVICES, container);
    if (found == null) {
      return List.of();
    }
    GoYaml yaml = new GoYaml(found.key());
    return yaml.list(yaml.load(found.value())).stream().map(item -> {
      Map<?, ?> d = yaml.object(item);
      LinuxDevice.Builder device = LinuxDevice.newBuilder().setPath(required(yaml, d, "path"))
          .setType(yaml.string(d, "type")).setMajor(yaml.int64(d, "major")).setMinor(yaml.int64(d, "minor"));
      long mode = yaml.uint32(d, "file_mode");
      long uid = yaml.uint32(d, "uid");
      long gid = yaml.uint32(d, "gid");
      if (mode != 0) {
        device.setFileMode(OptionalFileMode.newBuilder().setValue((int) mode));
      }
      if (uid != 0) {
        device.setUid(OptionalUInt32.newBuilder().setValue((int) uid));
      }
      if (gid != 0) {
        device.setGid(OptionalUInt32.newBuilder().setValue((int) gid));
      }
      return device.build();
    }).toList();
  }

  /** Mounts: a list of {source, destination, type, options}. */
  static List<Mount> mounts(Map<String, String> annotations, String container) {
    Found found = lookup(annotations, MOUNTS, OLD_MOUNTS, container);
    if (found == null) {
      return List.of();
    }
    GoYaml yaml = new GoYaml(found.key());
    return yaml.list(yaml.load(found.value())).stream().map(item -> {
      Map<?, ?> m = yaml.object(item);
      return Mount.newBuilder().setSource(yaml.string(m, "source"))
          .setDestination(required(yaml, m, "destination")).setType(yaml.string(m, "type"))
          .addAllOptions(yaml.strings(m, "options")).build();
    }).toList();
  }

  /** CDI devices: a list of fully qualified names such as {@code vendor.com/device=dev0}. */
  static List<String> cdiDevices(Map<String, String> annotations, String container) {
    Found found = lookup(annotations, CDI_DEVICES, OLD_CDI_DEVICES, container);
    if (found == null) {
      return List.of();
    }
    GoYaml yaml = new GoYaml(found.key());
    return yaml.list(yaml.load(found.value())).stream().map(v -> {
      if (v instanceof List<?> || v instanceof Map<?, ?>) {
        throw yaml.error("expected a list of CDI device names");
      }
      return String.valueOf(v);
    }).toList();
  }

  /** Sysctls: a mapping of key to value; there is no old prefix for these. */
  static Map<String, String> sysctls(Map<String, String> annotations, String container) {
    Found found = lookup(annotations, SYSCTL, "", container);
    if (found == null) {
      return Map.of();
    }
    GoYaml yaml = new GoYaml(found.key());
    return yaml.stringMap(yaml.load(found.value()));
  }

  /** NRI's sample does not check these; without them the runtime fails later and less clearly. */
  private static String required(GoYaml yaml, Map<?, ?> object, String name) {
    String value = yaml.string(object, name);
    if (value.isEmpty()) {
      throw yaml.error("\"" + name + "\" is missing in " + object);
    }
    return value;
  }
}
