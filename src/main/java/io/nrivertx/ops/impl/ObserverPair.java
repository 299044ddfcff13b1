package io.nrivertx.ops.impl;

import io.nrivertx.observe.CallScope;
import io.nrivertx.observe.EventEnd;
import io.nrivertx.observe.EventScope;
import io.nrivertx.observe.EventStart;
import io.nrivertx.observe.NriObserver;
import io.nrivertx.observe.PluginCallEnd;
import io.nrivertx.observe.PluginCallStart;
import io.nrivertx.observe.PluginInfo;
import io.nrivertx.observe.SyncSummary;
import java.util.HashMap;
import java.util.Map;

/** Two observers as one (metrics and tracing): each sees everything, the first one first. */
public record ObserverPair(NriObserver first, NriObserver second) implements NriObserver {
  /** {@code a} and {@code b}, or just one of them when the other is {@link NriObserver#NONE}. */
  public static NriObserver of(NriObserver a, NriObserver b) {
    return a == NONE ? b : b == NONE ? a : new ObserverPair(a, b);
  }

  @Override
  public Object callerContext() {
    Object c = first.callerContext();
    return c != null ? c : second.callerContext();
  }

  @Override
  public EventScope eventStarted(EventStart event) {
    EventScope a = first.eventStarted(event);
    EventScope b = second.eventStarted(event);
    return new EventScope() {
      @Override
      public CallScope pluginCallStarted(PluginCallStart call) {
        return calls(a.pluginCallStarted(call), b.pluginCallStarted(call));
      }

      @Override
      public void eventEnded(EventEnd end) {
        a.eventEnded(end);
        b.eventEnded(end);
      }
    };
  }

  @Override
  public CallScope pluginCallStarted(PluginCallStart call) {
    return calls(first.pluginCallStarted(call), second.pluginCallStarted(call));
  }

  private static CallScope calls(CallScope a, CallScope b) {
    return new CallScope() {
      @Override
      public Map<String, String> requestMetadata() {
        Map<String, String> ma = a.requestMetadata();
        Map<String, String> mb = b.requestMetadata();
        if (ma.isEmpty() || mb.isEmpty()) {
          return ma.isEmpty() ? mb : ma;
        }
        Map<String, String> both = new HashMap<>(ma);
        both.putAll(mb);
        return both;
      }

      @Override
      public void pluginCallEnded(PluginCallEnd end) {
        a.pluginCallEnded(end);
        b.pluginCallEnded(end);
      }
    };
  }

  @Override
  public void pluginRegistered(PluginInfo plugin) {
    first.pluginRegistered(plugin);
    second.pluginRegistered(plugin);
  }

  @Override
  public void pluginSynchronized(PluginInfo plugin, SyncSummary sync) {
    first.pluginSynchronized(plugin, sync);
    second.pluginSynchronized(plugin, sync);
  }

  @Override
  public void pluginRefused(PluginInfo plugin, boolean timedOut, String reason) {
    first.pluginRefused(plugin, timedOut, reason);
    second.pluginRefused(plugin, timedOut, reason);
  }

  @Override
  public void pluginClosed(PluginInfo plugin, String reason) {
    first.pluginClosed(plugin, reason);
    second.pluginClosed(plugin, reason);
  }

  @Override
  public void activePlugins(int count) {
    first.activePlugins(count);
    second.activePlugins(count);
  }

  @Override
  public void podQueueDepth(String podId, int depth) {
    first.podQueueDepth(podId, depth);
    second.podQueueDepth(podId, depth);
  }

  @Override
  public void auditPublished(String kind) {
    first.auditPublished(kind);
    second.auditPublished(kind);
  }
}
