package io.nrivertx.runtime.impl;

import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.PluginInstance;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.api.ValidateContainerAdjustmentResponse;
import io.nrivertx.merge.CreateResult;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.service.PluginCall;
import io.nrivertx.plugin.PluginReply;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * The last step of CreateContainer: every validator sees the pristine container and the merged
 * result and may reject it; any rejection or failure fails the creation, nothing is applied.
 * Validators run concurrently (NRI does too: they judge, they do not change anything), and the
 * first failure in dispatch order is reported. Runs on the core's context.
 */
final class Validation {
  private final RuntimeCore core;
  private final List<PluginInstance> seen = new ArrayList<>();

  Validation(RuntimeCore core) {
    this.core = core;
  }

  /** Records a plugin whose turn came during the mutating dispatch (validators see this list). */
  void saw(Plugin plugin) {
    seen.add(PluginInstance.newBuilder().setName(plugin.name()).setIndex(plugin.index()).build());
  }

  /** @return the validators' calls, and null or the reason the creation must fail */
  Future<Dispatch.Outcome<ValidateContainerAdjustmentResponse>> validate(CreateResult result,
                                                                         CreateContainerResponse merged) {
    List<Plugin> validators = core.plugins().stream()
        .filter(p -> !p.isClosed() && p.events().has(Event.VALIDATE_CONTAINER_ADJUSTMENT)).toList();
    if (validators.isEmpty()) {
      return Future.succeededFuture(new Dispatch.Outcome<>(List.of(), null));
    }
    ValidateContainerAdjustmentRequest req = ValidateContainerAdjustmentRequest.newBuilder()
        .setPod(result.pod())
        .setContainer(result.pristine())
        .setAdjust(merged.getAdjust())
        .addAllUpdate(merged.getUpdateList())
        .setOwners(result.owners())
        .addAllPlugins(seen)
        .build();
    List<Future<PluginReply<ValidateContainerAdjustmentResponse>>> calls = validators.stream()
        .map(v -> core.hop(v.invoke(PluginCall.VALIDATE, req))).toList();
    return Future.join(calls).transform(ignored -> {
      List<PluginReply<ValidateContainerAdjustmentResponse>> replies = calls.stream().map(Future::result).toList();
      return Future.succeededFuture(new Dispatch.Outcome<>(replies, firstFailure(replies)));
    });
  }

  private static String firstFailure(List<PluginReply<ValidateContainerAdjustmentResponse>> replies) {
    for (PluginReply<ValidateContainerAdjustmentResponse> r : replies) {
      switch (r.outcome()) {
        case OK -> {
          if (r.response().getReject()) {
            String reason = r.response().getReason().isEmpty() ? "unknown rejection reason" : r.response().getReason();
            return "validator \"" + r.plugin() + "\" rejected container adjustment, reason: " + reason;
          }
        }
        case SKIPPED -> {
        }
        default -> {
          return "validator plugin " + r.plugin() + " failed: " + r.error();
        }
      }
    }
    return null;
  }
}
