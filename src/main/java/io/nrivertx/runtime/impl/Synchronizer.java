package io.nrivertx.runtime.impl;

import io.nrivertx.domain.UpdateOrigin;
import com.google.protobuf.CodedOutputStream;
import io.nrivertx.api.Container;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.SynchronizeRequest;
import io.nrivertx.api.SynchronizeResponse;
import io.nrivertx.bus.AuditRecords;
import io.nrivertx.service.PluginCall;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.plugin.PluginReply;
import io.vertx.core.Future;
import java.util.List;

/**
 * Sends a new plugin the pods and containers that already exist. Like NRI it first tries one
 * message and, when that is over ttrpc's 4 MiB limit, splits the state into chunks flagged
 * {@code more} (docs/protocol.md, "Synchronize"); one request timeout covers the whole exchange.
 * Runs on the core's context.
 */
final class Synchronizer {
  static final int MAX_MESSAGE = 4 << 20;
  private static final int MIN_OBJECTS_PER_MESSAGE = 8;

  private final RuntimeCore core;
  private final SyncChunks chunks;

  Synchronizer(RuntimeCore core) {
    this.core = core;
    this.chunks = new SyncChunks(core.context());
  }

  /** The messages kept for the next plugin's synchronization (for tests). */
  SyncChunks chunks() {
    return chunks;
  }

  /** What a finished synchronization sent: object counts and the number of messages. */
  record Summary(int pods, int containers, int messages) {
  }

  Future<Summary> synchronize(Plugin plugin) {
    CoreContext ctx = core.context();
    ctx.check("Synchronizer");
    int[] messages = {0};
    chunks.using();
    return ctx.hop(core.domains().listPods()).compose(pods -> ctx.hop(core.domains().listContainers())
        .map(listed -> core.pending().completing(listed))
        .compose(ctrs -> {
          long deadline = ctx.clock().nanoTime() + core.settings().requestTimeout(plugin).toNanos();
          return send(plugin, pods, ctrs, new Split(pods.size(), ctrs.size()), deadline, messages)
              .compose(rsp -> core.changes().applyUpdates(rsp.getUpdateList(), UpdateOrigin.SYNCHRONIZE).andThen(ar -> {
                if (rsp.getUpdateCount() > 0) {
                  core.audit().publish(AuditRecords.updateContainers(plugin, AuditRecords.SYNCHRONIZE,
                      rsp.getUpdateList(), List.of(), ar.result()));
                }
              }))
              .map(failed -> new Summary(pods.size(), ctrs.size(), messages[0]));
        })).andThen(ar -> chunks.done(core.gate().syncsWaiting()));
  }

  private record Split(int pods, int ctrs) {
  }

  private Future<SynchronizeResponse> send(Plugin plugin, List<PodSandbox> pods, List<Container> ctrs,
                                           Split split, long deadline, int[] messages) {
    // The same objects as for the previous plugin: the same message, serialized once for both.
    SyncChunks.Reuse msg = chunks.message(pods.subList(0, split.pods), ctrs.subList(0, split.ctrs),
        pods.size() > split.pods || ctrs.size() > split.ctrs);
    SynchronizeRequest req = msg.request();
    int length = envelopeLength(req.getSerializedSize());
    if (length > MAX_MESSAGE) {
      // What a ttrpc client refuses locally with ResourceExhausted; NRI answers by splitting.
      Split smaller = shrink(split, length);
      if (smaller == null) {
        return Future.failedFuture("failed to synchronize plugin with split messages");
      }
      return send(plugin, pods, ctrs, smaller, deadline, messages);
    }
    long left = Math.max(1, (deadline - core.context().clock().nanoTime()) / 1_000_000);
    messages[0]++;
    return core.caller().outside(plugin, PluginCall.SYNCHRONIZE, req, left, msg.bytes()).compose(reply -> {
      if (!reply.ok()) {
        return Future.failedFuture("failed to synchronize plugin: " + reply.error());
      }
      SynchronizeResponse rsp = reply.response();
      if (!req.getMore()) {
        return Future.succeededFuture(rsp);
      }
      if (rsp.getUpdateCount() > 0 || rsp.getMore() != req.getMore()) {
        return Future.failedFuture("plugin does not handle split sync requests");
      }
      List<PodSandbox> restPods = pods.subList(split.pods, pods.size());
      List<Container> restCtrs = ctrs.subList(split.ctrs, ctrs.size());
      Split next = new Split(Math.min(split.pods, restPods.size()), Math.min(split.ctrs, restCtrs.size()));
      return send(plugin, restPods, restCtrs, next, deadline, messages);
    });
  }

  /** NRI's re-scaling: by the ratio of limit to size, at most 0.9, never below 8 objects in all. */
  private static Split shrink(Split split, int length) {
    if (split.pods + split.ctrs <= MIN_OBJECTS_PER_MESSAGE) {
      return null;
    }
    double factor = Math.min(0.9, (double) MAX_MESSAGE / length);
    int pods = (int) (split.pods * factor);
    int ctrs = (int) (split.ctrs * factor);
    if (pods + ctrs < MIN_OBJECTS_PER_MESSAGE) {
      pods = MIN_OBJECTS_PER_MESSAGE / 2;
      ctrs = MIN_OBJECTS_PER_MESSAGE / 2;
    }
    return new Split(Math.min(pods, split.pods), Math.min(ctrs, split.ctrs));
  }

  /** Size of the ttrpc Request that would carry a payload of this size (the limit applies to it). */
  static int envelopeLength(int payload) {
    return CodedOutputStream.computeStringSize(1, PluginCall.SERVICE)
        + CodedOutputStream.computeStringSize(2, PluginCall.SYNCHRONIZE.method())
        + CodedOutputStream.computeTagSize(3) + CodedOutputStream.computeUInt32SizeNoTag(payload) + payload
        + CodedOutputStream.computeInt64Size(4, Long.MAX_VALUE);
  }
}
