package io.nrivertx.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * nri-vertx's metrics, on the runtime's observer SPI (docs/observer.md): containerd's four NRI
 * series with containerd's meaning and labels, and the ones beyond them (docs/operations.md
 * lists every series). All calls come on the runtime core's context; the meters are Micrometer's
 * and safe to scrape from any thread. Meters are looked up once per label set and kept.
 */
public final class NriMetrics implements NriObserver {
  private final MeterRegistry registry;
  private final String p;
  private final ActivePluginsGauge active;
  private final Map<PluginCallKey, Counter> invocations = new HashMap<>();
  private final Map<PluginCallKey, Timer> latencies = new HashMap<>();
  private final Map<PluginCallKey, Counter> other = new HashMap<>();
  private final Map<String, Timer> requests = new HashMap<>();
  /** Synchronize messages answered so far, per plugin still being synchronized. */
  private final Map<String, Long> syncNanos = new HashMap<>();
  private final Map<String, Integer> podQueues = new ConcurrentHashMap<>();
  private final AtomicInteger queuedEvents = new AtomicInteger();
  private final CallScope calls = new CallScope() {
    @Override
    public void pluginCallEnded(PluginCallEnd end) {
      record(end);
    }
  };
  private final EventScope events = new EventScope() {
    @Override
    public CallScope pluginCallStarted(PluginCallStart call) {
      return calls;
    }

    @Override
    public void eventEnded(EventEnd end) {
      requests.computeIfAbsent(end.operation() + '/' + end.outcome(), k -> Timer.builder(p + ".request.duration")
          .description("Lifecycle events from acceptance to answer (waiting for the pod's earlier events included)")
          .tag("operation", end.operation()).tag("outcome", end.outcome()).serviceLevelObjectives(Buckets.SECONDS)
          .register(registry)).record(end.duration());
    }
  };

  NriMetrics(MeterRegistry registry, String prefix, ActivePluginsGauge active) {
    this.registry = registry;
    this.p = prefix;
    this.active = active;
    Gauge.builder(p + ".pod.queue.events", queuedEvents, AtomicInteger::get)
        .description("Lifecycle events waiting or running, over every pod").register(registry);
    Gauge.builder(p + ".pod.queue.depth.max", podQueues, q -> q.values().stream().mapToInt(Integer::intValue).max()
        .orElse(0)).description("The deepest pod queue: events of one pod waiting or running").register(registry);
  }

  @Override
  public EventScope eventStarted(EventStart event) {
    return events;
  }

  @Override
  public CallScope pluginCallStarted(PluginCallStart call) {
    return calls;
  }

  /**
   * containerd's three per-call series, and the timeouts and failure-policy decisions. As in
   * containerd, Configure and Shutdown are not invocations, and a Synchronize split into several
   * messages is one: it is counted when the plugin is admitted (or when a message fails), with the
   * latency of all its messages.
   */
  private void record(PluginCallEnd end) {
    String op = end.operation();
    boolean counted = !op.equals("Configure") && !op.equals("Shutdown");
    if (op.equals("Synchronize") && end.outcome() == PluginCallEnd.Outcome.OK) {
      syncNanos.merge(end.plugin(), end.latency().toNanos(), Long::sum);
      counted = false;
    }
    if (counted) {
      long nanos = op.equals("Synchronize") ? end.latency().toNanos() + orZero(syncNanos.remove(end.plugin()))
          : end.latency().toNanos();
      invocation(end.plugin(), op, end.status(), end.errorLabel(), end.outcome() != PluginCallEnd.Outcome.NOT_CALLED
          ? nanos : -1);
    }
    if (end.outcome() == PluginCallEnd.Outcome.OK) {
      count(end, "adjustments", "type", "update", end.updates());
      count(end, "adjustments", "type", "evict", end.evictions());
      return;
    }
    if (end.outcome() == PluginCallEnd.Outcome.TIMEOUT || end.outcome() == PluginCallEnd.Outcome.NOT_CALLED) {
      count(end, "timeouts", "when", end.outcome() == PluginCallEnd.Outcome.TIMEOUT ? "called" : "no_time_left", 1);
    }
    String decision = end.closedPlugin() ? "closed_plugin" : end.failedEvent() ? "failed_event" : "continued";
    count(end, "failures", "decision", decision, 1);
  }

  /** One invocation and, unless {@code nanos} is negative (not called), its latency. */
  private void invocation(String plugin, String op, String status, String error, long nanos) {
    invocations.computeIfAbsent(new PluginCallKey(plugin, op, status, error), k -> Counter.builder(
        p + ".plugin.invocations").description("Number of NRI plugin invocations").tag("plugin", k.plugin())
        .tag("operation", k.operation()).tag("status", k.status()).tag("error", k.error()).register(registry))
        .increment();
    if (nanos >= 0) {
      latencies.computeIfAbsent(new PluginCallKey(plugin, op, "", ""), k -> Timer.builder(p + ".plugin.latency")
          .description("NRI plugin operation latency").tag("plugin", k.plugin()).tag("operation", k.operation())
          .serviceLevelObjectives(Buckets.SECONDS).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private void count(PluginCallEnd end, String family, String label, String value, int n) {
    if (n <= 0) {
      return;
    }
    other.computeIfAbsent(new PluginCallKey(end.plugin(), end.operation(), family, value),
        k -> Counter.builder(p + ".plugin." + family).description(Descriptions.of(family))
            .tag("plugin", k.plugin()).tag("operation", k.operation()).tag(label, value).register(registry))
        .increment(n);
  }

  @Override
  public void pluginSynchronized(PluginInfo plugin, SyncSummary sync) {
    Long nanos = syncNanos.remove(String.valueOf(plugin.id()));
    if (nanos != null) {
      invocation(plugin.id(), "Synchronize", "success", "", nanos);
    }
    registration(plugin, "admitted");
    Timer.builder(p + ".plugin.sync.duration").description("Plugin admission: Configure, Synchronize, its updates")
        .tag("plugin", String.valueOf(plugin.id())).register(registry).record(sync.duration());
    summary("pods", plugin, sync.pods());
    summary("containers", plugin, sync.containers());
    summary("messages", plugin, sync.messages());
  }

  private void summary(String what, PluginInfo plugin, int value) {
    DistributionSummary.builder(p + ".plugin.sync." + what).description("Synchronize size: " + what + " sent")
        .tag("plugin", String.valueOf(plugin.id())).register(registry).record(value);
  }

  @Override
  public void pluginRefused(PluginInfo plugin, boolean timedOut, String reason) {
    syncNanos.remove(String.valueOf(plugin.id()));
    registration(plugin, timedOut ? "timed_out" : "refused");
  }

  private void registration(PluginInfo plugin, String outcome) {
    Counter.builder(p + ".plugin.registrations").description("Plugin registrations, by how they ended")
        .tag("kind", plugin.kind()).tag("outcome", outcome).register(registry).increment();
  }

  @Override
  public void pluginClosed(PluginInfo plugin, String reason) {
    Counter.builder(p + ".plugin.closed").description("Admitted plugins that stopped receiving events")
        .tag("kind", plugin.kind()).register(registry).increment();
  }

  @Override
  public void activePlugins(int count) {
    active.set(count);
  }

  @Override
  public void podQueueDepth(String podId, int depth) {
    Integer before = depth == 0 ? podQueues.remove(podId) : podQueues.put(podId, depth);
    queuedEvents.addAndGet(depth - (before == null ? 0 : before));
  }

  @Override
  public void auditPublished(String kind) {
    Counter.builder(p + ".audit.records").description("Records published on the audit address")
        .tag("kind", kind).register(registry).increment();
  }

  /** One label set of a per-call series. */
  private record PluginCallKey(String plugin, String operation, String status, String error) {
  }
}
