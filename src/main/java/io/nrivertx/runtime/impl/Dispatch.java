package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.nrivertx.service.PluginCall;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.plugin.PluginReply;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One event sent to the plugins one after another in dispatch order, each seeing what the ones
 * before it changed. A plugin's refusal stops the chain (NRI's non-fatal errors); a plugin whose
 * connection broke is skipped. Runs on the core's context.
 */
final class Dispatch<Q extends Message, R extends Message> {
  /** Folds one plugin's answer into the event's result; throwing stops the event with that message. */
  interface Fold<R> {
    void accept(Plugin plugin, R response) throws RuntimeException;
  }

  /** Every call made and, if the event failed, why. */
  record Outcome<R>(List<? extends PluginReply<?>> calls, String error) {
    boolean ok() {
      return error == null;
    }
  }

  private final RuntimeCore core;
  private final PluginCall<Q, R> call;

  Dispatch(RuntimeCore core, PluginCall<Q, R> call) {
    this.core = core;
    this.call = call;
  }

  Future<Outcome<R>> run(List<Plugin> plugins, Function<Plugin, Q> request, Fold<R> fold) {
    return run(plugins, request, fold, p -> { });
  }

  /** As {@link #run(List, Function, Fold)}, telling {@code onTurn} of every live plugin as its turn comes. */
  Future<Outcome<R>> run(List<Plugin> plugins, Function<Plugin, Q> request, Fold<R> fold,
                         java.util.function.Consumer<Plugin> onTurn) {
    List<PluginReply<R>> calls = new ArrayList<>();
    this.onTurn = onTurn;
    return next(plugins, 0, request, fold, calls);
  }

  private java.util.function.Consumer<Plugin> onTurn = p -> { };

  private Future<Outcome<R>> next(List<Plugin> plugins, int i, Function<Plugin, Q> request,
                                  Fold<R> fold, List<PluginReply<R>> calls) {
    if (i == plugins.size()) {
      return Future.succeededFuture(new Outcome<>(calls, null));
    }
    Plugin plugin = plugins.get(i);
    if (plugin.isClosed()) {
      return next(plugins, i + 1, request, fold, calls);
    }
    onTurn.accept(plugin);
    if (call.event() != null && !plugin.events().has(call.event())) {
      return next(plugins, i + 1, request, fold, calls);
    }
    return core.hop(plugin.invoke(call, request.apply(plugin))).compose(reply -> {
      calls.add(reply);
      switch (reply.outcome()) {
        case ERROR -> {
          return Future.succeededFuture(new Outcome<>(calls, reply.error()));
        }
        case OK -> {
          try {
            fold.accept(plugin, reply.response());
          } catch (RuntimeException e) {
            return Future.succeededFuture(new Outcome<>(calls, e.getMessage()));
          }
        }
        default -> {
        }
      }
      return next(plugins, i + 1, request, fold, calls);
    });
  }
}
