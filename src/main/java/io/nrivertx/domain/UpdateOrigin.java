package io.nrivertx.domain;

/**
 * Why the core hands a domain a container update or eviction. A domain that applies changes
 * itself can ignore it; one that stands for another runtime (the relay's mirror, docs/relay.md)
 * must not, because that runtime applies each kind differently.
 */
public enum UpdateOrigin {
  /**
   * Merged from a CreateContainer, UpdateContainer or StopContainer reply. The reply that carries
   * it goes back to whoever sent the event, which applies it there too.
   */
  EVENT_REPLY,
  /** Returned by a plugin's Synchronize reply; failures are only logged, as in containerd. */
  SYNCHRONIZE,
  /** A plugin's own UpdateContainers request; failures go back to that plugin. */
  UNSOLICITED
}
