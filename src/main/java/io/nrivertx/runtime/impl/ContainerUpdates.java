package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.nrivertx.api.StopContainerRequest;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.api.UpdateContainerRequest;
import io.nrivertx.api.UpdateContainerResponse;
import io.nrivertx.merge.UpdateResult;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;

/**
 * UpdateContainer and StopContainer: events whose replies update containers. The merged updates
 * of other containers go to the domain (failures only logged, as containerd does); the update of
 * the container itself is returned for the runtime to apply. Runs on the core's context.
 */
final class ContainerUpdates {
  private final RuntimeCore core;
  private final Lifecycle lifecycle;

  ContainerUpdates(RuntimeCore core, Lifecycle lifecycle) {
    this.core = core;
    this.lifecycle = lifecycle;
  }

  @SuppressWarnings("unchecked")
  <Q extends Message, R extends Message> Future<R> dispatch(PluginCall<Q, R> call, Q request, String ns) {
    if (request instanceof UpdateContainerRequest update) {
      return (Future<R>) update(update, ns);
    }
    return (Future<R>) stop((StopContainerRequest) request, ns);
  }

  private Future<UpdateContainerResponse> update(UpdateContainerRequest request, String ns) {
    UpdateResult result = UpdateResult.forUpdate(request.getContainer().getId(),
        request.hasLinuxResources() ? request.getLinuxResources() : null);
    return new Dispatch<>(core, PluginCall.UPDATE_CONTAINER)
        .run(core.plugins(),
            p -> request.toBuilder().setLinuxResources(result.linuxResources()).build(),
            (p, rsp) -> result.apply(p.id(), rsp))
        .compose(outcome -> lifecycle.finish(PluginCall.UPDATE_CONTAINER, request, ns, outcome,
            outcome.ok() ? result.updateResponse() : null))
        .compose(rsp -> core.applyUpdates(result.updates())
            .compose(failed -> lifecycle.evict(result.evictions()))
            .map(rsp));
  }

  private Future<StopContainerResponse> stop(StopContainerRequest request, String ns) {
    UpdateResult result = UpdateResult.forStop();
    return new Dispatch<>(core, PluginCall.STOP_CONTAINER)
        .run(core.plugins(), p -> request, (p, rsp) -> result.apply(p.id(), rsp))
        .compose(outcome -> lifecycle.finish(PluginCall.STOP_CONTAINER, request, ns, outcome,
            outcome.ok() ? result.stopResponse() : null))
        .compose(rsp -> core.applyUpdates(rsp.getUpdateList()).map(rsp));
  }
}
