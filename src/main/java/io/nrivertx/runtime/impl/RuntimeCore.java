package io.nrivertx.runtime.impl;

import io.nrivertx.NriOptions;
import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.UpdateContainersRequest;
import io.nrivertx.api.UpdateContainersResponse;
import io.nrivertx.bus.AuditRecords;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.domain.DomainRegistry;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.plugin.PluginReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The common NRI part: admits plugins (Configure, Synchronize), keeps them in dispatch order and
 * routes their unsolicited updates to the domain. Everything here runs on one context; work
 * arriving from plugin connections hops onto it first.
 */
public final class RuntimeCore {
  private static final System.Logger LOG = System.getLogger(RuntimeCore.class.getName());

  private final ContextInternal ctx;
  private final NriOptions options;
  private final DomainRegistry domains;
  private final NriAddresses addresses;
  private final PluginRegistry registry = new PluginRegistry();
  private final SyncGate gate = new SyncGate();
  private final DuplicateGuard duplicates;
  private final Synchronizer synchronizer;
  private final PendingCreations pending = new PendingCreations();
  private final List<Runnable> registrationWatchers = new ArrayList<>();

  public RuntimeCore(ContextInternal ctx, NriOptions options, DomainRegistry domains) {
    this.ctx = ctx;
    this.options = options;
    this.domains = domains;
    this.addresses = new NriAddresses(options.getBusPrefix());
    this.synchronizer = new Synchronizer(this);
    this.duplicates = new DuplicateGuard(options.getDuplicatePolicy());
    io.nrivertx.bus.LazyJson.ensureRegistered(ctx.owner());
  }

  /** Configures and synchronizes a registered plugin, then makes it receive events. */
  public Future<Void> admit(Plugin plugin) {
    return admit(plugin, "");
  }

  /** As {@link #admit(Plugin)}, sending {@code config} (a launched plugin's drop-in file) in Configure. */
  public Future<Void> admit(Plugin plugin, String config) {
    return onCore(() -> gate.exclusive(() -> duplicates.check(plugin, registry.snapshot())
        .compose(v -> registered(plugin, config))
        .compose(v -> synchronizer.synchronize(plugin))
        .compose(sync -> {
          if (plugin.isClosed()) {
            return Future.failedFuture("plugin " + plugin.id() + " closed during synchronization: "
                + plugin.closeReason());
          }
          replaceDuplicates(plugin);
          registry.add(plugin);
          plugin.closeFuture().onComplete(ar -> onCore(() -> {
            if (registry.remove(plugin)) {
              audit(AuditRecords.plugin("closed", plugin, plugin.closeReason()));
            }
            return Future.succeededFuture();
          }));
          String detail = "pods=" + sync.pods() + " containers=" + sync.containers() + " messages=" + sync.messages();
          LOG.log(System.Logger.Level.INFO, "plugin " + plugin + " synchronized (" + detail + ")");
          audit(AuditRecords.plugin("synchronized", plugin, detail));
          List.copyOf(registrationWatchers).forEach(Runnable::run);
          return Future.<Void>succeededFuture();
        })))
        .onFailure(err -> {
          LOG.log(System.Logger.Level.WARNING, "plugin " + plugin + " not admitted: " + err.getMessage(),
              err instanceof RuntimeException && !(err instanceof io.vertx.core.impl.NoStackTraceException) ? err : null);
          audit(AuditRecords.plugin("refused", plugin, err.getMessage()));
          plugin.close("not admitted: " + err.getMessage());
        });
  }

  private void replaceDuplicates(Plugin plugin) {
    for (Plugin old : duplicates.replaced(plugin, registry.snapshot())) {
      registry.remove(old);
      String why = "replaced by a new connection of " + plugin.id() + " (" + plugin.peer() + "; duplicatePolicy: replace)";
      LOG.log(System.Logger.Level.INFO, "plugin " + old + " " + why);
      audit(AuditRecords.plugin(AuditRecords.CLOSED, old, why));
      old.close(why);
    }
  }

  private Future<Void> registered(Plugin plugin, String config) {
    audit(AuditRecords.plugin(AuditRecords.REGISTERED, plugin,
        plugin instanceof io.nrivertx.plugin.PluginConnection c ? "nriVersion=" + c.nriVersion() : null));
    return configure(plugin, config);
  }

  /** A connection dropped before it registered (registration timeout, invalid identity, hang-up). */
  public void unregistered(Plugin plugin, boolean timedOut, String detail) {
    onCore(() -> {
      audit(AuditRecords.plugin(timedOut ? AuditRecords.TIMED_OUT : AuditRecords.REFUSED, plugin, detail));
      return Future.succeededFuture();
    });
  }

  private Future<Void> configure(Plugin plugin, String config) {
    ConfigureRequest req = ConfigureRequest.newBuilder()
        .setConfig(config)
        .setRuntimeName(options.getRuntimeName())
        .setRuntimeVersion(options.getRuntimeVersion())
        .setRegistrationTimeout(options.getRegistrationTimeout().toMillis())
        .setRequestTimeout(options.getRequestTimeout().toMillis())
        .setNRIVersion(NriOptions.NRI_VERSION)
        .build();
    return hop(plugin.invoke(PluginCall.CONFIGURE, req)).compose(reply -> {
      if (!reply.ok()) {
        return Future.failedFuture("failed to configure plugin: " + reply.error());
      }
      try {
        plugin.subscribe(EventMask.fromConfigure(reply.response().getEvents()), reply.response().getFailurePolicy());
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e.getMessage());
      }
      audit(AuditRecords.plugin("configured", plugin,
          "events=0x" + Integer.toHexString(plugin.events().bits())));
      return Future.succeededFuture();
    });
  }

  /** Unsolicited updates from a plugin: applied container by container; unknown ids skipped. */
  public Future<UpdateContainersResponse> updateContainers(Plugin plugin, UpdateContainersRequest req) {
    return onCore(() -> {
      LOG.log(System.Logger.Level.INFO, "plugin " + plugin.id() + " requested container updates");
      return applyUpdates(req.getUpdateList())
          .andThen(ar -> audit(AuditRecords.updateContainers(plugin, AuditRecords.UNSOLICITED, req.getUpdateList(),
              req.getEvictList(), ar.result())))
          .compose(failed -> evict(req.getEvictList()).map(failed));
    }).compose(failed -> failed.isEmpty()
        ? Future.succeededFuture(UpdateContainersResponse.getDefaultInstance())
        // containerd answers with an error (which carries no payload on ttrpc): plugins see it as err.
        : Future.failedFuture("NRI update of some containers failed: " + failed.stream()
            .map(ContainerUpdate::getContainerId).toList()));
  }

  /** nri-vertx acts on evictions (NRI v0.12 ignores them): the owning domain stops the container. */
  Future<Void> evict(List<ContainerEviction> evictions) {
    Future<Void> chain = Future.succeededFuture();
    for (ContainerEviction e : evictions) {
      chain = chain.compose(v -> hop(domains.evictContainer(e))
          .andThen(ar -> audit(AuditRecords.eviction(e, ar.failed() ? ar.cause().getMessage() : null)))
          .recover(err -> Future.succeededFuture()));
    }
    return chain;
  }

  /** @return the updates that failed without ignore_failure */
  Future<List<ContainerUpdate>> applyUpdates(Collection<ContainerUpdate> updates) {
    List<ContainerUpdate> failed = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ContainerUpdate u : updates) {
      chain = chain.compose(v -> hop(domains.updateContainer(u))
          .recover(err -> {
            if (!u.getIgnoreFailure()) {
              failed.add(u);
            }
            LOG.log(System.Logger.Level.WARNING, "update of container " + u.getContainerId() + " failed: "
                + err.getMessage());
            return Future.succeededFuture();
          }));
    }
    return chain.map(v -> failed);
  }

  /** Runs lifecycle work under the sync gate; call on the core's context. */
  <T> Future<T> shared(Supplier<Future<T>> work) {
    return gate.shared(work);
  }

  List<Plugin> plugins() {
    return registry.snapshot();
  }

  /** Prunes plugins whose connection an event found dead. */
  void prune() {
    for (Plugin p : registry.pruneClosed()) {
      audit(AuditRecords.plugin("closed", p, p.closeReason()));
    }
  }

  /** The ids ("NN-name") of the plugins receiving events now, in dispatch order. */
  public Future<List<String>> pluginIds() {
    return onCore(() -> Future.succeededFuture(registry.snapshot().stream().map(Plugin::id).toList()));
  }

  /** Completes once every named plugin ("NN-name") is admitted, fails after the timeout. */
  public Future<Void> awaitPlugins(Collection<String> ids, long timeoutMillis) {
    return onCore(() -> {
      Promise<Void> done = Promise.promise();
      Runnable check = () -> {
        if (registry.snapshot().stream().map(Plugin::id).toList().containsAll(ids)) {
          done.tryComplete();
        }
      };
      registrationWatchers.add(check);
      long timer = ctx.owner().setTimer(timeoutMillis, t -> done.tryFail("plugins not registered within "
          + timeoutMillis + " ms: waiting for " + ids + ", have "
          + registry.snapshot().stream().map(Plugin::id).toList()));
      check.run();
      return done.future().andThen(ar -> {
        registrationWatchers.remove(check);
        ctx.owner().cancelTimer(timer);
      });
    });
  }

  void audit(JsonObject record) {
    ctx.owner().eventBus().publish(addresses.audit(), record);
  }

  /** As {@link #audit(JsonObject)}, building the record only when someone receives it (every event's). */
  void audit(java.util.function.Supplier<JsonObject> record) {
    io.nrivertx.bus.LazyJson.publish(ctx.owner(), addresses.audit(), record);
  }

  PendingCreations pending() {
    return pending;
  }

  DomainRegistry domains() {
    return domains;
  }

  NriOptions options() {
    return options;
  }

  ContextInternal context() {
    return ctx;
  }

  /** Moves a future's completion onto the core's context. */
  <T> Future<T> hop(Future<T> f) {
    PromiseInternal<T> p = ctx.promise();
    f.onComplete(p);
    return p.future();
  }

  <T> Future<T> onCore(Supplier<Future<T>> work) {
    PromiseInternal<T> p = ctx.promise();
    ctx.runOnContext(v -> {
      try {
        work.get().onComplete(p);
      } catch (RuntimeException e) {
        p.fail(e);
      }
    });
    return p.future();
  }

  /**
   * Runtime shutdown: every plugin gets the Shutdown call at once (NRI sends none; a plugin may
   * want to flush or clean up), bounded by the request timeout, then every connection is closed.
   * Exclusive, so no event is cut in half.
   */
  public Future<Void> shutdownAll() {
    return onCore(() -> gate.exclusive(() -> {
      List<Plugin> all = registry.snapshot();
      List<Future<?>> calls = all.stream()
          .<Future<?>>map(p -> p.invoke(PluginCall.SHUTDOWN, io.nrivertx.api.Empty.getDefaultInstance()))
          .toList();
      return Future.join(calls).transform(ar -> {
        all.forEach(p -> p.close("runtime shutting down"));
        return Future.<Void>succeededFuture();
      });
    }));
  }
}
