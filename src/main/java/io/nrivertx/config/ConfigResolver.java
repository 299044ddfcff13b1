package io.nrivertx.config;

import io.nrivertx.config.ConfigKeys.Key;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Applies the sources of {@link ConfigSources} in their documented order, each over the last.
 * Environment variables and system properties with nri-vertx's prefix must name a known key: a
 * misspelt override that silently does nothing is worse than a refusal to start.
 */
final class ConfigResolver {
  private ConfigResolver() {
  }

  static NriConfig resolve(ConfigSources sources) {
    ConfigLoader loader = new ConfigLoader();
    NriConfig cfg = loader.defaults();
    if (sources.containerdConfig() != null) {
      cfg = ContainerdToml.apply(cfg, sources.containerdConfig());
    }
    if (sources.yaml() != null) {
      cfg = loader.overlay(cfg, sources.yaml());
    }
    cfg = overrides(cfg, sources.env(), ConfigKeys.ENV_PREFIX, Key::envName, "environment variable ");
    return overrides(cfg, sources.properties(), ConfigKeys.PROPERTY_PREFIX, Key::propertyName, "system property ");
  }

  private static NriConfig overrides(NriConfig base, Map<String, String> values, String prefix,
                                     Function<Key, String> naming, String what) {
    NriConfig cfg = base;
    // Sorted, so that with several bad overrides the same one is reported every time.
    for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        continue;
      }
      Key key = ConfigKeys.ALL.stream().filter(k -> naming.apply(k).equals(e.getKey())).findFirst().orElse(null);
      if (key == null) {
        throw new ConfigException("bad config " + what + e.getKey() + ": unknown setting (expected one of "
            + String.join(", ", ConfigKeys.ALL.stream().map(naming).toList()) + ")");
      }
      try {
        cfg = cfg.with(key.name(), ConfigText.parse(key, e.getValue()), what + e.getKey());
      } catch (IllegalArgumentException ex) {
        throw new ConfigException("bad config " + what + e.getKey() + "=\"" + e.getValue() + "\": " + ex.getMessage());
      }
    }
    return cfg;
  }
}
