package io.nrivertx.runtime.impl;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.domain.Domain;
import io.nrivertx.domain.DomainRegistry;
import io.nrivertx.plugin.BuiltinPlugin;
import io.nrivertx.plugin.PluginListener;
import io.nrivertx.plugin.launch.PluginLauncher;
import io.nrivertx.validate.DefaultValidator;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * One instance's lifecycle: starts the core on this verticle's context, the lifecycle address,
 * the builtin and pre-installed plugins, then the plugin socket; stops them in reverse. Embedders
 * hold a {@link RuntimeHandle}; remote senders use the {@link LifecycleEndpoint}.
 */
public final class RuntimeVerticle extends VerticleBase {
  private static final System.Logger LOG = System.getLogger(RuntimeVerticle.class.getName());

  private final NriOptions options;
  private final Domain domain;
  private final RuntimeClock clock;
  private RuntimeCore core;
  private LifecycleEndpoint endpoint;
  private PluginLauncher launcher;
  private PluginListener listener;
  // This runtime's cut-peer log and counts (no static state: two runtimes count apart).
  private final io.nrivertx.plugin.CutPeerLog cuts = new io.nrivertx.plugin.CutPeerLog();

  private RuntimeVerticle(NriOptions options, Domain domain, RuntimeClock clock) {
    this.options = options;
    this.domain = domain;
    this.clock = clock;
  }

  public static Future<NriRuntime> deploy(Vertx vertx, NriOptions options, Domain domain) {
    return deploy(vertx, options, domain, null);
  }

  /** As {@link #deploy(Vertx, NriOptions, Domain)} on another clock (tests); null: real time. */
  static Future<NriRuntime> deploy(Vertx vertx, NriOptions options, Domain domain, RuntimeClock clock) {
    RuntimeVerticle v = new RuntimeVerticle(options, domain, clock);
    return vertx.deployVerticle(v).map(id -> new RuntimeHandle(v.core, options, () -> vertx.undeploy(id), v.cuts));
  }

  @Override
  public Future<?> start() {
    DomainRegistry domains = new DomainRegistry();
    if (domain != null) {
      domains.register(domain);
    }
    CoreContext ctx = CoreContext.ofCurrent(clock);
    core = new RuntimeCore(ctx, options, domains);
    endpoint = new LifecycleEndpoint(core, new NriAddresses(options.getBusPrefix()));
    if (options.isDisable()) {
      LOG.log(System.Logger.Level.INFO, "NRI is disabled (disable: true): no plugin is launched or accepted; "
          + "lifecycle events are answered without any plugin");
      return endpoint.start();
    }
    launcher = new PluginLauncher(context, options, core::admit,
        core::updateContainers);
    // As in NRI: a badly named pre-installed plugin stops the start before anything runs, and
    // builtin and pre-installed plugins are synchronized before the socket accepts anyone.
    return endpoint.start()
        .compose(v -> launcher.discover())
        .compose(files -> builtins().compose(v -> launcher.start(files)))
        .compose(v -> listen())
        .recover(err -> stopPlugins().transform(ar -> Future.failedFuture(err)));
  }

  private Future<Void> builtins() {
    return options.getDefaultValidator().enable()
        ? core.admit(new BuiltinPlugin(DefaultValidator.NAME, DefaultValidator.INDEX,
            new DefaultValidator(options.getDefaultValidator())))
        : Future.succeededFuture();
  }

  private Future<?> listen() {
    if (options.isDisableConnections()) {
      LOG.log(System.Logger.Level.INFO, "external plugin connections disabled (disableConnections: true): no socket");
      return Future.succeededFuture();
    }
    listener = new PluginListener(Path.of(options.getSocketPath()), options.getRegistrationTimeout().toMillis(),
        options.getRefusalLinger(), core::updateContainers, core::admit, core::unregistered)
        .allowedUids(options.getAllowedUids()).cutLog(cuts);
    // Started on this verticle's context, not deployed on its own: accepted plugin connections
    // then live on the core's event loop, and a plugin call costs no thread hop either way.
    listener.init(vertx, context);
    return listener.start();
  }

  /** Shutdown to every plugin, connections closed, launched processes stopped and reaped. */
  private Future<Void> stopPlugins() {
    if (launcher == null) {
      return core.shutdownAll();
    }
    launcher.prepareStop();
    return core.shutdownAll().eventually(launcher::stop);
  }

  @Override
  public Future<?> stop() {
    // The socket closes (and is removed) first, so no plugin connects while the others stop.
    Future<?> closed = listener == null ? Future.succeededFuture() : listener.stop();
    return closed.eventually(endpoint::stop).eventually(this::stopPlugins);
  }
}
