package io.nrivertx.conformance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place where the side-by-side run (docs/cri.md, "Side by side with containerd") forgives
 * differences between the CRI bench and a real containerd. Each rule differs by nature, for the
 * reason given; everything else in the NRI requests, the step outcomes and the containers' status
 * and OCI spec must be identical.
 * <ol>
 *   <li><b>Ids</b> of pods and containers are random on both sides: each becomes {@code <pod NAME>}
 *       or {@code <ctr NAME>}, wherever it appears (cgroup paths, annotations, mount sources).</li>
 *   <li><b>When the recorder wrote a line</b> ({@code time}): wall-clock time.</li>
 *   <li><b>The runtime's name and version</b> in Configure: each runtime names itself.</li>
 *   <li><b>Timestamps</b> ({@code createdAt}, {@code startedAt}, {@code finishedAt}, non-zero):
 *       wall-clock times of the run.</li>
 *   <li><b>Pids</b> ({@code pid}, non-zero, and {@code /proc/N/} in namespace paths): real processes
 *       on containerd, allocated ones on the bench.</li>
 *   <li><b>containerd's root and state directories</b> are private to each harness instance: they
 *       read as containerd's defaults, {@code /var/lib/containerd} and {@code /run/containerd}.</li>
 *   <li><b>Image ids</b> ({@code sha256:} and 64 hex digits): digests of the image's config and
 *       layers, which the bench (it has no image content) cannot compute.</li>
 *   <li><b>The runtime's NRI version</b> in Configure ({@code nriVersion}): containerd 2.4 embeds
 *       NRI v0.12.3, the bench is built on the project's NRI version.</li>
 *   <li><b>crictl's log prefixes</b> in a failed step's error ({@code time="..." level=fatal}, and
 *       klog's {@code E1206 01:02:03.456789 PID}): wall-clock times and crictl's pid.</li>
 * </ol>
 */
final class SideBySideNormalizer {
  private static final Set<String> TIMES = Set.of("createdAt", "startedAt", "finishedAt");
  private static final Pattern PROC_PID = Pattern.compile("/proc/[0-9]+/");
  private static final Pattern IMAGE_ID = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern CRICTL_PREFIX = Pattern.compile("^time=\"[^\"]*\" level=(\\w+) msg=", Pattern.MULTILINE);
  private static final Pattern KLOG_PREFIX = Pattern.compile("^([EWI])[0-9]{4} [0-9:.]+ +[0-9]+ ", Pattern.MULTILINE);

  private SideBySideNormalizer() {
  }

  /**
   * One side's run as a JSON value ready to compare: {@code steps}, {@code containers} and
   * {@code nri}, with the rules above applied.
   *
   * @param dirs this side's private directories and what they read as (rule 6)
   */
  static JsonObject normalize(CriScriptPlayer.Run run, Map<String, String> dirs) {
    Map<String, String> replace = new LinkedHashMap<>();
    run.ids().forEach((name, id) -> replace.put(id, "<" + (isPod(run, name) ? "pod " : "ctr ") + name + ">"));
    // Longer paths first: a state directory may lie inside the root.
    dirs.entrySet().stream().sorted(Comparator.comparing((Map.Entry<String, String> e) -> -e.getKey().length()))
        .forEach(e -> replace.put(e.getKey(), e.getValue()));
    JsonObject out = new JsonObject()
        .put("steps", new JsonArray(run.steps().stream().map(s -> {
          JsonObject c = s.copy();
          if (c.containsKey("error")) {
            String e = CRICTL_PREFIX.matcher(c.getString("error")).replaceAll("level=$1 msg=");
            c.put("error", KLOG_PREFIX.matcher(e).replaceAll("$1 "));
          }
          return (Object) c;
        }).toList()))
        .put("containers", new JsonObject(new LinkedHashMap<>(run.containers())))
        .put("nri", new JsonArray(run.nri().stream().map(l -> {
          JsonObject c = l.copy();
          c.remove("time");
          if ("Configure".equals(c.getString("event"))) {
            c.put("runtimeName", "<runtime>").put("runtimeVersion", "<version>").put("nriVersion", "<nri version>");
          }
          return (Object) c;
        }).toList()));
    return (JsonObject) walk(out.copy(), null, replace);
  }

  private static boolean isPod(CriScriptPlayer.Run run, String name) {
    return run.steps().stream().anyMatch(s -> s.getString("step").equals("runp " + name));
  }

  private static Object walk(Object v, String key, Map<String, String> replace) {
    if (v instanceof JsonObject o) {
      for (String k : List.copyOf(o.fieldNames())) {
        o.put(k, walk(o.getValue(k), k, replace));
      }
      return o;
    }
    if (v instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, walk(a.getValue(i), key, replace));
      }
      return a;
    }
    if (key != null && TIMES.contains(key) && !isZero(v)) {
      return "<time>";
    }
    if ("pid".equals(key) && !isZero(v)) {
      return "<pid>";
    }
    if (v instanceof String s) {
      for (Map.Entry<String, String> e : replace.entrySet()) {
        s = s.replace(e.getKey(), e.getValue());
      }
      s = PROC_PID.matcher(s).replaceAll("/proc/<pid>/");
      return IMAGE_ID.matcher(s).replaceAll("<image id>");
    }
    return v;
  }

  private static boolean isZero(Object v) {
    return v == null || "0".equals(String.valueOf(v)) || "".equals(v);
  }
}
