package io.nrivertx.stub.impl;

import io.nrivertx.api.Container;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.SynchronizeRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the chunks of a split Synchronize (every chunk but the last has {@code more=true}) so
 * that the plugin sees the runtime's whole state at once, as with an unsplit request.
 *
 * <p>Thread-safety: confined to the stub's context.
 */
final class SyncBuffer {
  private final List<PodSandbox> pods = new ArrayList<>();
  private final List<Container> containers = new ArrayList<>();
  private int chunks;

  /** Keeps a {@code more=true} chunk. */
  void add(SynchronizeRequest chunk) {
    pods.addAll(chunk.getPodsList());
    containers.addAll(chunk.getContainersList());
    chunks++;
  }

  /** Appends the final chunk and hands out everything collected; the buffer starts over. */
  Snapshot drain(SynchronizeRequest last) {
    add(last);
    Snapshot all = new Snapshot(List.copyOf(pods), List.copyOf(containers), chunks);
    pods.clear();
    containers.clear();
    chunks = 0;
    return all;
  }

  /** The runtime's state as delivered to the plugin, and how many requests carried it. */
  record Snapshot(List<PodSandbox> pods, List<Container> containers, int chunks) {
  }
}
