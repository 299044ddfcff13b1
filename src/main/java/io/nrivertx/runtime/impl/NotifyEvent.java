package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.vertx.core.Future;

/**
 * Events whose replies carry nothing to merge (every pod event, and the container events but
 * create, update and stop): each subscriber is told, in order, and the reply is empty.
 */
final class NotifyEvent<Q extends Message, R extends Message> extends EventWork<Q, R> {
  NotifyEvent(EventRun<Q, R> run, RuntimeCore core) {
    super(run, core);
  }

  @Override
  Future<R> dispatch() {
    return core.chain().run(run, core.plugins(), p -> run.request, (p, reply) -> { }, p -> { })
        .map(v -> run.call.emptyReply());
  }
}
