package io.nrivertx.runtime;

/**
 * What happens when an external plugin registers with the "NN-name" of a plugin that is still
 * connected. NRI keeps both and treats them as one owner of the fields they adjust, so two copies
 * of one plugin (a restarted plugin whose old connection is not dead yet, or two started by
 * mistake) both receive every event. nri-vertx replaces the older one by default.
 */
public enum DuplicatePolicy {
  /** The newcomer is admitted and the older external connection with that id is closed. */
  REPLACE("replace"),
  /** The newcomer is refused while the older connection lives. */
  REJECT("reject"),
  /** Both stay, as in NRI. */
  ALLOW("allow"),
  /**
   * Zero-downtime upgrade: the older connection keeps serving while the newcomer is configured;
   * the newcomer takes over in one step once synchronized, and the older one then gets Shutdown
   * once its calls in flight have finished (docs/configuration.md, "Plugin upgrades").
   */
  HANDOVER("handover");

  public static final String FORM = "\"replace\", \"reject\", \"allow\" or \"handover\"";

  private final String text;

  DuplicatePolicy(String text) {
    this.text = text;
  }

  /** The spelling in configuration files. */
  public String text() {
    return text;
  }

  /** @throws IllegalArgumentException naming the accepted values */
  public static DuplicatePolicy parse(String text) {
    for (DuplicatePolicy p : values()) {
      if (p.text.equals(text)) {
        return p;
      }
    }
    throw new IllegalArgumentException("expected " + FORM + ", got \"" + text + "\"");
  }
}
