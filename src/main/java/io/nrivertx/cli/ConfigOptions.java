package io.nrivertx.cli;

import io.nrivertx.config.ConfigSources;
import io.nrivertx.config.NriConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every runtime-starting command shares: the configuration sources and the flags that
 * beat them all (precedence: docs/configuration.md).
 */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "nri-vertx's YAML configuration, read over the defaults and containerd's config (see conf/nri-vertx.yaml).")
  Path config;

  @Option(names = "--containerd-config", paramLabel = "FILE",
      description = "containerd's config.toml: its [plugins.\"io.containerd.nri.v1.nri\"] section (1.7 or 2.x keys) and "
          + "the nri.conf its config_file names are read under --config.")
  Path containerdConfig;

  @Option(names = "--socket", paramLabel = "PATH",
      description = "Socket plugins connect to; overrides socketPath (default /var/run/nri/nri.sock).")
  String socket;

  @Option(names = "--plugin-path", paramLabel = "DIR",
      description = "Directory of pre-installed NN-name plugins to launch; overrides pluginPath (default /opt/nri/plugins; "
          + "\"\" launches none).")
  String pluginPath;

  @Option(names = "--plugin-config-path", paramLabel = "DIR",
      description = "Drop-in directory (NN-name.conf, then name.conf); overrides pluginConfigPath (default /etc/nri/conf.d).")
  String pluginConfigPath;

  @Option(names = "--namespace", paramLabel = "NS",
      description = "Namespace of the in-memory runtime domain; overrides namespace (default k8s.io).")
  String namespace;

  @Option(names = "--log-level", paramLabel = "LEVEL",
      description = "error, warn, info, debug or trace; overrides logging.level (default info).")
  String logLevel;

  @Option(names = "--log-format", paramLabel = "FORMAT",
      description = "text (one line per record) or json (one object per line, for journald or Loki); overrides "
          + "logging.format (default text).")
  String logFormat;

  @Option(names = "--metrics-address", paramLabel = "HOST:PORT",
      description = "Where /metrics, /healthz and /readyz are served; overrides metrics.address (default "
          + "127.0.0.1:9464; port 0 picks a free one; \"\" serves none).")
  String metricsAddress;

  /** @throws io.nrivertx.config.ConfigException when a source is unusable */
  NriConfig resolve() {
    NriConfig cfg = NriConfig.resolve(ConfigSources.of(config, containerdConfig));
    cfg = socket == null ? cfg : cfg.override("socketPath", socket, "--socket");
    cfg = pluginPath == null ? cfg : cfg.override("pluginPath", pluginPath, "--plugin-path");
    cfg = pluginConfigPath == null ? cfg : cfg.override("pluginConfigPath", pluginConfigPath, "--plugin-config-path");
    cfg = logLevel == null ? cfg : cfg.override("logging.level", logLevel, "--log-level");
    cfg = logFormat == null ? cfg : cfg.override("logging.format", logFormat, "--log-format");
    cfg = metricsAddress == null ? cfg : cfg.override("metrics.address", metricsAddress, "--metrics-address");
    cfg = namespace == null ? cfg : cfg.override("namespace", namespace, "--namespace");
    // Read last: the drop-in directory may come from any source, --plugin-config-path included.
    return cfg.withPluginSettingFiles();
  }
}
