package io.nrivertx.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a command's configuration comes from, lowest precedence first (docs/configuration.md):
 * the embedded defaults, containerd's config.toml, the nri.conf it names, nri-vertx's own YAML,
 * environment variables {@code NRI_VERTX_*}, system properties {@code nrivertx.*}. Command-line
 * flags are applied last by the command itself.
 *
 * @param yaml nri-vertx's own YAML ({@code --config}), or null
 * @param containerdConfig containerd's config.toml ({@code --containerd-config}), or null
 * @param env usually {@link System#getenv()}
 * @param properties usually the JVM's system properties
 */
public record ConfigSources(Path yaml, Path containerdConfig, Map<String, String> env, Map<String, String> properties) {
  public ConfigSources {
    env = env == null ? Map.of() : Map.copyOf(env);
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  /** The given files with this process's environment and system properties. */
  public static ConfigSources of(Path yaml, Path containerdConfig) {
    Map<String, String> props = new java.util.HashMap<>();
    System.getProperties().stringPropertyNames().forEach(n -> props.put(n, System.getProperty(n)));
    return new ConfigSources(yaml, containerdConfig, System.getenv(), props);
  }
}
