package io.nrivertx.runtime.impl;

import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.UpdateContainersRequest;
import io.nrivertx.api.UpdateContainersResponse;
import io.nrivertx.bus.AuditRecords;
import io.nrivertx.domain.DomainRegistry;
import io.nrivertx.domain.UpdateOrigin;
import io.nrivertx.plugin.Plugin;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Changes plugins ask the domains to make: updates and evictions from event replies and
 * Synchronize, and unsolicited UpdateContainers. Each goes to the domain holding the container
 * (unknown ids are skipped, as in NRI). Runs on the core's context.
 */
final class ContainerChanges {
  private static final System.Logger LOG = System.getLogger(ContainerChanges.class.getName());

  private final CoreContext ctx;
  private final DomainRegistry domains;
  private final Audit audit;

  ContainerChanges(CoreContext ctx, DomainRegistry domains, Audit audit) {
    this.ctx = ctx;
    this.domains = domains;
    this.audit = audit;
  }

  /** Unsolicited updates from a plugin: applied container by container, then its evictions. */
  Future<UpdateContainersResponse> unsolicited(Plugin plugin, UpdateContainersRequest req) {
    return ctx.run(() -> {
      LOG.log(System.Logger.Level.INFO, "plugin " + plugin.id() + " requested container updates");
      return applyUpdates(req.getUpdateList(), UpdateOrigin.UNSOLICITED)
          .andThen(ar -> audit.publish(AuditRecords.updateContainers(plugin, AuditRecords.UNSOLICITED,
              req.getUpdateList(), req.getEvictList(), ar.result())))
          .compose(failed -> evict(req.getEvictList(), UpdateOrigin.UNSOLICITED).map(failed));
    }).compose(failed -> failed.isEmpty()
        ? Future.succeededFuture(UpdateContainersResponse.getDefaultInstance())
        // containerd answers with an error (which carries no payload on ttrpc): plugins see it as err.
        : Future.failedFuture("NRI update of some containers failed: " + failed.stream()
            .map(ContainerUpdate::getContainerId).toList()));
  }

  /**
   * @param origin where the updates come from, for a domain that applies each kind differently
   * @return the updates that failed without ignore_failure; never fails itself
   */
  Future<List<ContainerUpdate>> applyUpdates(Collection<ContainerUpdate> updates, UpdateOrigin origin) {
    List<ContainerUpdate> failed = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ContainerUpdate u : updates) {
      chain = chain.compose(v -> ctx.hop(domains.updateContainer(u, origin))
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

  /** nri-vertx acts on evictions (NRI v0.12 ignores them): the owning domain stops the container. */
  Future<Void> evict(List<ContainerEviction> evictions, UpdateOrigin origin) {
    Future<Void> chain = Future.succeededFuture();
    for (ContainerEviction e : evictions) {
      chain = chain.compose(v -> ctx.hop(domains.evictContainer(e, origin))
          .andThen(ar -> audit.publish(AuditRecords.eviction(e, ar.failed() ? ar.cause().getMessage() : null)))
          .recover(err -> Future.succeededFuture()));
    }
    return chain;
  }
}
