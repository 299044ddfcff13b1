package io.nrivertx.stub;

/**
 * A failure of the plugin stub itself: an identity or handler set it cannot work with, a
 * connection it cannot make, a registration or configuration the runtime refused, or the
 * connection to the runtime being lost. Errors returned by the runtime for a single call arrive
 * as {@link io.nrivertx.protocol.TtrpcException} instead.
 */
public final class StubException extends RuntimeException {

  public StubException(String message) {
    super(message);
  }

  public StubException(String message, Throwable cause) {
    super(message, cause);
  }
}
