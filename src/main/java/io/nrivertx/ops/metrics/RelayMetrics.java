package io.nrivertx.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nrivertx.relay.RelayObserver;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The relay's upstream side (docs/operations.md): {@code <prefix>_relay_upstream_connected}
 * (gauge, 1 while registered with the runtime), {@code <prefix>_relay_reconnects_total},
 * {@code <prefix>_relay_upstream_requests_total{event,outcome}} and
 * {@code <prefix>_relay_budget_overruns_total{event}}.
 */
final class RelayMetrics implements RelayObserver {
  private final MeterRegistry registry;
  private final String prefix;
  private final AtomicInteger connected = new AtomicInteger();
  private final Counter reconnects;

  RelayMetrics(MeterRegistry registry, String prefix) {
    this.registry = registry;
    this.prefix = prefix;
    Gauge.builder(prefix + ".relay.upstream.connected", connected, AtomicInteger::get)
        .description("1 while the relay is registered with the runtime, else 0").register(registry);
    reconnects = Counter.builder(prefix + ".relay.reconnects")
        .description("Registrations with the runtime after the connection to it was lost").register(registry);
  }

  @Override
  public void upstreamConnected(boolean up) {
    connected.set(up ? 1 : 0);
  }

  @Override
  public void reconnected() {
    reconnects.increment();
  }

  @Override
  public void upstreamRequest(String event, String outcome) {
    Counter.builder(prefix + ".relay.upstream.requests")
        .description("Requests of the runtime the relay answered, by event and outcome (ok, error, rejected)")
        .tag("event", event).tag("outcome", outcome).register(registry).increment();
  }

  @Override
  public void budgetOverrun(String event) {
    Counter.builder(prefix + ".relay.budget.overruns")
        .description("Requests of the runtime whose deadline budget ran out before the plugins behind the relay answered")
        .tag("event", event).register(registry).increment();
  }
}
