package io.nrivertx.config;

import io.nrivertx.NriOptions;
import java.nio.file.Path;

/**
 * nri-vertx's file configuration: the runtime's {@link NriOptions} plus the settings of the
 * command that runs it. Immutable: {@link #options()} hands out a copy.
 */
public record NriConfig(NriOptions options, String namespace) {
  public static final String DEFAULT_NAMESPACE = "k8s.io";

  public NriConfig {
    options = new NriOptions(options);
  }

  @Override
  public NriOptions options() {
    return new NriOptions(options);
  }

  /** The defaults: the embedded conf/nri-vertx.yaml over the built-in values. */
  public static NriConfig defaults() {
    return new ConfigLoader().defaults();
  }

  /** The defaults overlaid with the keys present in {@code file}. */
  public static NriConfig load(Path file) {
    ConfigLoader loader = new ConfigLoader();
    return loader.overlay(loader.defaults(), file);
  }

  public NriConfig withSocketPath(String socketPath) {
    return new NriConfig(options().setSocketPath(socketPath), namespace);
  }

  public NriConfig withNamespace(String namespace) {
    return new NriConfig(options, namespace);
  }
}
