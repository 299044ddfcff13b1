package io.nrivertx.runtime.impl;

import io.nrivertx.NriOptions;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.plugin.Plugin;
import java.time.Duration;

/**
 * Per-plugin settings the core looks up at every call, so settings per plugin id (an operator's
 * timeout or failure policy for one plugin) change this class only, never the event runner.
 * Today every plugin, builtins included, has the instance's request timeout and its own policy.
 */
final class PluginSettings {
  private final Duration requestTimeout;

  PluginSettings(NriOptions options) {
    this.requestTimeout = options.getRequestTimeout();
  }

  /** How long one call to {@code plugin} may take. */
  Duration requestTimeout(Plugin plugin) {
    return requestTimeout;
  }

  /** Whether a timeout or broken connection of {@code plugin} fails the request and closes it. */
  FailurePolicy failurePolicy(Plugin plugin) {
    return plugin.failurePolicy();
  }
}
