package io.nrivertx.merge;

/**
 * A plugin response could not be merged into the pending result. The message is the one the Go
 * adaptation would return to the runtime, so operators see the same text whichever runtime they use.
 */
public class MergeException extends RuntimeException {

  public MergeException(String message) {
    super(message);
  }

  /** The update error Go raises when a CreateContainer reply tries to update the new container itself. */
  static MergeException updateDuringCreation(String plugin, String containerId) {
    return new MergeException("plugin " + GoText.quote(plugin) + " asked update of "
        + GoText.quote(containerId) + " during creation");
  }
}
