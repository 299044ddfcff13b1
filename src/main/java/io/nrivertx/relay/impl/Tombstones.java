package io.nrivertx.relay.impl;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Ids of pods and containers the relay reported removed downstream after a re-synchronization
 * while the runtime may still hold them (stopped containers are not listed by Synchronize). The
 * runtime's own Stop/Remove events for them later are answered without telling plugins a second
 * time. Bounded: the oldest ids are forgotten first. Not thread-safe (the relay's context).
 */
final class Tombstones {
  private static final int MAX = 10_000;
  private final Set<String> ids = new LinkedHashSet<>();

  void add(String kind, String id) {
    ids.add(kind + "/" + id);
    if (ids.size() > MAX) {
      Iterator<String> oldest = ids.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  boolean contains(String kind, String id) {
    return ids.contains(kind + "/" + id);
  }

  /** Forgets an id whose final event (Remove) has arrived. */
  void bury(String kind, String id) {
    ids.remove(kind + "/" + id);
  }
}
