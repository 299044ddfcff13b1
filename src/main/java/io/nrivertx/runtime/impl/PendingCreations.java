package io.nrivertx.runtime.impl;

import io.nrivertx.api.Container;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Containers whose CreateContainer succeeded but which the runtime may not have stored yet: it
 * stores a container only after NRI returned the adjustment. A plugin synchronized in that window
 * would otherwise see the container neither in Synchronize nor as an event (a known NRI race that
 * containerd avoids only by holding a lock around both). Synchronize adds them from here until
 * the domain lists them or a later event for the container shows the runtime has it.
 * Confined to the core's context.
 */
final class PendingCreations {
  /** Bound for runtimes that never follow up; older entries are dropped first. */
  private static final int MAX = 10_000;
  private final CoreContext ctx;
  private final Map<String, Container> pending = new LinkedHashMap<>();

  PendingCreations(CoreContext ctx) {
    this.ctx = ctx;
  }

  void created(Container container) {
    ctx.check("PendingCreations");
    pending.put(container.getId(), container);
    if (pending.size() > MAX) {
      pending.remove(pending.keySet().iterator().next());
    }
  }

  /** A later event for the container: the runtime stored it (or gave it up). */
  void settled(String containerId) {
    ctx.check("PendingCreations");
    pending.remove(containerId);
  }

  /** The domain's containers plus the created ones it does not list yet. */
  List<Container> completing(List<Container> listed) {
    ctx.check("PendingCreations");
    Set<String> known = new HashSet<>();
    listed.forEach(c -> known.add(c.getId()));
    pending.keySet().removeIf(known::contains);
    if (pending.isEmpty()) {
      return listed;
    }
    List<Container> all = new ArrayList<>(listed);
    all.addAll(pending.values());
    return all;
  }

  int size() {
    return pending.size();
  }
}
