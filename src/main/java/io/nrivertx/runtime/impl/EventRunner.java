package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.nrivertx.api.Container;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.bus.AuditRecords;
import io.nrivertx.observe.EventEnd;
import io.nrivertx.observe.EventScope;
import io.nrivertx.observe.EventStart;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;

/**
 * Every lifecycle event, read top to bottom: onto the core's context, into its pod's queue, past
 * the sync gate, through its family's plugin chain ({@link EventWork}), into the audit stream,
 * then the domain changes a success makes. A caller's deadline bounds it all: the answer never
 * comes after it, whatever still runs. Failures are always {@link LifecycleException}s; anything
 * else that escapes is turned into an internal error, never into a success.
 */
final class EventRunner {
  private static final System.Logger LOG = System.getLogger(EventRunner.class.getName());

  private final RuntimeCore core;
  private final CoreContext ctx;

  EventRunner(RuntimeCore core) {
    this.core = core;
    this.ctx = core.context();
  }

  /** From any thread: the merged reply, or a failed future holding a {@link LifecycleException}. */
  <Q extends Message, R extends Message> Future<R> submit(PluginCall<Q, R> call, Q request, EventRequest how) {
    return ctx.run(() -> start(call, request, how));
  }

  private <Q extends Message, R extends Message> Future<R> start(PluginCall<Q, R> call, Q request, EventRequest how) {
    if (core.isStopping()) {
      return Future.failedFuture(new LifecycleException.Unavailable("nri-vertx is shutting down; "
          + call.method() + " was not sent to any plugin", call.method()));
    }
    PodSandbox pod = call.pod(request);
    Container ctr = call.container(request);
    String podId = pod == null || pod.getId().isEmpty() ? null : pod.getId();
    String ctrId = ctr == null || ctr.getId().isEmpty() ? null : ctr.getId();
    List<String> namespaces = core.domains().namespaces();
    String ns = how.namespace() != null || namespaces.size() != 1 ? how.namespace() : namespaces.get(0);
    long accepted = ctx.clock().nanoTime();
    EventScope scope = core.observation().eventStarted(() -> new EventStart(call.method(), ns, podId, ctrId,
        how.parent()));
    EventRun<Q, R> run = new EventRun<>(call, request, ns, podId, ctrId, how.deadline(), accepted, scope);
    run.deferValidation = how.deferValidation() && call == PluginCall.CREATE_CONTAINER;
    Answer<R> answer = new Answer<>();
    long guard = how.deadline().isSet()
        ? ctx.clock().setTimer(Math.max(1, (how.deadline().answerBy() - accepted) / 1_000_000), () -> expire(run, answer))
        : -1;
    core.pods().inOrder(podId, () -> core.gate().shared(() -> execute(run, answer))).onComplete(ar -> {
      if (guard != -1) {
        ctx.clock().cancelTimer(guard);
      }
      run.encoding().release(); // every call has been made: nothing more to share
      answer.settle(ar.succeeded() ? ar.result() : null, ar.failed() ? typed(run, ar.cause()) : null, ctx);
      core.observation().eventEnded(scope, () -> new EventEnd(call.method(), answer.failure,
          Duration.ofNanos(answer.atNanos - accepted)));
    });
    return answer.promise.future();
  }

  private <Q extends Message, R extends Message> Future<R> execute(EventRun<Q, R> run, Answer<R> answer) {
    if (run.deadline.isSet() && ctx.clock().nanoTime() >= run.deadline.answerBy()) {
      expire(run, answer);
    }
    if (answer.failure != null) {
      // The caller's deadline passed while the event waited: no plugin sees it any more.
      audit(run, answer.failure, null);
      return Future.failedFuture(answer.failure);
    }
    // A validation belongs to its creation, which the runtime has not stored yet.
    if (run.call != PluginCall.CREATE_CONTAINER && run.call != PluginCall.VALIDATE && run.containerId != null) {
      core.pending().settled(run.containerId);
    }
    LifecycleException missing = core.required().missing(run, core.plugins());
    if (missing != null) {
      LOG.log(System.Logger.Level.WARNING, missing.getMessage());
      audit(run, missing, null);
      return Future.failedFuture(missing);
    }
    EventWork<Q, R> work;
    Future<R> dispatched;
    try {
      work = EventFamilies.start(run, core);
      dispatched = work.dispatch();
    } catch (RuntimeException e) {
      work = null;
      dispatched = Future.failedFuture(e);
    }
    EventWork<Q, R> family = work;
    return dispatched.transform(ar -> {
      LifecycleException failure = ar.failed() ? typed(run, ar.cause()) : answer.failure;
      audit(run, failure, ar.succeeded() ? ar.result() : null);
      if (failure != null) {
        return Future.<R>failedFuture(failure);
      }
      return applied(run, family, ar.result());
    }).andThen(ar -> core.prune());
  }

  private <Q extends Message, R extends Message> Future<R> applied(EventRun<Q, R> run, EventWork<Q, R> work, R merged) {
    Future<Void> applying;
    try {
      applying = work.apply(merged);
    } catch (RuntimeException e) {
      applying = Future.failedFuture(e);
    }
    return applying.transform(ar -> ar.succeeded() ? Future.succeededFuture(merged)
        : Future.failedFuture(typed(run, ar.cause())));
  }

  private void audit(EventRun<?, ?> run, LifecycleException failure, Message result) {
    core.audit().publish("event", () -> AuditRecords.event(run.method(), run.namespace, run.podId, run.containerId,
        run.calls(), failure, failure == null ? result : null));
  }

  /** The caller's deadline is here: answer now, naming whoever holds the event up. */
  private <R extends Message> void expire(EventRun<?, R> run, Answer<R> answer) {
    String plugin = run.inFlight();
    String where = plugin != null ? " while plugin " + plugin + " was handling it"
        : run.calls().isEmpty() ? " before any plugin was called (it waited for earlier events of its pod"
        + " or for a plugin's synchronization)" : " after the plugins were called (while its changes were applied)";
    LifecycleException late = new LifecycleException.DeadlineExceeded("the caller's deadline for " + run.method()
        + " passed" + where, run.method(), plugin != null ? plugin : run.heaviest());
    LOG.log(System.Logger.Level.WARNING, late.getMessage());
    answer.settle(null, late, ctx);
  }

  private static LifecycleException typed(EventRun<?, ?> run, Throwable cause) {
    if (cause instanceof LifecycleException e) {
      return e;
    }
    String why = "internal error in nri-vertx handling " + run.method() + ": " + cause;
    LOG.log(System.Logger.Level.ERROR, why, cause);
    return new LifecycleException.Internal(why, run.method(), run.inFlight(), cause);
  }

  /** The caller's answer: settled once, by the event's end or by its deadline, whichever comes first. */
  private static final class Answer<R> {
    final Promise<R> promise = Promise.promise();
    LifecycleException failure;
    long atNanos;

    void settle(R result, LifecycleException failed, CoreContext ctx) {
      if (promise.future().isComplete()) {
        return;
      }
      atNanos = ctx.clock().nanoTime();
      failure = failed;
      if (failed != null) {
        promise.fail(failed);
      } else {
        promise.complete(result);
      }
    }
  }
}
