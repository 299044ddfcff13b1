package io.nrivertx.runtime.impl;

import io.nrivertx.NriOptions;
import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.bus.AuditRecords;
import io.nrivertx.observe.SyncSummary;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.plugin.PluginConnection;
import io.nrivertx.runtime.DuplicatePolicy;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import java.time.Duration;

/**
 * How a registered plugin comes to receive events (docs/protocol.md, "Registration"): the
 * duplicate policy, Configure, Synchronize, then a place in the dispatch order, all exclusive of
 * events (the sync gate) so no container is created unseen in between; a successor taking over
 * (duplicatePolicy: handover) is configured while the older connection still serves. A plugin
 * not admitted is closed with the reason. Runs on the core's context.
 */
final class Admission {
  private static final System.Logger LOG = System.getLogger(Admission.class.getName());

  private final RuntimeCore core;
  private final DuplicateGuard duplicates;

  Admission(RuntimeCore core) {
    this.core = core;
    this.duplicates = new DuplicateGuard(core.settings());
  }

  /** Configures (sending {@code config}, a launched plugin's drop-in file) and synchronizes the plugin. */
  Future<Void> admit(Plugin plugin, String config) {
    return core.context().run(() -> {
      long start = core.context().clock().nanoTime();
      if (duplicates.handsOver(plugin, core.registry().snapshot())) {
        // duplicatePolicy: handover. The older connection keeps serving while its successor is
        // configured; Synchronize and the switch are one exclusive step, so the successor's
        // snapshot is the state at the switch and every event goes to exactly one of the two.
        return duplicates.check(plugin, core.registry().snapshot())
            .compose(v -> configure(plugin, config))
            .compose(v -> core.gate().exclusive(() -> duplicates.check(plugin, core.registry().snapshot())
                .compose(v2 -> core.synchronizer().synchronize(plugin))
                .compose(sync -> activate(plugin, sync, Duration.ofNanos(core.context().clock().nanoTime() - start)))));
      }
      return core.gate().exclusive(() -> duplicates.check(plugin, core.registry().snapshot())
          .compose(v -> configure(plugin, config))
          .compose(v -> core.synchronizer().synchronize(plugin))
          .compose(sync -> activate(plugin, sync, Duration.ofNanos(core.context().clock().nanoTime() - start))));
    }).onFailure(err -> {
      LOG.log(System.Logger.Level.WARNING, "plugin " + plugin + " not admitted: " + err.getMessage(),
          err instanceof RuntimeException && !(err instanceof io.vertx.core.VertxException) ? err : null);
      core.audit().publish(AuditRecords.plugin(AuditRecords.REFUSED, plugin, err.getMessage()));
      core.observation().refused(plugin, false, err.getMessage());
      plugin.close("not admitted: " + err.getMessage());
    });
  }

  private Future<Void> configure(Plugin plugin, String config) {
    core.audit().publish(AuditRecords.plugin(AuditRecords.REGISTERED, plugin,
        plugin instanceof PluginConnection c ? "nriVersion=" + c.nriVersion() : null));
    core.observation().registered(plugin);
    NriOptions options = core.options();
    ConfigureRequest req = ConfigureRequest.newBuilder()
        .setConfig(config)
        .setRuntimeName(options.getRuntimeName())
        .setRuntimeVersion(options.getRuntimeVersion())
        .setRegistrationTimeout(core.settings().registrationTimeout(plugin).toMillis())
        .setRequestTimeout(core.settings().requestTimeout(plugin).toMillis())
        .setNRIVersion(NriOptions.NRI_VERSION)
        .build();
    long timeout = core.settings().requestTimeout(plugin).toMillis();
    return core.caller().outside(plugin, PluginCall.CONFIGURE, req, timeout).compose(reply -> {
      if (!reply.ok()) {
        return Future.failedFuture("failed to configure plugin: " + reply.error());
      }
      try {
        plugin.subscribe(EventMask.fromConfigure(reply.response().getEvents()), reply.response().getFailurePolicy());
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e.getMessage());
      }
      core.audit().publish(AuditRecords.plugin(AuditRecords.CONFIGURED, plugin,
          "events=0x" + Integer.toHexString(plugin.events().bits())));
      return Future.succeededFuture();
    });
  }

  private Future<Void> activate(Plugin plugin, Synchronizer.Summary sync, Duration took) {
    if (plugin.isClosed()) {
      return Future.failedFuture("plugin " + plugin.id() + " closed during synchronization: " + plugin.closeReason());
    }
    for (Plugin old : duplicates.replaced(plugin, core.registry().snapshot())) {
      boolean handover = core.settings().duplicatePolicy(plugin) == DuplicatePolicy.HANDOVER;
      String why = (handover ? "handed over to" : "replaced by") + " a new connection of " + plugin.id() + " ("
          + plugin.peer() + "; duplicatePolicy: " + (handover ? "handover" : "replace") + ")";
      LOG.log(System.Logger.Level.INFO, "plugin " + old + " " + why);
      core.deactivate(old, why);
      if (handover) {
        core.retire(old, why);
      } else {
        old.close(why);
      }
    }
    core.activate(plugin);
    String detail = "pods=" + sync.pods() + " containers=" + sync.containers() + " messages=" + sync.messages();
    LOG.log(System.Logger.Level.INFO, "plugin " + plugin + " synchronized (" + detail + ")");
    core.audit().publish(AuditRecords.plugin(AuditRecords.SYNCHRONIZED, plugin, detail));
    core.observation().synchronizedPlugin(plugin, new SyncSummary(sync.pods(), sync.containers(), sync.messages(), took));
    return Future.succeededFuture();
  }

  /** A connection dropped before it registered (registration timeout, invalid identity, hang-up). */
  void unregistered(Plugin plugin, boolean timedOut, String detail) {
    core.context().run(() -> {
      core.audit().publish(AuditRecords.plugin(timedOut ? AuditRecords.TIMED_OUT : AuditRecords.REFUSED, plugin, detail));
      core.observation().refused(plugin, timedOut, detail);
      return Future.succeededFuture();
    });
  }
}
