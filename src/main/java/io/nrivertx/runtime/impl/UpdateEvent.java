package io.nrivertx.runtime.impl;

import io.nrivertx.domain.UpdateOrigin;
import io.nrivertx.api.UpdateContainerRequest;
import io.nrivertx.api.UpdateContainerResponse;
import io.nrivertx.merge.UpdateResult;
import io.vertx.core.Future;

/**
 * UpdateContainer: each plugin sees the resources as the plugins before it changed them; the
 * update of the container itself is returned for the runtime to apply, updates of other
 * containers go to their domains (failures only logged, as containerd does).
 */
final class UpdateEvent extends EventWork<UpdateContainerRequest, UpdateContainerResponse> {
  private final UpdateResult result;

  UpdateEvent(EventRun<UpdateContainerRequest, UpdateContainerResponse> run, RuntimeCore core) {
    super(run, core);
    UpdateContainerRequest request = run.request;
    this.result = UpdateResult.forUpdate(request.getContainer().getId(),
        request.hasLinuxResources() ? request.getLinuxResources() : null);
  }

  @Override
  Future<UpdateContainerResponse> dispatch() {
    return core.chain().run(run, core.plugins(),
            p -> run.request.toBuilder().setLinuxResources(result.linuxResources()).build(),
            (p, reply) -> result.apply(p.id(), reply), p -> { })
        .map(v -> result.updateResponse());
  }

  @Override
  Future<Void> apply(UpdateContainerResponse merged) {
    return core.changes().applyUpdates(result.updates(), UpdateOrigin.EVENT_REPLY)
        .compose(failed -> core.changes().evict(result.evictions(), UpdateOrigin.EVENT_REPLY));
  }
}
