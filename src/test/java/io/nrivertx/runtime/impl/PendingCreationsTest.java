package io.nrivertx.runtime.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nrivertx.api.Container;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bound on containers created but not yet stored (docs/protocol.md, "Synchronize"): a
 * create-only load must not grow the live heap with every creation.
 */
class PendingCreationsTest {
  private long now = 1_000_000_000L;
  private final PendingCreations pending = new PendingCreations(() -> now);

  private static Container ctr(String id) {
    return Requests.container(id, "p1");
  }

  private List<String> ids() {
    return pending.completing(List.of()).stream().map(Container::getId).toList();
  }

  @Test
  void aCreateOnlyLoadKeepsAtMostTheBoundNewestFirst() {
    int creations = 5 * PendingCreations.MAX;
    for (int i = 0; i < creations; i++) {
      pending.created(ctr("c" + i));
    }
    assertEquals(PendingCreations.MAX, pending.size());
    List<String> ids = ids();
    assertEquals("c" + (creations - PendingCreations.MAX), ids.getFirst(), "the oldest were dropped");
    assertEquals("c" + (creations - 1), ids.getLast());
  }

  @Test
  void anEntryLivesNoLongerThanTheWindow() {
    pending.created(ctr("old"));
    now += PendingCreations.WINDOW.toNanos() / 2;
    pending.created(ctr("young"));
    assertEquals(List.of("old", "young"), ids());
    now += PendingCreations.WINDOW.toNanos() / 2;
    assertEquals(List.of("young"), ids(), "old was created a whole window ago");
    now += PendingCreations.WINDOW.toNanos();
    assertEquals(List.of(), ids());
    assertEquals(0, pending.size());
  }

  @Test
  void aRecreatedIdIsYoungAgain() {
    pending.created(ctr("a"));
    pending.created(ctr("b"));
    now += Duration.ofSeconds(5).toNanos();
    pending.created(ctr("a"));
    now += PendingCreations.WINDOW.toNanos() - Duration.ofSeconds(1).toNanos();
    assertEquals(List.of("a"), ids());
  }

  @Test
  void whatTheDomainListsOrALaterEventNamesIsSettled() {
    pending.created(ctr("listed"));
    pending.created(ctr("started"));
    pending.created(ctr("waiting"));
    pending.settled("started");
    List<String> all = pending.completing(List.of(ctr("listed"))).stream().map(Container::getId).toList();
    assertEquals(List.of("listed", "waiting"), all);
    assertEquals(1, pending.size());
  }
}
