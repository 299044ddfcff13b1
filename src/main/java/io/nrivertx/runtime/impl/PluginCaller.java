package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.nrivertx.api.FailurePolicy;
import io.nrivertx.observe.CallScope;
import io.nrivertx.observe.EventScope;
import io.nrivertx.observe.PluginCallEnd;
import io.nrivertx.observe.PluginCallStart;
import io.nrivertx.plugin.CallOptions;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.plugin.PluginReply;
import io.nrivertx.plugin.RequestBytes;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;

/**
 * Makes one plugin call the same way for every plugin and every caller: its timeout (the
 * plugin's own, cut to what the event's deadline leaves), a timer that stops waiting for a plugin
 * that does not answer, the observer's scope and metadata, and for event calls the failure
 * policy's decision (NRI v0.12.5's: a broken connection drops the plugin, so does a timeout unless
 * it asked to stay; the event fails only if it asked for that). Runs on the core's context.
 */
final class PluginCaller {
  private static final System.Logger LOG = System.getLogger(PluginCaller.class.getName());

  private final CoreContext ctx;
  private final PluginSettings settings;
  private final RequiredPlugins required;
  private final Observation observation;
  private final InFlightCalls inFlight;

  PluginCaller(CoreContext ctx, PluginSettings settings, RequiredPlugins required, Observation observation) {
    this.ctx = ctx;
    this.settings = settings;
    this.required = required;
    this.observation = observation;
    this.inFlight = new InFlightCalls(ctx);
  }

  /** The calls in flight per plugin (a handed-over plugin gets Shutdown once it has none). */
  InFlightCalls inFlight() {
    return inFlight;
  }

  /** A call for an event: never fails; the result says whether the event goes on. */
  <Q extends Message, R extends Message> Future<Called<R>> inEvent(EventRun<?, ?> run, Plugin plugin,
                                                                   PluginCall<Q, R> call, Q request) {
    long now = ctx.clock().nanoTime();
    Deadline.Budget budget = run.deadline.budget(settings.requestTimeout(plugin), now);
    CallScope scope = started(run.scope, plugin, call, budget == null ? 0 : budget.timeoutMillis());
    if (budget == null) {
      Called<R> called = noTimeLeft(run, plugin, call);
      ended(scope, plugin, call, called.reply(), PluginCallEnd.Outcome.NOT_CALLED, false, called.failure() != null);
      run.called(called.reply(), 0);
      return Future.succeededFuture(called);
    }
    run.calling(plugin.id());
    return send(plugin, call, request, budget.timeoutMillis(), scope, run.encoding()).map(raw -> {
      Called<R> called;
      try {
        called = decide(run, plugin, call, raw, budget.cut());
      } catch (RuntimeException e) {
        called = internal(run, plugin, call, e);
      }
      ended(scope, plugin, call, raw, outcome(raw), called.dropped(), called.failure() != null);
      run.called(called.reply(), ctx.clock().nanoTime() - now);
      return called;
    }).recover(bug -> {
      Called<R> called = internal(run, plugin, call, bug);
      ended(scope, plugin, call, called.reply(), PluginCallEnd.Outcome.ERROR, false, true);
      run.called(called.reply(), ctx.clock().nanoTime() - now);
      return Future.succeededFuture(called);
    });
  }

  /**
   * A call outside any event (Configure, Synchronize, Shutdown): the plain reply, no failure
   * policy (whoever called decides); fails only when the plugin implementation broke its contract.
   */
  <Q extends Message, R extends Message> Future<PluginReply<R>> outside(Plugin plugin, PluginCall<Q, R> call,
                                                                      Q request, long timeoutMillis) {
    return outside(plugin, call, request, timeoutMillis, null);
  }

  /** As {@link #outside(Plugin, PluginCall, Message, long)}, serialized through {@code encoding} (null: afresh). */
  <Q extends Message, R extends Message> Future<PluginReply<R>> outside(Plugin plugin, PluginCall<Q, R> call,
      Q request, long timeoutMillis, RequestBytes encoding) {
    CallScope scope = started(null, plugin, call, timeoutMillis);
    return send(plugin, call, request, timeoutMillis, scope, encoding)
        .andThen(ar -> ended(scope, plugin, call, ar.succeeded() ? ar.result() : null,
            ar.succeeded() ? outcome(ar.result()) : PluginCallEnd.Outcome.ERROR, false, false));
  }

  private <Q extends Message, R extends Message> Future<PluginReply<R>> send(Plugin plugin, PluginCall<Q, R> call,
      Q request, long timeoutMillis, CallScope scope, RequestBytes encoding) {
    CallOptions options = new CallOptions(timeoutMillis, observation.metadata(scope), encoding);
    Future<PluginReply<R>> reply;
    try {
      reply = plugin.invoke(call, request, options);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (reply == null) {
      return Future.failedFuture(new IllegalStateException("plugin " + plugin.id() + " returned no reply future"));
    }
    if (reply.isComplete()) {
      return ctx.hop(reply);
    }
    // Sockets time out themselves (ttrpc's deadline); in-process plugins get the core's timer.
    return inFlight.track(plugin, plugin.timesOutItself() ? ctx.hop(reply) : bounded(plugin, call, reply, timeoutMillis));
  }

  /** The reply, or a timeout reply once {@code timeoutMillis} passed; completed on the core. */
  private <R extends Message> Future<PluginReply<R>> bounded(Plugin plugin, PluginCall<?, R> call,
      Future<PluginReply<R>> reply, long timeoutMillis) {
    Promise<PluginReply<R>> answered = Promise.promise();
    long start = ctx.clock().nanoTime();
    long timer = ctx.clock().setTimer(timeoutMillis, () -> answered.tryComplete(PluginReply.timeout(plugin.id(),
        "no answer to " + call.method() + " within " + timeoutMillis + " ms", ctx.clock().nanoTime() - start)));
    reply.onComplete(ar -> {
      ctx.clock().cancelTimer(timer);
      // A reply after the timer fired is too late and dropped.
      if (ar.succeeded()) {
        answered.tryComplete(ar.result());
      } else {
        answered.tryFail(ar.cause());
      }
    });
    return ctx.hop(answered.future());
  }

  private <R extends Message> Called<R> decide(EventRun<?, ?> run, Plugin plugin, PluginCall<?, R> call,
                                               PluginReply<R> raw, boolean cut) {
    String id = plugin.id();
    switch (raw.outcome()) {
      case OK, SKIPPED -> {
        return new Called<>(raw, null);
      }
      case ERROR -> {
        return new Called<>(raw, new LifecycleException.Refused(raw.error(), run.method(), id, raw.code()));
      }
      default -> {
        FailurePolicy policy = policy(run, plugin);
        boolean timeout = raw.outcome() == PluginReply.Outcome.TIMEOUT;
        // A timeout the caller's deadline imposed is not the plugin's fault: it stays.
        boolean drop = !timeout || !cut && !policy.getKeepConnected();
        String failed = "failed to handle " + call.method() + " request: " + raw.detail();
        boolean dropped = drop && !plugin.isClosed();
        if (dropped) {
          LOG.log(System.Logger.Level.ERROR, "closing plugin " + id + ", " + failed);
          plugin.close(failed);
        } else if (timeout) {
          LOG.log(System.Logger.Level.WARNING, "plugin " + id + " " + failed + (cut
              ? "; the caller's deadline cut its timeout, it stays connected" : "; it stays connected (keepConnected)"));
        }
        if (!policy.getFailRequest()) {
          return new Called<>(raw, null, dropped);
        }
        String message = "plugin " + id + " failed to handle " + call.method() + " request: " + raw.error()
            + (failsClosed(run, plugin) ? required.failsClosed(run) : "");
        LifecycleException failure = timeout
            ? new LifecycleException.DeadlineExceeded(message, run.method(), id)
            : new LifecycleException.ConnectionLost(message, run.method(), id);
        return new Called<>(raw.decided(PluginReply.Outcome.ERROR, message), failure, dropped);
      }
    }
  }

  /**
   * The failure policy of {@code plugin} in this event: the operator's and the plugin's
   * ({@link PluginSettings#failurePolicy}), and failRequest for a required plugin in an event it guards.
   */
  private FailurePolicy policy(EventRun<?, ?> run, Plugin plugin) {
    FailurePolicy p = settings.failurePolicy(plugin);
    return !p.getFailRequest() && failsClosed(run, plugin) ? p.toBuilder().setFailRequest(true).build() : p;
  }

  private boolean failsClosed(EventRun<?, ?> run, Plugin plugin) {
    return required.isRequired(plugin) && required.guards(run);
  }

  /** A required plugin found closed when its turn came in an event it guards: the event fails. */
  LifecycleException closedRequired(EventRun<?, ?> run, Plugin plugin) {
    if (!failsClosed(run, plugin)) {
      return null;
    }
    return new LifecycleException.ConnectionLost("plugin " + plugin.id() + " lost its connection before "
        + run.method() + " reached it: " + plugin.closeReason() + required.failsClosed(run), run.method(), plugin.id());
  }

  /** The deadline leaves not even a millisecond: handled as a timeout that never reached the plugin. */
  private <R extends Message> Called<R> noTimeLeft(EventRun<?, ?> run, Plugin plugin, PluginCall<?, R> call) {
    String heaviest = run.heaviest();
    String why = "plugin " + plugin.id() + " not called for " + call.method() + ": no time left of the caller's deadline"
        + (heaviest == null ? " (it passed before any plugin was called)"
        : " (" + heaviest + " used " + run.usedMillis(heaviest) + " ms of it)");
    PluginReply<R> raw = PluginReply.timeout(plugin.id(), why, 0);
    if (!policy(run, plugin).getFailRequest()) {
      LOG.log(System.Logger.Level.WARNING, why + "; skipped");
      return new Called<>(raw, null);
    }
    return new Called<>(raw.decided(PluginReply.Outcome.ERROR, why),
        new LifecycleException.DeadlineExceeded(why, run.method(), heaviest));
  }

  private <R extends Message> Called<R> internal(EventRun<?, ?> run, Plugin plugin, PluginCall<?, R> call, Throwable bug) {
    String why = "internal error calling plugin " + plugin.id() + " for " + call.method() + ": " + bug;
    LOG.log(System.Logger.Level.ERROR, why, bug);
    return new Called<>(PluginReply.<R>error(plugin.id(), 13, why, 0),
        new LifecycleException.Internal(why, run.method(), plugin.id(), bug));
  }

  private CallScope started(EventScope event, Plugin plugin, PluginCall<?, ?> call, long timeoutMillis) {
    if (!observation.on()) {
      return CallScope.NONE;
    }
    return observation.callStarted(event, () -> new PluginCallStart(plugin.id(), call.method(),
        Duration.ofMillis(timeoutMillis)));
  }

  private void ended(CallScope scope, Plugin plugin, PluginCall<?, ?> call, PluginReply<?> raw,
                     PluginCallEnd.Outcome outcome, boolean dropped, boolean failedEvent) {
    if (scope == CallScope.NONE) {
      return;
    }
    observation.callEnded(scope, () -> new PluginCallEnd(plugin.id(), call.method(), outcome,
        raw == null ? 13 : raw.code(), Duration.ofNanos(raw == null ? 0 : raw.latencyNanos()),
        raw != null && raw.response() instanceof Message m ? m : null, dropped, failedEvent));
  }

  private static PluginCallEnd.Outcome outcome(PluginReply<?> raw) {
    return switch (raw.outcome()) {
      case OK, SKIPPED -> PluginCallEnd.Outcome.OK;
      case ERROR -> PluginCallEnd.Outcome.ERROR;
      case TIMEOUT -> PluginCallEnd.Outcome.TIMEOUT;
      case CLOSED -> PluginCallEnd.Outcome.CLOSED;
    };
  }
}
