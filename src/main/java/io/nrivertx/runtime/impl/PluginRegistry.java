package io.nrivertx.runtime.impl;

import io.nrivertx.plugin.Plugin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The active plugins in dispatch order: by index, then by name (NRI leaves equal indices in an
 * unspecified order; a stable one makes results reproducible). Copy-on-write so an event keeps the
 * list it started with. Confined to the core's context.
 */
final class PluginRegistry {
  private static final Comparator<Plugin> ORDER =
      Comparator.comparing(Plugin::index).thenComparing(Plugin::name);

  private final CoreContext ctx;
  private List<Plugin> active = List.of();

  PluginRegistry(CoreContext ctx) {
    this.ctx = ctx;
  }

  List<Plugin> snapshot() {
    return active;
  }

  void add(Plugin plugin) {
    ctx.check("PluginRegistry");
    List<Plugin> next = new ArrayList<>(active);
    next.add(plugin);
    next.sort(ORDER);
    active = List.copyOf(next);
  }

  boolean remove(Plugin plugin) {
    ctx.check("PluginRegistry");
    if (!active.contains(plugin)) {
      return false;
    }
    List<Plugin> next = new ArrayList<>(active);
    next.remove(plugin);
    active = List.copyOf(next);
    return true;
  }
}
