package io.nrivertx.stub.impl;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.Container;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.SynchronizeRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncBufferTest {

  private static SynchronizeRequest chunk(String pod, String ctr, boolean more) {
    return SynchronizeRequest.newBuilder().addPods(PodSandbox.newBuilder().setId(pod))
        .addContainers(Container.newBuilder().setId(ctr)).setMore(more).build();
  }

  @Test
  void chunksAreConcatenatedInOrderThenTheBufferStartsOver() {
    SyncBuffer buffer = new SyncBuffer();
    buffer.add(chunk("p1", "c1", true));
    buffer.add(chunk("p2", "c2", true));
    SyncBuffer.Snapshot all = buffer.drain(chunk("p3", "c3", false));
    assertEquals(List.of("p1", "p2", "p3"), all.pods().stream().map(PodSandbox::getId).toList());
    assertEquals(List.of("c1", "c2", "c3"), all.containers().stream().map(Container::getId).toList());
    assertEquals(3, all.chunks());

    SyncBuffer.Snapshot next = buffer.drain(chunk("p9", "c9", false));
    assertEquals(1, next.chunks(), "an unsplit request after a split one starts fresh");
    assertEquals("p9", next.pods().getFirst().getId());
  }
}
