package io.nrivertx.plugin.launch;

/**
 * Whether a pre-installed plugin that died is started again. NRI never restarts a plugin; nri-vertx
 * can, with a growing delay so a plugin that crashes at once does not spin.
 */
public enum RestartPolicy {
  /** NRI's behaviour: a plugin that exits or is dropped stays gone until the runtime restarts. */
  NEVER("never"),
  /** Start it again when it exited with a non-zero status, was killed, or was dropped by the runtime. */
  ON_FAILURE("on-failure");

  public static final String FORM = "\"never\" or \"on-failure\"";

  private final String text;

  RestartPolicy(String text) {
    this.text = text;
  }

  /** The spelling in configuration files. */
  public String text() {
    return text;
  }

  /** @throws IllegalArgumentException naming the accepted values */
  public static RestartPolicy parse(String text) {
    for (RestartPolicy p : values()) {
      if (p.text.equals(text)) {
        return p;
      }
    }
    throw new IllegalArgumentException("expected " + FORM + ", got \"" + text + "\"");
  }
}
