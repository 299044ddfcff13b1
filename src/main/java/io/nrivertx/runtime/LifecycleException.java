package io.nrivertx.runtime;

/** A lifecycle event the plugins refused or could not agree on; the message says which and why. */
public final class LifecycleException extends RuntimeException {
  public LifecycleException(String message) {
    super(message, null, false, false);
  }
}
