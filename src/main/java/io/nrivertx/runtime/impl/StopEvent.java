package io.nrivertx.runtime.impl;

import io.nrivertx.domain.UpdateOrigin;
import io.nrivertx.api.StopContainerRequest;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.merge.UpdateResult;
import io.vertx.core.Future;

/** StopContainer: plugins may update other containers, which go to their domains. */
final class StopEvent extends EventWork<StopContainerRequest, StopContainerResponse> {
  private final UpdateResult result = UpdateResult.forStop();

  StopEvent(EventRun<StopContainerRequest, StopContainerResponse> run, RuntimeCore core) {
    super(run, core);
  }

  @Override
  Future<StopContainerResponse> dispatch() {
    return core.chain().run(run, core.plugins(), p -> run.request, (p, reply) -> result.apply(p.id(), reply), p -> { })
        .map(v -> result.stopResponse());
  }

  @Override
  Future<Void> apply(StopContainerResponse merged) {
    return core.changes().applyUpdates(merged.getUpdateList(), UpdateOrigin.EVENT_REPLY).mapEmpty();
  }
}
