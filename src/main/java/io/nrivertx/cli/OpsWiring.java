package io.nrivertx.cli;

import io.nrivertx.NriRuntime;
import io.nrivertx.config.NriConfig;
import io.nrivertx.ops.Ops;
import io.nrivertx.ops.OpsServer;
import io.nrivertx.ops.health.OpsHealth;
import io.nrivertx.ops.health.ReadinessChecks;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What {@code run} adds to the operations endpoint: its readiness checks, registered before the
 * runtime starts so that {@code /readyz} says "not started yet" meanwhile, and the start-up line
 * naming the endpoint (docs/operations.md).
 */
final class OpsWiring {
  private OpsWiring() {
  }

  /** An address the operator set must be served; only the built-in default may be skipped when taken. */
  static boolean mustServe(NriConfig cfg) {
    String source = cfg.setting("metrics.address").source();
    return !source.startsWith("embedded ") && !source.equals("built-in default");
  }

  /**
   * {@code nri-socket}, {@code plugins} (the default validator's required plugins when it is
   * enabled, and the plugins marked {@code required: true}) and, with a CRI endpoint, {@code cri-endpoint}.
   */
  static void runChecks(OpsHealth health, Vertx vertx, NriConfig cfg, AtomicReference<NriRuntime> runtime,
                        AtomicReference<Path> criSocket, boolean withCri) {
    var validator = cfg.options().getDefaultValidator();
    // The default validator's required plugins (when it runs) and those the plugins: section marks required.
    List<String> required = java.util.stream.Stream.concat(
        (validator.enable() ? validator.requiredPlugins() : List.<String>of()).stream(),
        cfg.options().getPlugins().required().stream()).distinct().toList();
    health.ready("nri-socket", ReadinessChecks.nriSocket(vertx, runtime::get));
    health.ready("plugins", ReadinessChecks.plugins(runtime::get, () -> required));
    if (withCri) {
      health.ready("cri-endpoint", ReadinessChecks.unixSocketAccepts(vertx, criSocket::get, "the CRI endpoint"));
    }
  }

  /** The start-up line about the endpoint, or null when none is served. */
  static String describe(Ops ops, Supplier<String> why) {
    OpsServer server = ops.server();
    if (server == null) {
      return why.get();
    }
    return "operations endpoint on " + server.url() + " (" + (ops.metrics() != null ? "/metrics, " : "")
        + "/healthz, /readyz)";
  }
}
