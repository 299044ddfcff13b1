package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.vertx.core.Future;

/**
 * One event family's part of an event: who gets which request, how the replies merge, and what a
 * success changes besides the reply. A new instance per event holds its merge state; the runner
 * ({@link EventRunner}) does everything common. Runs on the core's context.
 */
abstract class EventWork<Q extends Message, R extends Message> {
  protected final EventRun<Q, R> run;
  protected final RuntimeCore core;

  EventWork(EventRun<Q, R> run, RuntimeCore core) {
    this.run = run;
    this.core = core;
  }

  /** The plugin chain and any step after it: the merged reply, or a failed future (a LifecycleException). */
  abstract Future<R> dispatch();

  /** What a successful event changes outside its reply (domain updates, evictions, bookkeeping). */
  Future<Void> apply(R merged) {
    return Future.succeededFuture();
  }
}
