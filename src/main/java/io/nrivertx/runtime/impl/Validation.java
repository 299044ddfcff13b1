package io.nrivertx.runtime.impl;

import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.PluginInstance;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.api.ValidateContainerAdjustmentResponse;
import io.nrivertx.merge.CreateResult;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.plugin.PluginReply;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * The last step of CreateContainer: every validator sees the pristine container and the merged
 * result and may reject it; any rejection or failure fails the creation, nothing is applied.
 * Validators run concurrently (NRI does too: they judge, they do not change anything), and the
 * first failure in dispatch order is reported (docs/protocol.md, "Validation"). Runs on the
 * core's context.
 */
final class Validation {
  private final PluginCaller caller;
  private final List<PluginInstance> seen = new ArrayList<>();

  Validation(PluginCaller caller) {
    this.caller = caller;
  }

  /** Records a plugin whose turn came during the mutating chain (validators see this list). */
  void saw(Plugin plugin) {
    seen.add(PluginInstance.newBuilder().setName(plugin.name()).setIndex(plugin.index()).build());
  }

  /** The plugins whose turn came during the mutating chain, in dispatch order. */
  List<PluginInstance> seen() {
    return List.copyOf(seen);
  }

  /** Succeeds when every validator accepts; fails with the first failure in dispatch order. */
  Future<Void> validate(EventRun<?, ?> run, List<Plugin> plugins, CreateResult result, CreateContainerResponse merged) {
    if (validators(plugins).isEmpty()) {
      return Future.succeededFuture();
    }
    return judge(run, plugins, ValidateContainerAdjustmentRequest.newBuilder()
        .setPod(result.pod())
        .setContainer(result.pristine())
        .setAdjust(merged.getAdjust())
        .addAllUpdate(merged.getUpdateList())
        .setOwners(result.owners())
        .addAllPlugins(seen)
        .build());
  }

  /** Every validator judges {@code req} as it is; the verdict as for {@link #validate}. */
  Future<Void> judge(EventRun<?, ?> run, List<Plugin> plugins, ValidateContainerAdjustmentRequest req) {
    List<Plugin> validators = validators(plugins);
    if (validators.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Called<ValidateContainerAdjustmentResponse>>> calls = validators.stream()
        .map(v -> caller.inEvent(run, v, PluginCall.VALIDATE, req)).toList();
    return Future.join(calls).transform(ignored -> {
      LifecycleException failure = firstFailure(run.method(), calls.stream().map(Future::result).toList());
      return failure == null ? Future.succeededFuture() : Future.failedFuture(failure);
    });
  }

  private static List<Plugin> validators(List<Plugin> plugins) {
    return plugins.stream().filter(p -> !p.isClosed() && p.events().has(Event.VALIDATE_CONTAINER_ADJUSTMENT)).toList();
  }

  private static LifecycleException firstFailure(String method, List<Called<ValidateContainerAdjustmentResponse>> verdicts) {
    for (Called<ValidateContainerAdjustmentResponse> c : verdicts) {
      PluginReply<ValidateContainerAdjustmentResponse> r = c.reply();
      switch (r.outcome()) {
        case OK -> {
          if (r.response().getReject()) {
            String reason = r.response().getReason().isEmpty() ? "unknown rejection reason" : r.response().getReason();
            return new LifecycleException.Rejected("validator \"" + r.plugin()
                + "\" rejected container adjustment, reason: " + reason, method, r.plugin());
          }
        }
        case SKIPPED -> {
        }
        default -> {
          String message = "validator plugin " + r.plugin() + " failed: " + r.error();
          LifecycleException.Kind kind = c.failure() != null ? c.failure().kind()
              : r.outcome() == PluginReply.Outcome.TIMEOUT ? LifecycleException.Kind.DEADLINE_EXCEEDED
              : r.outcome() == PluginReply.Outcome.CLOSED ? LifecycleException.Kind.CONNECTION_LOST
              : LifecycleException.Kind.REJECTED;
          return switch (kind) {
            case DEADLINE_EXCEEDED -> new LifecycleException.DeadlineExceeded(message, method, r.plugin());
            case CONNECTION_LOST -> new LifecycleException.ConnectionLost(message, method, r.plugin());
            case INTERNAL -> new LifecycleException.Internal(message, method, r.plugin(), c.failure());
            default -> new LifecycleException.Rejected(message, method, r.plugin());
          };
        }
      }
    }
    return null;
  }
}
