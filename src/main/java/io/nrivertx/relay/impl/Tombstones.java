package io.nrivertx.relay.impl;

import com.google.protobuf.Message;
import io.nrivertx.api.Container;
import io.nrivertx.service.PluginCall;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Ids of pods and containers the relay reported removed downstream after a re-synchronization
 * while the runtime may still hold them (stopped containers are not listed by Synchronize). The
 * runtime's own Stop/Remove events for them later are answered without telling plugins a second
 * time. Bounded: the oldest ids are forgotten first. Thread-safe: filled on the relay's context,
 * asked on the stub's.
 */
final class Tombstones {
  private static final System.Logger LOG = System.getLogger(Tombstones.class.getName());
  private static final int MAX = 10_000;
  private final Set<String> ids = new LinkedHashSet<>();

  synchronized void add(String kind, String id) {
    ids.add(kind + "/" + id);
    if (ids.size() > MAX) {
      Iterator<String> oldest = ids.iterator();
      oldest.next();
      oldest.remove();
    }
  }

  synchronized boolean contains(String kind, String id) {
    return ids.contains(kind + "/" + id);
  }

  /** Forgets an id whose final event (Remove) has arrived. */
  synchronized void bury(String kind, String id) {
    ids.remove(kind + "/" + id);
  }

  /**
   * Whether this event is about a pod or container already reported removed (then it is not
   * passed on, and a Remove ends the tombstone).
   */
  boolean alreadyRemoved(PluginCall<?, ?> call, Message request) {
    Container c = Requests.container(request);
    String kind = c != null ? "container" : "pod";
    String id = c != null ? c.getId() : Requests.pod(request) != null ? Requests.pod(request).getId() : null;
    if (id == null || !contains(kind, id)) {
      return false;
    }
    if (call == PluginCall.REMOVE_CONTAINER || call == PluginCall.REMOVE_POD_SANDBOX) {
      bury(kind, id);
    }
    LOG.log(Level.INFO, "relay: {0} for {1} {2} not passed on: plugins were told it was removed when the relay "
        + "re-synchronized with the runtime", call.method(), kind, id);
    return true;
  }
}
