package io.nrivertx.cli;

import io.nrivertx.config.NriConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every runtime-starting command shares: a config file and the overrides that beat it. */
final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML configuration read over the embedded defaults (see conf/nri-vertx.yaml).")
  Path config;

  @Option(names = "--socket", paramLabel = "PATH",
      description = "Socket plugins connect to; overrides socketPath (default /var/run/nri/nri.sock).")
  String socket;

  @Option(names = "--namespace", paramLabel = "NS",
      description = "Namespace of the in-memory runtime domain; overrides namespace (default k8s.io).")
  String namespace;

  /** @throws io.nrivertx.config.ConfigException when the file is unusable */
  NriConfig resolve() {
    NriConfig cfg = config == null ? NriConfig.defaults() : NriConfig.load(config);
    if (socket != null) {
      cfg = cfg.withSocketPath(socket);
    }
    return namespace != null ? cfg.withNamespace(namespace) : cfg;
  }
}
