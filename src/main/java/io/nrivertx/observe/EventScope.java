package io.nrivertx.observe;

/** One lifecycle event as an observer follows it; called on the core's context. */
public interface EventScope {
  EventScope NONE = new EventScope() {
  };

  /** A plugin is about to be called for this event (validators included). */
  default CallScope pluginCallStarted(PluginCallStart call) {
    return CallScope.NONE;
  }

  /** The event is answered, successfully or not. Called once, after every call of the event ended. */
  default void eventEnded(EventEnd end) {
  }
}
