package io.nrivertx.config;

import io.nrivertx.validate.DefaultValidatorConfig;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.List;

/**
 * {@code nri-vertx config --print}: the effective configuration as YAML that {@code --config}
 * accepts back, each value followed by a comment saying which source set it.
 */
public final class ConfigPrinter {
  private static final int MAX_WIDTH = 60;

  private ConfigPrinter() {
  }

  public static String print(NriConfig cfg) {
    StringBuilder out = new StringBuilder("# nri-vertx effective configuration; after each value: where it came from.\n");
    cfg.notes().forEach(n -> out.append("# note: ").append(n).append('\n'));
    int width = Math.min(MAX_WIDTH, cfg.settings().stream()
        .mapToInt(s -> s.key().length() + value(s.value()).length()).max().orElse(0) + 4);
    String section = null;
    for (Setting s : cfg.settings()) {
      int dot = s.key().indexOf('.');
      if (dot > 0) {
        // A section key (metrics.address) prints nested, as the YAML that sets it is written.
        if (!s.key().substring(0, dot).equals(section)) {
          section = s.key().substring(0, dot);
          out.append(section).append(":\n");
        }
        out.append(pad("  " + s.key().substring(dot + 1) + ": " + value(s.value()), width)).append("# ")
            .append(s.source()).append('\n');
        continue;
      }
      section = null;
      if (s.value() instanceof PluginEntries p && !p.policies().isEmpty()) {
        plugins(out, s.key(), p, width);
        continue;
      }
      if (s.value() instanceof DefaultValidatorConfig c) {
        // A nested block, one key a line, reads better than a long flow mapping.
        out.append(pad(s.key() + ":", width)).append("# ").append(s.source()).append('\n');
        c.toJson().forEach(e -> out.append("  ").append(e.getKey()).append(": ").append(value(e.getValue()))
            .append('\n'));
        continue;
      }
      out.append(pad(s.key() + ": " + value(s.value()), width)).append("# ").append(s.source()).append('\n');
    }
    return out.toString();
  }

  /** One block per plugin key, each field with its own source. */
  private static void plugins(StringBuilder out, String key, PluginEntries entries, int width) {
    out.append(key).append(":\n");
    entries.policies().asMap().forEach((plugin, policy) -> {
      out.append("  ").append(Json.encode(plugin)).append(":\n");
      boolean failurePolicy = false;
      for (String field : PluginEntries.FIELDS) {
        Object v = PluginEntries.field(policy, field);
        if (v == null) {
          continue;
        }
        String leaf = field;
        if (field.startsWith("failurePolicy.")) {
          if (!failurePolicy) {
            out.append("    failurePolicy:\n");
            failurePolicy = true;
          }
          leaf = "  " + field.substring("failurePolicy.".length());
        }
        Object shown = v instanceof io.nrivertx.runtime.DuplicatePolicy d ? d.text() : v;
        out.append(pad("    " + leaf + ": " + value(shown), width)).append("# ")
            .append(entries.source(plugin, field)).append('\n');
      }
    });
  }

  private static String pad(String line, int width) {
    return line + " ".repeat(Math.max(2, width - line.length()));
  }

  /** JSON text is YAML flow syntax, so every value reads back as it was. */
  static String value(Object v) {
    return switch (v) {
      case Duration d -> Json.encode(Durations.format(d));
      case DefaultValidatorConfig c -> c.toJson().encode();
      case PluginEntries p -> p.policies().isEmpty() ? "{}" : p.policies().toJson().encode();
      case List<?> l -> new JsonArray(l).encode();
      case JsonArray a -> a.encode();
      default -> Json.encode(v);
    };
  }
}
