package io.nrivertx.runtime.impl;

import io.nrivertx.api.Container;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Containers whose CreateContainer succeeded but which the runtime may not have stored yet: it
 * stores a container only after NRI returned the adjustment. A plugin synchronized in that window
 * would otherwise see the container neither in Synchronize nor as an event (a known NRI race that
 * containerd avoids only by holding a lock around both). Synchronize adds them from here.
 *
 * <p>The rule (docs/protocol.md, "Synchronize"): an entry lives until the domain
 * lists it, a later event names the container, or {@link #WINDOW} has passed since its creation,
 * whichever comes first; at most {@link #MAX} are kept, the oldest dropped first. A runtime that
 * never stores what it created (a create-only load, a runtime that gave up) thus costs a bounded
 * few MiB, not a live heap growing with every creation. Confined to the core's context.
 */
final class PendingCreations {
  /** Far longer than a runtime takes from NRI's answer to storing the container. */
  static final Duration WINDOW = Duration.ofSeconds(10);
  /**
   * More containers than a node has between NRI's answer and the store at any one time. Small on
   * purpose: under a create-only load an entry lives MAX creations; at 1,000 entries survived
   * young collections, were promoted and filled the old generation (~2 KB per creation) until a
   * full GC; at 256 they die young and the heap stays flat (docs/benchmarks-profiling.md).
   */
  static final int MAX = 256;

  private record Entry(Container container, long createdNanos) {
  }

  private final LongSupplier nanoTime;
  private final Runnable onCore;
  private final Map<String, Entry> pending = new LinkedHashMap<>();

  PendingCreations(CoreContext ctx) {
    this(ctx.clock()::nanoTime, () -> ctx.check("PendingCreations"));
  }

  /** For tests: a clock of their own, no context to check. */
  PendingCreations(LongSupplier nanoTime) {
    this(nanoTime, () -> { });
  }

  private PendingCreations(LongSupplier nanoTime, Runnable onCore) {
    this.nanoTime = nanoTime;
    this.onCore = onCore;
  }

  void created(Container container) {
    onCore.run();
    long now = nanoTime.getAsLong();
    expire(now);
    // Removed first so that a re-created id moves to the young end of the insertion order.
    pending.remove(container.getId());
    pending.put(container.getId(), new Entry(container, now));
    if (pending.size() > MAX) {
      pending.remove(pending.keySet().iterator().next());
    }
  }

  /** A later event for the container: the runtime stored it (or gave it up). */
  void settled(String containerId) {
    onCore.run();
    pending.remove(containerId);
  }

  /** The domain's containers plus the created ones it does not list yet. */
  List<Container> completing(List<Container> listed) {
    onCore.run();
    expire(nanoTime.getAsLong());
    if (pending.isEmpty()) {
      return listed;
    }
    Set<String> known = new HashSet<>();
    listed.forEach(c -> known.add(c.getId()));
    pending.keySet().removeIf(known::contains);
    if (pending.isEmpty()) {
      return listed;
    }
    List<Container> all = new ArrayList<>(listed);
    pending.values().forEach(e -> all.add(e.container()));
    return all;
  }

  int size() {
    return pending.size();
  }

  /** Entries are in creation order, so the expired ones are a prefix. */
  private void expire(long now) {
    long window = WINDOW.toNanos();
    for (Iterator<Entry> it = pending.values().iterator(); it.hasNext(); ) {
      if (now - it.next().createdNanos() < window) {
        return;
      }
      it.remove();
    }
  }
}
