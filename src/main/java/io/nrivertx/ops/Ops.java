package io.nrivertx.ops;

import io.nrivertx.ops.health.OpsHealth;
import io.nrivertx.ops.metrics.OpsMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;

/**
 * The operations side of one nri-vertx process, as {@code run} and {@code relay} set it up: a
 * Vert.x that reports into a Prometheus registry (when the endpoint is on), the health checks,
 * and the HTTP endpoint serving them (docs/operations.md). Create it before Vert.x, since Vert.x
 * takes its metrics factory when it is built.
 */
public final class Ops {
  private static final System.Logger LOG = System.getLogger(Ops.class.getName());

  private final MetricsOptions metricsOptions;
  private final OpsMetrics metrics;
  /** An io.nrivertx.ops.tracing.OpsTracing when tracing is on; typed Object so its classes load only then. */
  private final Object tracing;
  private OpsHealth health;
  private OpsServer server;

  private Ops(MetricsOptions metricsOptions, Object tracing) {
    this.metricsOptions = new MetricsOptions(metricsOptions);
    this.metrics = metricsOptions.isEnabled() ? new OpsMetrics(metricsOptions) : null;
    this.tracing = tracing;
  }

  public static Ops create(MetricsOptions metrics) {
    return new Ops(metrics, null);
  }

  /** With tracing when {@code tracing} enables it (spans to its OTLP endpoint). */
  public static Ops create(MetricsOptions metrics, TracingOptions tracing) {
    return new Ops(metrics, tracing.isEnabled() ? new io.nrivertx.ops.tracing.OpsTracing(tracing) : null);
  }

  /** With tracing into {@code tracing} (tests: an SDK on an in-memory exporter). */
  public static Ops create(MetricsOptions metrics, io.nrivertx.ops.tracing.OpsTracing tracing) {
    return new Ops(metrics, tracing);
  }

  /**
   * The Vert.x options {@code run} and {@code relay} use: native transport (the plugin socket is
   * a unix socket) and thread pools sized for a node agent (docs/operations.md, "Footprint").
   */
  public static VertxOptions processVertxOptions() {
    int cores = Runtime.getRuntime().availableProcessors();
    // One event loop per core (Vert.x's default is two): the work is short handlers, never blocking.
    // Blocking work (spawning and reaping plugins, file I/O, /metrics rendering) is occasional.
    return new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(cores)
        .setWorkerPoolSize(Math.max(4, cores)).setInternalBlockingPoolSize(Math.max(4, cores));
  }

  /** A Vert.x builder for {@code options}, reporting into this registry when there is one. */
  public VertxBuilder vertxBuilder(VertxOptions options) {
    VertxOptions copy = new VertxOptions(options);
    VertxBuilder builder = metrics == null ? Vertx.builder().with(copy) : metrics.install(Vertx.builder(), copy);
    return tracing == null ? builder : ((io.nrivertx.ops.tracing.OpsTracing) tracing).install(builder);
  }

  /**
   * Sets up the health checks and, when an address is configured, serves the endpoint. With
   * {@code mustServe} false (the built-in default address), a port that is taken is logged and
   * the process goes on without the endpoint; an address the operator chose must be free.
   */
  public Future<Ops> start(Vertx vertx, int eventLoops, boolean mustServe) {
    OpsHealth h = new OpsHealth(vertx);
    health = h; // at once, so that readiness checks can be registered before anything else has started
    return h.watchEventLoops(eventLoops).compose(v -> {
      if (!metricsOptions.isEnabled()) {
        return Future.succeededFuture(this);
      }
      return OpsServer.start(vertx, metricsOptions.getAddress(), metrics, h).map(s -> {
        server = s;
        return this;
      }).recover(err -> {
        if (mustServe) {
          return Future.failedFuture(err);
        }
        LOG.log(System.Logger.Level.ERROR, err.getMessage() + "; going on without /metrics, /healthz and /readyz"
            + " (set metrics.address or --metrics-address to another port, or to \"\" for none)");
        return Future.succeededFuture(this);
      });
    });
  }

  /**
   * What a runtime of this process reports to (set it with {@link io.nrivertx.NriOptions#setObserver}):
   * the metrics observer when there is a registry, else nothing. A new one for each runtime.
   */
  public io.nrivertx.observe.NriObserver observer() {
    io.nrivertx.observe.NriObserver m = metrics == null ? io.nrivertx.observe.NriObserver.NONE : metrics.observer();
    return tracing == null ? m
        : io.nrivertx.ops.impl.ObserverPair.of(m, ((io.nrivertx.ops.tracing.OpsTracing) tracing).observer());
  }

  /** Flushes and stops tracing (bounded); call after the runtime closed. */
  public void close() {
    if (tracing != null) {
      ((io.nrivertx.ops.tracing.OpsTracing) tracing).close();
    }
  }

  /** The registry, or null when there is no endpoint to scrape it. */
  public OpsMetrics metrics() {
    return metrics;
  }

  /** Null before {@link #start}; set as soon as it is called. */
  public OpsHealth health() {
    return health;
  }

  /** The running endpoint, or null (none configured, or its default port was taken). */
  public OpsServer server() {
    return server;
  }
}
