package io.nrivertx.cri.impl;

import com.google.protobuf.Message;
import io.nrivertx.NriRuntime;
import io.nrivertx.service.PluginCall;
import io.nrivertx.RequestOptions;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * The two ways containerd sends an NRI event: blocking (a refusal fails the CRI call) and
 * notifying (a failure is only logged). Either way the CRI call waits for the plugins' answer,
 * so the events of one pod reach the plugins in the order the calls were made. An event sent
 * for a CRI call carries the call's gRPC deadline, when it has one (docs/cri.md, "Deadlines").
 */
final class NriEvents {
  private static final System.Logger LOG = System.getLogger(NriEvents.class.getName());

  // The runtime is deployed over the domain, and the domain's evictions send events: the
  // runtime arrives after the objects that use it.
  private final Future<NriRuntime> nri;

  NriEvents(Future<NriRuntime> nri) {
    this.nri = nri;
  }

  <Q extends Message, R extends Message> Future<R> blocking(PluginCall<Q, R> call, Q request) {
    return blocking(call, request, null);
  }

  /** As {@link #blocking(PluginCall, Message)}, given up at {@code deadline} (null: no deadline). */
  <Q extends Message, R extends Message> Future<R> blocking(PluginCall<Q, R> call, Q request, Instant deadline) {
    return nri.compose(rt -> rt.request(call, request, new RequestOptions().setDeadline(deadline)));
  }

  <Q extends Message, R extends Message> Future<Void> notify(PluginCall<Q, R> call, Q request) {
    return notify(call, request, null);
  }

  <Q extends Message, R extends Message> Future<Void> notify(PluginCall<Q, R> call, Q request, Instant deadline) {
    return blocking(call, request, deadline).<Void>mapEmpty().recover(err -> {
      LOG.log(System.Logger.Level.WARNING, "NRI " + call.method() + " failed (ignored, as containerd does): "
          + err.getMessage());
      return Future.succeededFuture();
    });
  }

  NriRuntime runtime() {
    return nri.result();
  }
}
