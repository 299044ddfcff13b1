package io.nrivertx.merge;

import static io.nrivertx.merge.Fixtures.conflict;
import static io.nrivertx.merge.UpdateMergeTest.memLimit;
import static io.nrivertx.merge.UpdateMergeTest.shares;
import static io.nrivertx.merge.UpdateMergeTest.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.Field;
import io.nrivertx.api.LinuxPids;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.api.UpdateContainerResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** UpdateContainer and StopContainer results. */
class UpdateResultTest {

  static UpdateContainerResponse reply(ContainerUpdate... u) {
    return UpdateContainerResponse.newBuilder().addAllUpdate(List.of(u)).build();
  }

  @Test
  void untouchedTargetIsMissing() {
    UpdateResult r = UpdateResult.forUpdate("t", shares(100).build());
    r.apply("01-a", (UpdateContainerResponse) null);
    assertEquals(UpdateContainerResponse.getDefaultInstance(), r.updateResponse());
    assertEquals(Optional.empty(), r.targetUpdate());
    assertTrue(r.linuxResources().hasMemory(), "requested resources are empty-filled");
    assertEquals(100, r.linuxResources().getCpu().getShares().getValue());
  }

  @Test
  void targetUpdateAppliesOverRequestedAndGoesLast() {
    UpdateResult r = UpdateResult.forUpdate("t", shares(100).build());
    r.apply("01-a", reply(update("t", false, memLimit(5)), update("o", false, memLimit(6))));
    LinuxResources seen = r.linuxResources();
    assertEquals(5, seen.getMemory().getLimit().getValue(), "the next plugin sees the change");
    assertEquals(100, seen.getCpu().getShares().getValue());
    List<ContainerUpdate> all = r.updateResponse().getUpdateList();
    assertEquals(List.of("o", "t"), all.stream().map(ContainerUpdate::getContainerId).toList());
    assertEquals(seen, all.get(1).getLinux().getResources());
    assertEquals(Optional.of(all.get(1)), r.targetUpdate());
    assertEquals(List.of(all.get(0)), r.updates());
  }

  @Test
  void targetMentionedWithoutResourcesYieldsEmptyResources() {
    // Go: the merged entry starts empty and only takes the requested resources on a resource update
    UpdateResult r = UpdateResult.forUpdate("t", shares(100).build());
    r.apply("01-a", reply(update("t", false, null)));
    assertEquals(UpdateCollector.EMPTY, r.targetUpdate().orElseThrow().getLinux().getResources());
  }

  @Test
  void requestedPidsAreReclaimedByEveryTargetUpdate() {
    // Go quirk: updateResources tests the target copy's pids, not the update's
    LinuxResources requested = LinuxResources.newBuilder().setPids(LinuxPids.newBuilder().setLimit(50)).build();
    UpdateResult r = UpdateResult.forUpdate("t", requested);
    r.apply("01-a", reply(update("t", false, memLimit(5))));
    MergeConflictException e = assertThrows(MergeConflictException.class,
        () -> r.apply("02-b", reply(update("t", false, shares(7)))));
    assertEquals(conflict("02-b", "01-a", Field.PidsLimit, null), e.getMessage());
  }

  @Test
  void conflictOnTargetWithIgnoreFailureLeavesRequestedUntouched() {
    UpdateResult r = UpdateResult.forUpdate("t", null);
    r.apply("01-a", reply(update("t", false, memLimit(5))));
    r.apply("02-b", reply(update("t", true, memLimit(6))));
    assertEquals(5, r.linuxResources().getMemory().getLimit().getValue());
    assertEquals(false, r.targetUpdate().orElseThrow().getIgnoreFailure());
  }

  @Test
  void stopResultListsAllUpdates() {
    UpdateResult r = UpdateResult.forStop();
    r.apply("01-a", StopContainerResponse.newBuilder().addUpdate(update("a", false, memLimit(1))).build());
    r.apply("02-b", StopContainerResponse.newBuilder().addUpdate(update("b", false, memLimit(2))).build());
    assertEquals(List.of("a", "b"), r.stopResponse().getUpdateList().stream().map(ContainerUpdate::getContainerId).toList());
    assertThrows(IllegalStateException.class, r::linuxResources);
    assertEquals(Optional.empty(), r.targetUpdate());
  }

  @Test
  void evictionsAreCarriedButNotReturned() {
    ContainerEviction ev = ContainerEviction.newBuilder().setContainerId("v").build();
    UpdateResult r = UpdateResult.forUpdate("t", null);
    r.apply("01-a", UpdateContainerResponse.newBuilder().addEvict(ev).build());
    assertEquals(List.of(ev), r.evictions());
    assertEquals(0, r.updateResponse().getEvictCount());
  }
}
