package io.nrivertx.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real differences between the CRI bench and containerd that the side-by-side run found and that
 * are not fixed yet (issue 17). Unlike {@link SideBySideNormalizer}'s rules these are not by
 * nature: each entry is a bench bug to fix, then to delete here. {@code bin/conformance
 * --containerd} counts them as differences; SideBySideIT fails on any difference not listed here,
 * so nothing new can creep in. Paths are generalised: {@code nri[*]} for any request, {@code [*]}
 * for any list index, {@code containers.*} for any container.
 */
final class KnownDifferences {
  private static final Map<String, String> PREFIXES = new LinkedHashMap<>();

  static {
    PREFIXES.put("nri[*].pod.", "the pod as NRI shows it: containerd's sandbox annotations and labels, no IP on the"
        + " host network, no pid before the task exists, no cgroup namespace for the pause container");
    PREFIXES.put("nri[*].container.", "the container as NRI shows it: containerd's kind label, image, mount order,"
        + " the node's HOSTNAME, additional gids, empty hooks/resources/oomScoreAdj, no state or pid on removal");
    PREFIXES.put("nri[*].linuxResources.", "UpdateContainer's resources: containerd sends cpu period and quota");
    PREFIXES.put("containers.*.spec.", "the OCI spec: mount order, ociVersion, absent defaults, masked/readonly"
        + " paths on host networking, swap, additional gids, HOSTNAME, annotations");
    PREFIXES.put("containers.*.status.", "the CRI status: stop signal, swap limit, supplemental groups, user image");
  }

  private KnownDifferences() {
  }

  /** Why this difference is known, or empty when it is new. */
  static Optional<String> why(JsonDiff.Diff d) {
    String path = generalise(d.path());
    return PREFIXES.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
  }

  static String generalise(String path) {
    return path.replaceAll("^nri\\[[0-9]+ [A-Za-z]+\\]", "nri[*]").replace("nri[*].request.", "nri[*].")
        .replaceAll("\\[[0-9]+\\]", "[*]").replaceAll("^containers\\.[^.]+\\.", "containers.*.");
  }

  static List<JsonDiff.Diff> unknown(List<JsonDiff.Diff> diffs) {
    return diffs.stream().filter(d -> why(d).isEmpty()).toList();
  }
}
