package io.nrivertx.conformance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only liberties the comparison takes, each for something NRI v0.12 leaves unordered or that
 * is not NRI behaviour at all. Everything else must be identical.
 * <ul>
 *   <li>JSON object keys are compared as sets ({@link JsonDiff}): protojson prints map entries
 *       sorted, JsonFormat in insertion order.</li>
 *   <li>Validators run concurrently and Go reports whichever error reaches it first: when several
 *       validators reject, two errors naming different validators are equivalent.</li>
 *   <li>Go iterates maps in random order: when one plugin's annotations, sysctls, net devices or
 *       unified cgroup keys conflict on several keys, the key (and its earlier owner) named in the
 *       conflict error is any of them; the default validator lists its namespace and sysctl
 *       offenders in map order (sorted here); the adaptation rebuilds the namespaces of the
 *       container in a CreateContainer request from a map (sorted here, in what plugins log); and
 *       it appends a plugin's removal-only mounts ("-/dst") from a map (each run of consecutive
 *       removal markers in a merged adjustment is sorted here).</li>
 *   <li>Plugin logs: the timestamp, the synthetic ConnectionClosed line (whoever hangs up first at
 *       the end), and Configure's nriVersion (each runtime's own NRI module version) are left out.</li>
 * </ul>
 */
final class Normalizer {
  private static final Pattern OFFENDERS =
      Pattern.compile("(attempted restricted (?:namespace|sysctl) adjustment by plugin\\(s\\) )(.*)$", Pattern.DOTALL);
  private static final Pattern VALIDATOR =
      Pattern.compile("^validator (?:\"([^\"]+)\" rejected container adjustment, reason: |plugin (\\S+) failed: )",
          Pattern.DOTALL);
  private static final Pattern MAP_CONFLICT =
      Pattern.compile("^plugins \"([^\"]+)\" and \"[^\"]+\" both tried to set (Annotations|Sysctl|LinuxNetDevices"
          + "|CgroupsUnified) .*", Pattern.DOTALL);

  private Normalizer() {
  }

  static List<JsonObject> lines(List<JsonObject> lines) {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject line : lines) {
      JsonObject l = line.copy();
      if (l.getValue("error") instanceof String err) {
        l.put("error", sortOffenders(err));
      }
      sortMountRemovals(l.getJsonObject("adjust"));
      out.add(l);
    }
    return out;
  }

  /**
   * A plugin's removal-only mounts ("-/dst" with no re-add) are appended to the merged mounts
   * from a Go map: each run of consecutive removal markers is sorted.
   */
  static void sortMountRemovals(JsonObject adjust) {
    JsonArray mounts = adjust == null ? null : adjust.getJsonArray("mounts");
    if (mounts == null) {
      return;
    }
    List<JsonObject> items = new ArrayList<>();
    for (int i = 0; i < mounts.size(); i++) {
      items.add(mounts.getJsonObject(i));
    }
    for (int start = 0; start < items.size(); start++) {
      int end = start;
      while (end < items.size() && items.get(end).getString("destination", "").startsWith("-")) {
        end++;
      }
      items.subList(start, end).sort(Comparator.comparing(JsonObject::encode));
      start = end;
    }
    adjust.put("mounts", new JsonArray(new ArrayList<>(items)));
  }

  static String sortOffenders(String error) {
    Matcher m = OFFENDERS.matcher(error);
    if (!m.find()) {
      return error;
    }
    String[] items = m.group(2).split(", ");
    Arrays.sort(items);
    return error.substring(0, m.start(2)) + String.join(", ", items);
  }

  /** Whether two different error texts are the same outcome up to what NRI leaves unordered. */
  static boolean equivalentErrors(String java, String go) {
    Matcher a = VALIDATOR.matcher(java);
    Matcher b = VALIDATOR.matcher(go);
    if (a.find() && b.find()) {
      return !validator(a).equals(validator(b));
    }
    Matcher x = MAP_CONFLICT.matcher(java);
    Matcher y = MAP_CONFLICT.matcher(go);
    return x.matches() && y.matches() && x.group(1).equals(y.group(1)) && x.group(2).equals(y.group(2));
  }

  private static String validator(Matcher m) {
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  static Map<String, List<JsonObject>> logs(Map<String, List<JsonObject>> logs) {
    Map<String, List<JsonObject>> out = new LinkedHashMap<>();
    logs.forEach((plugin, lines) -> {
      List<JsonObject> kept = new ArrayList<>();
      for (JsonObject line : lines) {
        if ("ConnectionClosed".equals(line.getString("event"))) {
          continue;
        }
        JsonObject l = line.copy();
        l.remove("time");
        if ("Configure".equals(l.getString("event"))) {
          l.remove("nriVersion");
        }
        if ("CreateContainer".equals(l.getString("event"))) {
          sortNamespaces(l.getJsonObject("container"));
        }
        if (l.getValue("request") instanceof JsonObject request) {
          sortMountRemovals(request.getJsonObject("adjust"));
        }
        kept.add(l);
      }
      out.put(plugin, kept);
    });
    return out;
  }

  private static void sortNamespaces(JsonObject container) {
    JsonObject linux = container == null ? null : container.getJsonObject("linux");
    JsonArray ns = linux == null ? null : linux.getJsonArray("namespaces");
    if (ns != null) {
      List<JsonObject> items = new ArrayList<>();
      for (int i = 0; i < ns.size(); i++) {
        items.add(ns.getJsonObject(i));
      }
      items.sort(Comparator.comparing(JsonObject::encode));
      linux.put("namespaces", new JsonArray(new ArrayList<>(items)));
    }
  }
}
