package io.nrivertx.runtime.impl;

import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.plugin.Plugin;
import io.vertx.core.Future;
import java.util.List;

/**
 * Applies {@link DuplicatePolicy} when an external plugin registers with the "NN-name" of a
 * plugin still connected. Plugins nri-vertx owns (launched, builtin) are never displaced by an
 * external connection: a stranger on the socket must not be able to evict them by name.
 * Confined to the core's context; both steps run inside one exclusive admission, so what
 * {@link #check} saw still holds at {@link #replaced}.
 */
final class DuplicateGuard {
  private final DuplicatePolicy policy;

  DuplicateGuard(DuplicatePolicy policy) {
    this.policy = policy;
  }

  /** Before the newcomer is configured: fails when the policy refuses it. */
  Future<Void> check(Plugin newcomer, List<Plugin> active) {
    List<Plugin> same = same(newcomer, active);
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

  /** Right before the newcomer receives events: the older connections it replaces. */
  List<Plugin> replaced(Plugin newcomer, List<Plugin> active) {
    return policy == DuplicatePolicy.REPLACE ? same(newcomer, active) : List.of();
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
