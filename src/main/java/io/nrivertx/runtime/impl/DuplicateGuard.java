package io.nrivertx.runtime.impl;

import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.plugin.Plugin;
import io.vertx.core.Future;
import java.util.List;

/**
 * Applies {@link DuplicatePolicy} (the newcomer's own, or the instance's) when an external plugin
 * registers with the "NN-name" of a plugin still connected. Plugins nri-vertx owns (launched,
 * builtin) are never displaced by an external connection: a stranger on the socket must not be
 * able to evict them by name. Confined to the core's context; {@link #check} runs again inside
 * the exclusive step that ends with {@link #replaced}, so what it saw still holds there.
 */
final class DuplicateGuard {
  private final PluginSettings settings;

  DuplicateGuard(PluginSettings settings) {
    this.settings = settings;
  }

  /** Before the newcomer is configured: fails when the policy refuses it. */
  Future<Void> check(Plugin newcomer, List<Plugin> active) {
    List<Plugin> same = same(newcomer, active);
    DuplicatePolicy policy = settings.duplicatePolicy(newcomer);
    if (same.isEmpty() || policy == DuplicatePolicy.ALLOW) {
      return Future.succeededFuture();
    }
    Plugin owned = same.stream().filter(p -> !external(p)).findFirst().orElse(null);
    if (owned != null) {
      return Future.failedFuture("plugin " + newcomer.id() + " is the " + owned.kind() + " plugin " + owned
          + ", which an external connection cannot replace (duplicatePolicy: " + policy.text() + ")");
    }
    if (policy == DuplicatePolicy.REJECT) {
      return Future.failedFuture("plugin " + newcomer.id() + " is already connected (" + same.getFirst()
          + "); refused by duplicatePolicy: reject");
    }
    return Future.succeededFuture();
  }

  /** True when the newcomer is to take over from a connected external plugin (duplicatePolicy: handover). */
  boolean handsOver(Plugin newcomer, List<Plugin> active) {
    return settings.duplicatePolicy(newcomer) == DuplicatePolicy.HANDOVER
        && same(newcomer, active).stream().allMatch(DuplicateGuard::external) && !same(newcomer, active).isEmpty();
  }

  /** Right before the newcomer receives events: the older connections it replaces or takes over from. */
  List<Plugin> replaced(Plugin newcomer, List<Plugin> active) {
    DuplicatePolicy policy = settings.duplicatePolicy(newcomer);
    return policy == DuplicatePolicy.REPLACE || policy == DuplicatePolicy.HANDOVER ? same(newcomer, active) : List.of();
  }

  private static List<Plugin> same(Plugin newcomer, List<Plugin> active) {
    if (!external(newcomer)) {
      return List.of();
    }
    return active.stream().filter(p -> p != newcomer && !p.isClosed() && p.id().equals(newcomer.id())).toList();
  }

  private static boolean external(Plugin p) {
    return "external".equals(p.kind());
  }
}
