package io.nrivertx.runtime.impl;

/**
 * How an event arrived: the domain it belongs to (may be null), its deadline, the caller's
 * context for the observer (may be null), and whether a CreateContainer's validation is left to
 * the caller ({@link io.nrivertx.RequestOptions#setDeferValidation}).
 */
record EventRequest(String namespace, Deadline deadline, Object parent, boolean deferValidation) {
  EventRequest(String namespace, Deadline deadline, Object parent) {
    this(namespace, deadline, parent, false);
  }
}
