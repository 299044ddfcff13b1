package io.nrivertx.stub.samples;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The pod annotation NRI's ulimit-adjuster reads: {@code ulimits.noderesource.dev/container.NAME}
 * (or the older {@code ulimits.nri.containerd.io/container.NAME}), a list of
 * {@code {type, hard, soft}}. The type may be given as {@code RLIMIT_NOFILE}, {@code rlimit_nofile}
 * or {@code nofile}; hard and soft are uint64 (0 when missing) and hard must not be below soft.
 */
final class Ulimits {
  static final String KEY = "ulimits.noderesource.dev";
  static final String OLD_KEY = "ulimits.nri.containerd.io";
  private static final String PREFIX = "RLIMIT_";
  private static final Set<String> VALID = Set.of("AS", "CORE", "CPU", "DATA", "FSIZE", "LOCKS", "MEMLOCK",
      "MSGQUEUE", "NICE", "NOFILE", "NPROC", "RSS", "RTPRIO", "RTTIME", "SIGPENDING", "STACK");

  /** One limit; hard and soft are unsigned (RLIM_INFINITY is -1 here). */
  record Ulimit(String type, long hard, long soft) {
  }

  private Ulimits() {
  }

  /**
   * The limits annotated for {@code container}; empty when none.
   *
   * @throws IllegalArgumentException naming the annotation and what is wrong
   */
  static List<Ulimit> parse(Map<String, String> annotations, String container) {
    String key = KEY + "/container." + container;
    if (!annotations.containsKey(key)) {
      key = OLD_KEY + "/container." + container;
    }
    // As NRI's: an empty value under the current key hides the old key.
    String value = annotations.getOrDefault(key, "");
    if (value.isEmpty()) {
      return List.of();
    }
    GoYaml yaml = new GoYaml(key);
    return yaml.list(yaml.load(value)).stream().map(item -> {
      Map<?, ?> u = yaml.object(item);
      String raw = yaml.string(u, "type");
      String type = raw.toUpperCase(Locale.ROOT);
      type = type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
      if (!VALID.contains(type)) {
        throw yaml.error("failed to parse type: \"" + raw + "\" (expected one of " + String.join(", ",
            VALID.stream().sorted().toList()) + ", optionally prefixed by RLIMIT_)");
      }
      Ulimit limit = new Ulimit(PREFIX + type, yaml.uint64(u, "hard"), yaml.uint64(u, "soft"));
      if (Long.compareUnsigned(limit.hard(), limit.soft()) < 0) {
        throw yaml.error("ulimit \"" + limit.type() + "\" must have hard limit >= soft limit");
      }
      return limit;
    }).toList();
  }
}
