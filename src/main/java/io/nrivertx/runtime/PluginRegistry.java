package io.nrivertx.runtime;

import io.nrivertx.plugin.PluginConnection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The active plugins in dispatch order: by index, then by name (NRI leaves equal indices in an
 * unspecified order; a stable one makes results reproducible). Copy-on-write so an event keeps the
 * list it started with. Confined to the core's context.
 */
final class PluginRegistry {
  private static final Comparator<PluginConnection> ORDER =
      Comparator.comparing(PluginConnection::index).thenComparing(PluginConnection::name);

  private List<PluginConnection> active = List.of();

  List<PluginConnection> snapshot() {
    return active;
  }

  void add(PluginConnection plugin) {
    List<PluginConnection> next = new ArrayList<>(active);
    next.add(plugin);
    next.sort(ORDER);
    active = List.copyOf(next);
  }

  boolean remove(PluginConnection plugin) {
    if (!active.contains(plugin)) {
      return false;
    }
    List<PluginConnection> next = new ArrayList<>(active);
    next.remove(plugin);
    active = List.copyOf(next);
    return true;
  }

  /** Drops the plugins whose connection died, as NRI prunes after each event. */
  List<PluginConnection> pruneClosed() {
    List<PluginConnection> closed = active.stream().filter(PluginConnection::isClosed).toList();
    closed.forEach(this::remove);
    return closed;
  }
}
