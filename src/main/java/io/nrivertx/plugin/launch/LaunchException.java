package io.nrivertx.plugin.launch;

/** Pre-installed plugins cannot be started as configured; the message names the file and what to do. */
public final class LaunchException extends RuntimeException {
  public LaunchException(String message) {
    super(message, null, false, false);
  }
}
