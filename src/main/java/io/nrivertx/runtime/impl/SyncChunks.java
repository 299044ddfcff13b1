package io.nrivertx.runtime.impl;

import io.nrivertx.api.Container;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.SynchronizeRequest;
import io.nrivertx.plugin.RequestBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The Synchronize messages of the last synchronizations, reused while the state is the same
 * object for object. Plugins that start together are synchronized one after another from the
 * same pods and containers (the domain hands out the objects it holds); building and
 * serializing a 1,000-container message for each of them again was most of the runtime's own
 * work in that burst (issue 19, docs/benchmarks-profiling.md). A message is reused only when
 * every pod and container in it is the very object it was built from, so a change in between
 * (a plugin's sync updates, a container stored) builds a new one. The serialized bytes are
 * kept while syncs follow each other and released shortly after the last one (at most
 * {@link #MAX_CACHED_BYTES} are kept at all). Confined to the core's context.
 */
final class SyncChunks {
  /** Beyond this the messages are built afresh every time; within the shipped direct-memory cap. */
  static final long MAX_CACHED_BYTES = 16L << 20;
  /** How long the bytes outlive the last synchronization that used them. */
  static final long KEEP_MILLIS = 1000;

  private record Chunk(List<PodSandbox> pods, List<Container> ctrs, SynchronizeRequest request,
                       RequestBytes bytes) {
  }

  private final CoreContext ctx;
  private final List<Chunk> chunks = new ArrayList<>();
  private long cachedBytes;
  private long releaseTimer = -1;
  private int reused;

  SyncChunks(CoreContext ctx) {
    this.ctx = ctx;
  }

  /** A synchronization starts: the bytes stay. */
  void using() {
    ctx.check("SyncChunks");
    if (releaseTimer != -1) {
      ctx.clock().cancelTimer(releaseTimer);
      releaseTimer = -1;
    }
  }

  /** A synchronization ended; with none waiting, the bytes go after {@link #KEEP_MILLIS}. */
  void done(boolean moreWaiting) {
    ctx.check("SyncChunks");
    if (!moreWaiting && releaseTimer == -1 && !chunks.isEmpty()) {
      releaseTimer = ctx.clock().setTimer(KEEP_MILLIS, () -> {
        releaseTimer = -1;
        release();
      });
    }
  }

  /** The message for these pods and containers, and the encoding to send it with (null: none shared). */
  Reuse message(List<PodSandbox> pods, List<Container> ctrs, boolean more) {
    for (Chunk c : chunks) {
      if (c.request.getMore() == more && same(c.pods, pods) && same(c.ctrs, ctrs)) {
        reused++;
        return new Reuse(c.request, c.bytes);
      }
    }
    SynchronizeRequest req = SynchronizeRequest.newBuilder().addAllPods(pods).addAllContainers(ctrs)
        .setMore(more).build();
    int size = req.getSerializedSize();
    if (Synchronizer.envelopeLength(size) > Synchronizer.MAX_MESSAGE || cachedBytes + size > MAX_CACHED_BYTES) {
      // Too large to send (it will be split) or to keep.
      return new Reuse(req, null);
    }
    cachedBytes += size;
    // Copies of the lists: the callers' sublists are views of lists that are not ours.
    Chunk c = new Chunk(List.copyOf(pods), List.copyOf(ctrs), req, new RequestBytes());
    chunks.add(c);
    return new Reuse(c.request, c.bytes);
  }

  /** A message and its shared serialization. */
  record Reuse(SynchronizeRequest request, RequestBytes bytes) {
  }

  /** How many messages were reused instead of built (for tests). */
  int reused() {
    return reused;
  }

  /** How many messages are kept (for tests). */
  int kept() {
    return chunks.size();
  }

  void release() {
    chunks.forEach(c -> c.bytes.release());
    chunks.clear();
    cachedBytes = 0;
  }

  private static <T> boolean same(List<T> cached, List<T> now) {
    if (cached.size() != now.size()) {
      return false;
    }
    for (int i = 0; i < cached.size(); i++) {
      if (cached.get(i) != now.get(i)) {
        return false;
      }
    }
    return true;
  }
}
