package io.nrivertx.runtime.impl;

/**
 * How an event arrived: the domain it belongs to (may be null), its deadline and the caller's
 * context for the observer (may be null).
 */
record EventRequest(String namespace, Deadline deadline, Object parent) {
}
