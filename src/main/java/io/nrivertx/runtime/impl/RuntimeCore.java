package io.nrivertx.runtime.impl;

import io.nrivertx.NriOptions;
import io.nrivertx.api.Empty;
import io.nrivertx.api.UpdateContainersRequest;
import io.nrivertx.api.UpdateContainersResponse;
import io.nrivertx.bus.AuditRecords;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.domain.DomainRegistry;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The common NRI part of one instance, and the owner of its state: the admitted plugins in
 * dispatch order, the sync gate, the pods' queues, the containers created but not yet stored.
 * Everything here runs on the core's context; work arriving from plugin connections and embedders
 * hops onto it first ({@link CoreContext}). Events go through {@link EventRunner}, admission
 * through {@link Admission}.
 */
final class RuntimeCore {
  private final CoreContext ctx;
  private final NriOptions options;
  private final PluginSettings settings;
  private final RequiredPlugins required;
  private final DomainRegistry domains;
  private final Observation observation;
  private final Audit audit;
  private final PluginRegistry registry;
  private final SyncGate gate;
  private final PodQueues pods;
  private final PendingCreations pending;
  private final PluginCaller caller;
  private final PluginChain chain;
  private final ContainerChanges changes;
  private final Synchronizer synchronizer;
  private final Admission admission;
  private final EventRunner events;
  private final DeferredValidations deferred = new DeferredValidations();
  private final List<Runnable> registrationWatchers = new ArrayList<>();
  private final java.util.Set<Plugin> retiring = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private boolean stopping;

  RuntimeCore(CoreContext ctx, NriOptions options, DomainRegistry domains) {
    this.ctx = ctx;
    this.options = options;
    this.settings = new PluginSettings(options);
    this.required = new RequiredPlugins(options);
    this.domains = domains;
    this.observation = new Observation(options.getObserver());
    this.audit = new Audit(ctx.vertx(), new NriAddresses(options.getBusPrefix()).audit(), observation);
    this.registry = new PluginRegistry(ctx);
    this.pending = new PendingCreations(ctx);
    this.gate = new SyncGate(ctx);
    this.pods = new PodQueues(ctx, observation);
    this.caller = new PluginCaller(ctx, settings, required, observation);
    this.chain = new PluginChain(caller);
    this.changes = new ContainerChanges(ctx, domains, audit);
    this.synchronizer = new Synchronizer(this);
    this.admission = new Admission(this);
    this.events = new EventRunner(this);
  }

  /** Configures and synchronizes a registered plugin, then makes it receive events. */
  Future<Void> admit(Plugin plugin) {
    return admission.admit(plugin, "");
  }

  /** As {@link #admit(Plugin)}, sending {@code config} (a launched plugin's drop-in file) in Configure. */
  Future<Void> admit(Plugin plugin, String config) {
    return admission.admit(plugin, config);
  }

  /** A connection dropped before it registered. */
  void unregistered(Plugin plugin, boolean timedOut, String detail) {
    admission.unregistered(plugin, timedOut, detail);
  }

  /** A plugin's unsolicited UpdateContainers; refused from a plugin that handed over to its successor. */
  Future<UpdateContainersResponse> updateContainers(Plugin plugin, UpdateContainersRequest req) {
    return ctx.run(() -> {
      if (retiring.contains(plugin)) {
        return Future.failedFuture("plugin " + plugin.id() + " has handed over to its successor (duplicatePolicy:"
            + " handover); its container updates are refused");
      }
      return caller.inFlight().track(plugin, changes.unsolicited(plugin, req));
    });
  }

  /**
   * A plugin whose successor took over (duplicatePolicy: handover), already out of the dispatch
   * order: once its calls in flight have finished it gets Shutdown (bounded by its request
   * timeout), then its connection is closed.
   */
  void retire(Plugin plugin, String why) {
    ctx.check("RuntimeCore.retire");
    retiring.add(plugin);
    caller.inFlight().idle(plugin)
        .compose(v -> caller.outside(plugin, PluginCall.SHUTDOWN, Empty.getDefaultInstance(),
            settings.requestTimeout(plugin).toMillis()))
        .onComplete(ar -> {
          retiring.remove(plugin);
          plugin.close(why);
        });
  }

  /** Puts an admitted plugin into the dispatch order; its closing takes it out again. */
  void activate(Plugin plugin) {
    ctx.check("RuntimeCore.activate");
    registry.add(plugin);
    observation.activePlugins(registry.snapshot().size());
    plugin.closeFuture().onComplete(ar -> ctx.run(() -> {
      deactivate(plugin, plugin.closeReason());
      return Future.succeededFuture();
    }));
    List.copyOf(registrationWatchers).forEach(Runnable::run);
  }

  /** Takes a plugin out of the dispatch order (once), with the reason in the audit stream. */
  void deactivate(Plugin plugin, String why) {
    ctx.check("RuntimeCore.deactivate");
    if (registry.remove(plugin)) {
      audit.publish(AuditRecords.plugin(AuditRecords.CLOSED, plugin, why));
      observation.closed(plugin, why);
      observation.activePlugins(registry.snapshot().size());
    }
  }

  /** Drops the plugins whose connection an event found dead, as NRI prunes after each event. */
  void prune() {
    for (Plugin p : registry.snapshot()) {
      if (p.isClosed()) {
        deactivate(p, p.closeReason());
      }
    }
  }

  /** The plugins receiving events now, in dispatch order (an event keeps the list it started with). */
  List<Plugin> plugins() {
    return registry.snapshot();
  }

  /** The ids ("NN-name") of the plugins receiving events now, in dispatch order. */
  Future<List<String>> pluginIds() {
    return ctx.run(() -> Future.succeededFuture(registry.snapshot().stream().map(Plugin::id).toList()));
  }

  /** Completes once every named plugin ("NN-name") is admitted, fails after the timeout. */
  Future<Void> awaitPlugins(Collection<String> ids, Duration timeout) {
    return ctx.run(() -> {
      Promise<Void> done = Promise.promise();
      Runnable check = () -> {
        if (registry.snapshot().stream().map(Plugin::id).toList().containsAll(ids)) {
          done.tryComplete();
        }
      };
      registrationWatchers.add(check);
      long timer = ctx.clock().setTimer(timeout.toMillis(), () -> done.tryFail("plugins not registered within "
          + timeout.toMillis() + " ms: waiting for " + ids + ", have "
          + registry.snapshot().stream().map(Plugin::id).toList()));
      check.run();
      return done.future().andThen(ar -> {
        registrationWatchers.remove(check);
        ctx.clock().cancelTimer(timer);
      });
    });
  }

  boolean isStopping() {
    return stopping;
  }

  /**
   * Runtime shutdown: every plugin gets the Shutdown call at once (NRI sends none; a plugin may
   * want to flush or clean up), each bounded by its request timeout, then every connection is
   * closed. Exclusive, so no event is cut in half; events arriving later are refused.
   */
  Future<Void> shutdownAll() {
    return ctx.run(() -> gate.exclusive(() -> {
      stopping = true;
      List<Plugin> all = registry.snapshot();
      List<Future<?>> calls = all.stream().<Future<?>>map(p -> caller.outside(p, PluginCall.SHUTDOWN,
          Empty.getDefaultInstance(), settings.requestTimeout(p).toMillis())).toList();
      return Future.join(calls).transform(ar -> {
        all.forEach(p -> p.close("runtime shutting down"));
        List.copyOf(retiring).forEach(p -> p.close("runtime shutting down"));
        return Future.<Void>succeededFuture();
      });
    }));
  }

  CoreContext context() {
    return ctx;
  }

  NriOptions options() {
    return options;
  }

  PluginSettings settings() {
    return settings;
  }

  /** CreateContainers whose validation the caller asks for later. */
  DeferredValidations deferred() {
    return deferred;
  }

  RequiredPlugins required() {
    return required;
  }

  DomainRegistry domains() {
    return domains;
  }

  Observation observation() {
    return observation;
  }

  Audit audit() {
    return audit;
  }

  PluginRegistry registry() {
    return registry;
  }

  SyncGate gate() {
    return gate;
  }

  PodQueues pods() {
    return pods;
  }

  PendingCreations pending() {
    return pending;
  }

  PluginCaller caller() {
    return caller;
  }

  PluginChain chain() {
    return chain;
  }

  ContainerChanges changes() {
    return changes;
  }

  Synchronizer synchronizer() {
    return synchronizer;
  }

  EventRunner events() {
    return events;
  }
}
