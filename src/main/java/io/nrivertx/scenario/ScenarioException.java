package io.nrivertx.scenario;

/** A scenario file that cannot be run as written; the message names the file, line and key. */
public final class ScenarioException extends RuntimeException {
  public ScenarioException(String message) {
    super(message, null, false, false);
  }
}
