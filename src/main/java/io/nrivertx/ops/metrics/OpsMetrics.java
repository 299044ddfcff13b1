package io.nrivertx.ops.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.nrivertx.cri.CriCallObserver;
import io.nrivertx.ops.MetricsOptions;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.UUID;

/**
 * The Prometheus registry of one nri-vertx process: Vert.x's own metrics (event bus, net and
 * HTTP servers, pools), the JVM's, and nri-vertx's under {@link MetricsOptions#getPrefix()}
 * (docs/operations.md). One registry per instance: nothing is shared through Micrometer's or
 * Vert.x's global registries, so two instances in one JVM keep apart.
 */
public final class OpsMetrics {
  private final MetricsOptions options;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  /** Vert.x keys its backends by name in a JVM-wide map, so every instance gets a name of its own. */
  private final String registryName = "nri-vertx-" + UUID.randomUUID();
  private final ActivePluginsGauge activePlugins;

  public OpsMetrics(MetricsOptions options) {
    this.options = new MetricsOptions(options);
    this.activePlugins = new ActivePluginsGauge(this.options.getPrefix());
  }

  public MetricsOptions options() {
    return new MetricsOptions(options);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Makes the Vert.x built from {@code builder} report into this registry. */
  public VertxBuilder install(VertxBuilder builder, VertxOptions vertxOptions) {
    vertxOptions.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .setNettyMetricsEnabled(true).setRegistryName(registryName));
    return builder.with(vertxOptions).withMetrics(new MicrometerMetricsFactory(registry));
  }

  /** containerd's {@code <prefix>_active_plugins_total} gauge (see {@link ActivePluginsGauge}). */
  public ActivePluginsGauge activePlugins() {
    return activePlugins;
  }

  /**
   * The runtime's observer that records nri-vertx's series into this registry (for
   * {@link io.nrivertx.NriOptions#setObserver}); one per runtime instance.
   */
  public io.nrivertx.observe.NriObserver observer() {
    return new NriMetrics(registry, options.getPrefix(), activePlugins);
  }

  /** Records a relay's upstream side ({@code <prefix>_relay_*}); one per relay. */
  public io.nrivertx.relay.RelayObserver relayObserver() {
    return new RelayMetrics(registry, options.getPrefix());
  }

  /** Counts the CRI endpoint's calls (for {@link io.nrivertx.cri.CriOptions#setCallObserver}). */
  public CriCallObserver criCalls() {
    return new CriCallMetrics(registry, options.getPrefix());
  }

  /** The Prometheus text exposition (format 0.0.4) of everything registered. */
  public String scrape() {
    return activePlugins.appendTo(registry.scrape(PrometheusScrape.TEXT_FORMAT));
  }
}
