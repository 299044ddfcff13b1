package io.nrivertx.protocol;

import io.vertx.core.Future;

/**
 * Serves one ttrpc method. Called on the connection's event loop; must not block it.
 *
 * <p>Fail the future with a {@link TtrpcException} to choose the status code; any other failure
 * is sent as UNKNOWN (2) with the exception's message, as a Go server does.
 */
@FunctionalInterface
public interface TtrpcHandler {

  /**
   * @param payload the encoded request message
   * @param timeoutNanos the caller's remaining deadline from {@code Request.timeout_nano}, 0 = none
   * @return the encoded response message
   */
  Future<byte[]> apply(byte[] payload, long timeoutNanos);
}
