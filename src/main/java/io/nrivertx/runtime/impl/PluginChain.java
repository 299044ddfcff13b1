package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.nrivertx.merge.MergeException;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.runtime.LifecycleException;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One event sent to the plugins one after another in dispatch order, each seeing what the ones
 * before it changed (docs/protocol.md, "Dispatch"). A refusal, a conflict or a failure the
 * failure policy escalates stops the chain; a plugin whose connection is gone is skipped. Runs on
 * the core's context.
 */
final class PluginChain {
  /** Folds one plugin's answer into the event's result; throwing stops the event. */
  interface Fold<R> {
    void accept(Plugin plugin, R reply);
  }

  private final PluginCaller caller;

  PluginChain(PluginCaller caller) {
    this.caller = caller;
  }

  /**
   * @param onTurn told of every live plugin as its turn comes, subscribed or not (validators list them)
   * @return succeeds when every plugin had its turn; fails with the {@link LifecycleException} that stopped it
   */
  <Q extends Message, R extends Message> Future<Void> run(EventRun<Q, R> run, List<Plugin> plugins,
      Function<Plugin, Q> requestFor, Fold<R> fold, Consumer<Plugin> onTurn) {
    return next(run, plugins, 0, requestFor, fold, onTurn);
  }

  private <Q extends Message, R extends Message> Future<Void> next(EventRun<Q, R> run, List<Plugin> plugins, int i,
      Function<Plugin, Q> requestFor, Fold<R> fold, Consumer<Plugin> onTurn) {
    for (; i < plugins.size(); i++) {
      Plugin plugin = plugins.get(i);
      if (plugin.isClosed()) {
        LifecycleException required = caller.closedRequired(run, plugin);
        if (required != null) {
          return Future.failedFuture(required);
        }
        continue;
      }
      onTurn.accept(plugin);
      if (plugin.events().has(run.call.event())) {
        break;
      }
    }
    if (i == plugins.size()) {
      return Future.succeededFuture();
    }
    Plugin plugin = plugins.get(i);
    int after = i + 1;
    return caller.inEvent(run, plugin, run.call, requestFor.apply(plugin)).compose(called -> {
      if (called.failure() != null) {
        return Future.failedFuture(called.failure());
      }
      if (called.reply().ok()) {
        try {
          fold.accept(plugin, called.reply().response());
        } catch (MergeException e) {
          return Future.failedFuture(new LifecycleException.Conflict(e.getMessage(), run.method(), plugin.id(), e));
        } catch (RuntimeException e) {
          // Never a success by accident: whatever threw (a message-less NullPointerException too) fails the event.
          return Future.failedFuture(new LifecycleException.Internal("internal error merging the " + run.method()
              + " reply of plugin " + plugin.id() + ": " + e, run.method(), plugin.id(), e));
        }
      }
      return next(run, plugins, after, requestFor, fold, onTurn);
    });
  }
}
