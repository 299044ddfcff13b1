package io.nrivertx.stub.v010;

/** A v0.1 plugin chain failed: bad configuration, a plugin missing, failing, or too slow. */
public final class V010Exception extends RuntimeException {
  public V010Exception(String message) {
    super(message);
  }

  public V010Exception(String message, Throwable cause) {
    super(message, cause);
  }
}
