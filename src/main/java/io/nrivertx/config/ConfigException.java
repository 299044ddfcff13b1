package io.nrivertx.config;

/** A configuration file nri-vertx cannot use; the message names the file, line, key and expected form. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
