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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes down everything it is told, one line per call, and the records it got. */
final class RecordingObserver implements NriObserver {
  final List<String> lines = new CopyOnWriteArrayList<>();
  final List<EventStart> starts = new CopyOnWriteArrayList<>();
  final List<EventEnd> ends = new CopyOnWriteArrayList<>();
  final List<PluginCallEnd> callEnds = new CopyOnWriteArrayList<>();
  final List<Thread> threads = new CopyOnWriteArrayList<>();
  volatile Object callerContext;

  @Override
  public Object callerContext() {
    return callerContext;
  }

  @Override
  public EventScope eventStarted(EventStart event) {
    starts.add(event);
    threads.add(Thread.currentThread());
    lines.add("event " + event.operation() + " " + event.podId() + "/" + event.containerId());
    return new EventScope() {
      @Override
      public CallScope pluginCallStarted(PluginCallStart call) {
        return scope("call " + call.plugin() + " " + call.operation() + " " + call.timeout().toMillis() + "ms");
      }

      @Override
      public void eventEnded(EventEnd end) {
        ends.add(end);
        lines.add("end " + end.operation() + " " + end.outcome());
      }
    };
  }

  @Override
  public CallScope pluginCallStarted(PluginCallStart call) {
    return scope("outside " + call.plugin() + " " + call.operation());
  }

  private CallScope scope(String line) {
    lines.add(line);
    return new CallScope() {
      @Override
      public Map<String, String> requestMetadata() {
        return Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
      }

      @Override
      public void pluginCallEnded(PluginCallEnd end) {
        callEnds.add(end);
        lines.add("ended " + end.plugin() + " " + end.operation() + " " + end.outcome() + " " + end.errorLabel()
            + (end.closedPlugin() ? " closed" : "") + (end.failedEvent() ? " failed" : ""));
      }
    };
  }

  @Override
  public void pluginRegistered(PluginInfo plugin) {
    lines.add("registered " + plugin.id() + " " + plugin.kind());
  }

  @Override
  public void pluginSynchronized(PluginInfo plugin, SyncSummary sync) {
    lines.add("synchronized " + plugin.id() + " pods=" + sync.pods() + " containers=" + sync.containers()
        + " messages=" + sync.messages());
  }

  @Override
  public void pluginRefused(PluginInfo plugin, boolean timedOut, String reason) {
    lines.add("refused " + plugin.id() + (timedOut ? " timedOut " : " ") + reason);
  }

  @Override
  public void pluginClosed(PluginInfo plugin, String reason) {
    lines.add("closed " + plugin.id() + " " + reason);
  }

  @Override
  public void activePlugins(int count) {
    lines.add("active " + count);
  }

  @Override
  public void auditPublished(String kind) {
    lines.add("audit " + kind);
  }

  /** The lines that start with one of the prefixes, in order. */
  List<String> only(String... prefixes) {
    return lines.stream().filter(l -> java.util.Arrays.stream(prefixes).anyMatch(l::startsWith)).toList();
  }
}
