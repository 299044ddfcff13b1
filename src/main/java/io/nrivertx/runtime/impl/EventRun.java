package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.nrivertx.observe.EventScope;
import io.nrivertx.plugin.PluginReply;
import io.nrivertx.plugin.RequestBytes;
import io.nrivertx.service.PluginCall;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One lifecycle event while it runs: what it is about, its deadline, the calls made so far (the
 * audit record lists them in call order) and who used how much of its time. Confined to the
 * core's context.
 */
final class EventRun<Q extends Message, R extends Message> {
  final PluginCall<Q, R> call;
  final Q request;
  final String namespace;
  final String podId;
  final String containerId;
  final Deadline deadline;
  final long acceptedNanos;
  final EventScope scope;
  private final RequestBytes encoding = new RequestBytes();
  private final List<PluginReply<?>> calls = new ArrayList<>();
  private final Map<String, Long> usedNanos = new HashMap<>();
  private String inFlight;
  /** A CreateContainer whose validators the caller asks later, with a VALIDATE event of its own. */
  boolean deferValidation;

  EventRun(PluginCall<Q, R> call, Q request, String namespace, String podId, String containerId, Deadline deadline,
           long acceptedNanos, EventScope scope) {
    this.call = call;
    this.request = request;
    this.namespace = namespace;
    this.podId = podId;
    this.containerId = containerId;
    this.deadline = deadline;
    this.acceptedNanos = acceptedNanos;
    this.scope = scope;
  }

  String method() {
    return call.method();
  }

  /** Serializes the requests of this event's calls once where they are the same object. */
  RequestBytes encoding() {
    return encoding;
  }

  void calling(String plugin) {
    inFlight = plugin;
  }

  /** Records a finished call; {@code tookNanos}, on the core's clock, counts against the plugin. */
  void called(PluginReply<?> reply, long tookNanos) {
    calls.add(reply);
    if (reply.plugin().equals(inFlight)) {
      inFlight = null;
    }
    usedNanos.merge(reply.plugin(), tookNanos, Long::sum);
  }

  List<PluginReply<?>> calls() {
    return calls;
  }

  /** The plugin being called now, or null between calls. */
  String inFlight() {
    return inFlight;
  }

  /** The plugin that used most of this event's time so far, or null when none was called. */
  String heaviest() {
    return usedNanos.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }

  long usedMillis(String plugin) {
    return usedNanos.getOrDefault(plugin, 0L) / 1_000_000;
  }
}
