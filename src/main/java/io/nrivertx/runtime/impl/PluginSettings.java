package io.nrivertx.runtime.impl;

import io.nrivertx.NriOptions;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.runtime.PluginPolicies;
import io.nrivertx.runtime.PluginPolicy;
import java.time.Duration;

/**
 * Per-plugin settings the core looks up at every call, for every kind of plugin (builtins
 * included): the operator's entry for the plugin ({@link PluginPolicies}) over the instance-wide
 * values, and for the failure policy over what the plugin chose in Configure
 * (docs/configuration.md, "Per-plugin settings").
 */
final class PluginSettings {
  private final Duration requestTimeout;
  private final Duration registrationTimeout;
  private final DuplicatePolicy duplicatePolicy;
  private final PluginPolicies plugins;

  PluginSettings(NriOptions options) {
    this.requestTimeout = options.getRequestTimeout();
    this.registrationTimeout = options.getRegistrationTimeout();
    this.duplicatePolicy = options.getDuplicatePolicy();
    this.plugins = options.getPlugins();
  }

  /** The operator's settings for {@code plugin}; {@link PluginPolicy#NONE} when there are none. */
  PluginPolicy policy(Plugin plugin) {
    return plugins.forPlugin(plugin.index(), plugin.name());
  }

  PluginPolicies all() {
    return plugins;
  }

  /** How long one call to {@code plugin} may take. */
  Duration requestTimeout(Plugin plugin) {
    Duration own = policy(plugin).requestTimeout();
    return own != null ? own : requestTimeout;
  }

  /** The registration timeout {@code plugin} is told in Configure. */
  Duration registrationTimeout(Plugin plugin) {
    Duration own = policy(plugin).registrationTimeout();
    return own != null ? own : registrationTimeout;
  }

  /** What a second connection with {@code plugin}'s id does. */
  DuplicatePolicy duplicatePolicy(Plugin plugin) {
    DuplicatePolicy own = policy(plugin).duplicatePolicy();
    return own != null ? own : duplicatePolicy;
  }

  /**
   * Whether a timeout or broken connection of {@code plugin} fails the request and whether a
   * timeout keeps it connected: each field the operator set wins, the others are the plugin's.
   */
  FailurePolicy failurePolicy(Plugin plugin) {
    PluginPolicy p = policy(plugin);
    FailurePolicy own = plugin.failurePolicy();
    if (p.failRequest() == null && p.keepConnected() == null) {
      return own;
    }
    return FailurePolicy.newBuilder()
        .setFailRequest(p.failRequest() != null ? p.failRequest() : own.getFailRequest())
        .setKeepConnected(p.keepConnected() != null ? p.keepConnected() : own.getKeepConnected())
        .build();
  }
}
