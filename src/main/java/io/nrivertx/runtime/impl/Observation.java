package io.nrivertx.runtime.impl;

import io.nrivertx.observe.CallScope;
import io.nrivertx.observe.EventEnd;
import io.nrivertx.observe.EventScope;
import io.nrivertx.observe.EventStart;
import io.nrivertx.observe.NriObserver;
import io.nrivertx.observe.PluginCallEnd;
import io.nrivertx.observe.PluginCallStart;
import io.nrivertx.observe.PluginInfo;
import io.nrivertx.observe.SyncSummary;
import io.nrivertx.plugin.Plugin;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The core's side of the {@link NriObserver}: builds what it is told only when somebody listens
 * (the default observer costs one comparison), and keeps an observer's exception from breaking
 * an event (logged, then ignored). Used on the core's context, except {@link #callerContext()}.
 */
final class Observation {
  private static final System.Logger LOG = System.getLogger(Observation.class.getName());

  private final NriObserver observer;
  private final boolean on;

  Observation(NriObserver observer) {
    this.observer = observer == null ? NriObserver.NONE : observer;
    this.on = this.observer != NriObserver.NONE;
  }

  boolean on() {
    return on;
  }

  Object callerContext() {
    return on ? get("callerContext", observer::callerContext, null) : null;
  }

  EventScope eventStarted(Supplier<EventStart> start) {
    return on ? get("eventStarted", () -> observer.eventStarted(start.get()), EventScope.NONE) : EventScope.NONE;
  }

  /** A call inside {@code event}, or outside any event when it is null. */
  CallScope callStarted(EventScope event, Supplier<PluginCallStart> start) {
    if (!on) {
      return CallScope.NONE;
    }
    return event == null ? get("pluginCallStarted", () -> observer.pluginCallStarted(start.get()), CallScope.NONE)
        : event == EventScope.NONE ? CallScope.NONE
        : get("pluginCallStarted", () -> event.pluginCallStarted(start.get()), CallScope.NONE);
  }

  Map<String, String> metadata(CallScope call) {
    return call == CallScope.NONE ? Map.of() : get("requestMetadata", call::requestMetadata, Map.of());
  }

  void callEnded(CallScope call, Supplier<PluginCallEnd> end) {
    if (call != CallScope.NONE) {
      run("pluginCallEnded", () -> call.pluginCallEnded(end.get()));
    }
  }

  void eventEnded(EventScope event, Supplier<EventEnd> end) {
    if (event != EventScope.NONE) {
      run("eventEnded", () -> event.eventEnded(end.get()));
    }
  }

  void registered(Plugin p) {
    if (on) {
      run("pluginRegistered", () -> observer.pluginRegistered(info(p)));
    }
  }

  void synchronizedPlugin(Plugin p, SyncSummary sync) {
    if (on) {
      run("pluginSynchronized", () -> observer.pluginSynchronized(info(p), sync));
    }
  }

  void refused(Plugin p, boolean timedOut, String reason) {
    if (on) {
      run("pluginRefused", () -> observer.pluginRefused(info(p), timedOut, reason));
    }
  }

  void closed(Plugin p, String reason) {
    if (on) {
      run("pluginClosed", () -> observer.pluginClosed(info(p), reason));
    }
  }

  void activePlugins(int count) {
    if (on) {
      run("activePlugins", () -> observer.activePlugins(count));
    }
  }

  void podQueueDepth(String podId, int depth) {
    if (on) {
      run("podQueueDepth", () -> observer.podQueueDepth(podId, depth));
    }
  }

  void auditPublished(String kind) {
    if (on) {
      run("auditPublished", () -> observer.auditPublished(kind));
    }
  }

  static PluginInfo info(Plugin p) {
    return new PluginInfo(p.name() == null ? null : p.id(), p.kind(), p.peer().pid(), p.peer().uid());
  }

  private static void run(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "observer failed in " + what + " (ignored): " + e, e);
    }
  }

  private static <T> T get(String what, Supplier<T> s, T fallback) {
    try {
      T t = s.get();
      return t != null ? t : fallback;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "observer failed in " + what + " (ignored): " + e, e);
      return fallback;
    }
  }
}
