package io.nrivertx.conformance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * One Go test plugin of a conformance case (src/test/go/README.md): an {@code adjuster} with its
 * config (container name → answer), a {@code recorder}, or a recorder on an old stub that only
 * gets most events through StateChange ({@code oldrecorder}: nri v0.6.1, {@code v030recorder}:
 * v0.3.0; src/test/go-old/README.md), with extra command-line flags such as {@code -events} or
 * {@code -fail-on}. Both runtimes get a fresh process of the same binary with the same flags and
 * config.
 *
 * @param kind   "adjuster", "recorder", "oldrecorder" or "v030recorder"
 * @param idx    two-digit index
 * @param name   plugin name
 * @param args   extra flags (identity, socket, config and log file are added by the harness)
 * @param config the adjuster's config, null for a recorder
 */
public record PluginSpec(String kind, String idx, String name, List<String> args, JsonObject config) {
  public static final String ADJUSTER = "adjuster";
  public static final String RECORDER = "recorder";
  public static final String OLD_RECORDER = "oldrecorder";
  public static final String V030_RECORDER = "v030recorder";
  static final List<String> KINDS = List.of(ADJUSTER, RECORDER, OLD_RECORDER, V030_RECORDER);

  public PluginSpec {
    Objects.requireNonNull(kind, "kind");
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("plugin kind must be one of " + KINDS + ", got " + kind);
    }
    if (!idx.matches("[0-9]{2}")) {
      throw new IllegalArgumentException("plugin idx must be two digits, got " + idx);
    }
    if (kind.equals(ADJUSTER) && (config == null || config.isEmpty())) {
      throw new IllegalArgumentException("adjuster " + idx + "-" + name + " needs a non-empty config");
    }
    args = List.copyOf(args);
    config = config == null ? null : config.copy();
  }

  /** The plugin's "NN-name", as the runtime knows it. */
  public String id() {
    return idx + "-" + name;
  }

  public static PluginSpec fromJson(JsonObject j) {
    Object idx = j.getValue("idx");
    String index = idx instanceof Number n ? String.format("%02d", n.intValue()) : String.valueOf(idx);
    JsonArray args = j.getJsonArray("args", new JsonArray());
    return new PluginSpec(j.getString("kind"), index, j.getString("name", j.getString("kind")),
        args.stream().map(String::valueOf).toList(), j.getJsonObject("config"));
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("kind", kind).put("idx", idx).put("name", name);
    if (!args.isEmpty()) {
      j.put("args", new JsonArray(args));
    }
    if (config != null) {
      j.put("config", config.copy());
    }
    return j;
  }
}
