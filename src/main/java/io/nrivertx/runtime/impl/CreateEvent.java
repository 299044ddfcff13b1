package io.nrivertx.runtime.impl;

import io.nrivertx.domain.UpdateOrigin;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.merge.CreateResult;
import io.nrivertx.plugin.Plugin;
import io.vertx.core.Future;
import java.util.List;

/**
 * CreateContainer: each plugin sees the container as the plugins before it adjusted it, the
 * adjustments merge under NRI's ownership rules, validators judge the result; a success updates
 * and evicts other containers and remembers the new one until the runtime has stored it.
 */
final class CreateEvent extends EventWork<CreateContainerRequest, CreateContainerResponse> {
  private final CreateResult result;

  CreateEvent(EventRun<CreateContainerRequest, CreateContainerResponse> run, RuntimeCore core) {
    super(run, core);
    this.result = new CreateResult(run.request.getPod(), run.request.getContainer());
  }

  @Override
  Future<CreateContainerResponse> dispatch() {
    PodSandbox pod = run.request.getPod();
    List<Plugin> plugins = core.plugins();
    Validation validation = new Validation(core.caller());
    return core.chain().run(run, plugins,
            p -> CreateContainerRequest.newBuilder().setPod(pod).setContainer(result.container()).build(),
            (p, reply) -> result.apply(p.id(), reply), validation::saw)
        .compose(v -> {
          CreateContainerResponse merged = result.response();
          if (run.deferValidation) {
            core.deferred().deferred(result.pristine().getId(), result.owners(), validation.seen());
            return Future.succeededFuture(merged);
          }
          return validation.validate(run, plugins, result, merged).map(merged);
        });
  }

  @Override
  Future<Void> apply(CreateContainerResponse merged) {
    core.pending().created(result.container());
    return core.changes().applyUpdates(merged.getUpdateList(), UpdateOrigin.EVENT_REPLY)
        .compose(failed -> core.changes().evict(result.evictions(), UpdateOrigin.EVENT_REPLY));
  }
}
