package io.nrivertx.observe;

/**
 * What one nri-vertx instance tells about its work, for metrics and tracing; set with
 * {@link io.nrivertx.NriOptions#setObserver}. Every method has a no-op default, so an
 * implementation overrides only what it records; {@link #NONE} (the default) costs the runtime
 * nothing beyond a comparison.
 *
 * <p>Threading: every method runs on the runtime core's context (one event-loop thread), in the
 * order things happen, except {@link #callerContext()}, which runs on the thread that calls
 * {@link io.nrivertx.NriRuntime#request}. Methods must return quickly and never block; an exception
 * thrown from one is logged and otherwise ignored. docs/observer.md says when each is called.
 */
public interface NriObserver {
  /** Observes nothing. */
  NriObserver NONE = new NriObserver() {
  };

  /**
   * The caller's context for an event whose request options carry no parent (for tracing: the
   * current span's context), taken on the calling thread before the event moves to the core.
   */
  default Object callerContext() {
    return null;
  }

  /** A lifecycle event was accepted; its scope sees its plugin calls and its end. */
  default EventScope eventStarted(EventStart event) {
    return EventScope.NONE;
  }

  /** A plugin call outside any lifecycle event: Configure, Synchronize, Shutdown. */
  default CallScope pluginCallStarted(PluginCallStart call) {
    return CallScope.NONE;
  }

  /** A plugin has a valid identity and is about to be configured. */
  default void pluginRegistered(PluginInfo plugin) {
  }

  /** A plugin was configured and synchronized and now receives events. */
  default void pluginSynchronized(PluginInfo plugin, SyncSummary sync) {
  }

  /**
   * A plugin was not admitted: no valid RegisterPlugin in time ({@code timedOut}), an invalid
   * identity, a duplicate refused by policy, or a failed Configure or Synchronize.
   */
  default void pluginRefused(PluginInfo plugin, boolean timedOut, String reason) {
  }

  /** An admitted plugin stopped receiving events: its connection closed, or it was replaced or dropped. */
  default void pluginClosed(PluginInfo plugin, String reason) {
  }

  /** The number of plugins receiving events changed (containerd's active-plugins gauge). */
  default void activePlugins(int count) {
  }

  /** Events of {@code podId} waiting or running changed to {@code depth} (0: the pod's queue is gone). */
  default void podQueueDepth(String podId, int depth) {
  }

  /** A record was published on the audit address; {@code kind} is its "kind" field. */
  default void auditPublished(String kind) {
  }
}
