package io.nrivertx.runtime;

import io.nrivertx.service.PluginNames;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-plugin settings of one instance, keyed as operators write them: {@code "NN-name"} for
 * one plugin, {@code "name"} for every plugin of that name whatever its index. A plugin's
 * effective policy is its "NN-name" entry over its "name" entry, field by field. Immutable.
 */
public final class PluginPolicies {
  public static final PluginPolicies NONE = new PluginPolicies(Map.of());

  private final Map<String, PluginPolicy> byKey;

  private PluginPolicies(Map<String, PluginPolicy> byKey) {
    this.byKey = Collections.unmodifiableMap(new TreeMap<>(byKey));
  }

  /** @throws IllegalArgumentException naming a key that is neither "NN-name" nor a valid name */
  public static PluginPolicies of(Map<String, PluginPolicy> byKey) {
    for (Map.Entry<String, PluginPolicy> e : byKey.entrySet()) {
      String bad = checkKey(e.getKey());
      if (bad != null) {
        throw new IllegalArgumentException(bad);
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("plugin \"" + e.getKey() + "\": no settings");
      }
    }
    return byKey.isEmpty() ? NONE : new PluginPolicies(byKey);
  }

  /**
   * Why {@code key} cannot name plugins, or null when it can: "NN-name" (two digits, a dash, a
   * plugin name) or a plugin name alone.
   */
  public static String checkKey(String key) {
    String name = isId(key) ? key.substring(3) : key;
    String bad = PluginNames.checkName(name);
    return bad == null ? null : "plugin key \"" + key + "\" is neither \"NN-name\" nor a plugin name: " + bad;
  }

  /** True for the "NN-name" form: two digits and a dash before the name. */
  public static boolean isId(String key) {
    return key.length() >= 3 && Character.isDigit(key.charAt(0)) && Character.isDigit(key.charAt(1))
        && key.charAt(2) == '-';
  }

  /** The base name a key applies to: "name" for "NN-name" and for "name". */
  public static String baseName(String key) {
    return isId(key) ? key.substring(3) : key;
  }

  /** The settings of plugin {@code index}-{@code name}: its "NN-name" entry over its "name" entry. */
  public PluginPolicy forPlugin(String index, String name) {
    if (byKey.isEmpty()) {
      return PluginPolicy.NONE;
    }
    PluginPolicy general = byKey.getOrDefault(name, PluginPolicy.NONE);
    PluginPolicy specific = byKey.get(index + "-" + name);
    return specific == null ? general : specific.over(general);
  }

  /**
   * The keys that name required plugins, each set {@code required: true} itself: an "NN-name"
   * key needs that very plugin, a "name" key any plugin of that name ({@link #satisfies}). A
   * "name" key is left out when a required "NN-name" of that name already covers it.
   */
  public List<String> required() {
    List<String> out = new ArrayList<>();
    byKey.forEach((key, p) -> {
      if (p.isRequired()) {
        out.add(key);
      }
    });
    out.removeIf(k -> !isId(k) && out.stream().anyMatch(o -> isId(o) && baseName(o).equals(k)));
    return List.copyOf(out);
  }

  /** True when a plugin with this id ("NN-name") and name satisfies the required key. */
  public static boolean satisfies(String key, String id, String name) {
    return isId(key) ? key.equals(id) : key.equals(name);
  }

  public Map<String, PluginPolicy> asMap() {
    return byKey;
  }

  public boolean isEmpty() {
    return byKey.isEmpty();
  }

  /** This set with {@code other}'s entries over it, field by field. */
  public PluginPolicies with(PluginPolicies other) {
    Map<String, PluginPolicy> next = new TreeMap<>(byKey);
    other.byKey.forEach((k, p) -> next.merge(k, p, (mine, theirs) -> theirs.over(mine)));
    return of(next);
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject();
    byKey.forEach((k, p) -> j.put(k, p.toJson()));
    return j;
  }

  public static PluginPolicies fromJson(JsonObject j) {
    Map<String, PluginPolicy> m = new TreeMap<>();
    j.forEach(e -> m.put(e.getKey(), PluginPolicy.fromJson((JsonObject) e.getValue())));
    return of(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PluginPolicies p && p.byKey.equals(byKey);
  }

  @Override
  public int hashCode() {
    return byKey.hashCode();
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
