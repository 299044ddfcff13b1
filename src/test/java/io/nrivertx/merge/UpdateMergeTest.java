package io.nrivertx.merge;

import static io.nrivertx.merge.Fixtures.conflict;
import static io.nrivertx.merge.Fixtures.simpleOwner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Field;
import io.nrivertx.api.LinuxContainerUpdate;
import io.nrivertx.api.LinuxPids;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.OptionalInt64;
import io.nrivertx.api.OptionalUInt64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Updates of other containers returned by CreateContainer (shared with Update/Stop). */
class UpdateMergeTest {

  static ContainerUpdate update(String id, boolean ignore, LinuxResources.Builder res) {
    ContainerUpdate.Builder u = ContainerUpdate.newBuilder().setContainerId(id).setIgnoreFailure(ignore);
    if (res != null) {
      u.setLinux(LinuxContainerUpdate.newBuilder().setResources(res));
    }
    return u.build();
  }

  static LinuxResources.Builder memLimit(long v) {
    LinuxResources.Builder r = LinuxResources.newBuilder();
    r.getMemoryBuilder().setLimit(OptionalInt64.newBuilder().setValue(v));
    return r;
  }

  static LinuxResources.Builder shares(long v) {
    LinuxResources.Builder r = LinuxResources.newBuilder();
    r.getCpuBuilder().setShares(OptionalUInt64.newBuilder().setValue(v));
    return r;
  }

  static CreateContainerResponse updates(ContainerUpdate... u) {
    return CreateContainerResponse.newBuilder().addAllUpdate(List.of(u)).build();
  }

  @Test
  void updatesMergePerContainerInOrderOfFirstMention() {
    CreateResult r = Fixtures.create();
    r.apply("01-a", updates(update("x", true, memLimit(100)), update("y", false, null)));
    r.apply("02-b", updates(update("x", false, shares(5))));
    List<ContainerUpdate> merged = r.response().getUpdateList();
    assertEquals(List.of("x", "y"), merged.stream().map(ContainerUpdate::getContainerId).toList());
    LinuxResources x = merged.get(0).getLinux().getResources();
    assertEquals(100, x.getMemory().getLimit().getValue());
    assertEquals(5, x.getCpu().getShares().getValue());
    assertFalse(merged.get(0).getIgnoreFailure(), "AND of true and false");
    assertEquals(UpdateCollector.EMPTY, merged.get(1).getLinux().getResources(), "mentioned without resources");
    assertEquals("01-a", simpleOwner(r.owners(), "x", Field.MemLimit));
    assertEquals("02-b", simpleOwner(r.owners(), "x", Field.CPUShares));
  }

  @Test
  void updateConflictsArePerContainerAndField() {
    CreateResult r = Fixtures.create();
    r.apply("01-a", updates(update("x", false, memLimit(100))));
    r.apply("02-b", updates(update("y", false, memLimit(200))));
    MergeConflictException e = assertThrows(MergeConflictException.class,
        () -> r.apply("03-c", updates(update("x", false, memLimit(300)))));
    assertEquals(conflict("03-c", "01-a", Field.MemLimit, null), e.getMessage());
  }

  @Test
  void ignoredFailureSkipsThatUpdateButKeepsEarlierClaims() {
    CreateResult r = Fixtures.create();
    r.apply("01-a", updates(update("x", false, memLimit(100))));
    LinuxResources.Builder both = shares(7);
    both.getMemoryBuilder().setLimit(OptionalInt64.newBuilder().setValue(300));
    r.apply("02-b", updates(update("x", true, both), update("z", true, shares(1))));
    LinuxResources x = r.response().getUpdate(0).getLinux().getResources();
    assertEquals(100, x.getMemory().getLimit().getValue());
    assertFalse(x.getCpu().hasShares(), "the failed update is not applied");
    assertFalse(r.response().getUpdate(0).getIgnoreFailure());
    assertEquals("z", r.response().getUpdate(1).getContainerId(), "processing goes on after an ignored failure");
  }

  @Test
  void updateOfTheContainerBeingCreatedFailsEvenIfIgnored() {
    CreateResult r = Fixtures.create();
    MergeException e = assertThrows(MergeException.class,
        () -> r.apply("01-a", updates(update(Fixtures.ID, true, memLimit(1)))));
    assertFalse(e instanceof MergeConflictException);
    assertEquals("plugin \"01-a\" asked update of \"ctr-1\" during creation", e.getMessage());
  }

  @Test
  void pidsOfAnUpdateAreDroppedAsInGo() {
    CreateResult r = Fixtures.create();
    r.apply("01-a", updates(update("x", false, LinuxResources.newBuilder().setPids(LinuxPids.newBuilder().setLimit(9)))));
    assertFalse(r.response().getUpdate(0).getLinux().getResources().hasPids());
    assertEquals(null, simpleOwner(r.owners(), "x", Field.PidsLimit));
  }

  @Test
  void adjustmentAndUpdatesShareOwnershipButNotContainers() {
    CreateResult r = Fixtures.create();
    CreateContainerResponse.Builder b = CreateContainerResponse.newBuilder().addUpdate(update("x", false, memLimit(1)));
    b.getAdjustBuilder().getLinuxBuilder().setResources(memLimit(2));
    r.apply("01-a", b.build());
    r.apply("02-b", updates(update("y", false, memLimit(3))));
    assertEquals("01-a", simpleOwner(r.owners(), Fixtures.ID, Field.MemLimit));
    assertEquals("01-a", simpleOwner(r.owners(), "x", Field.MemLimit));
    assertEquals("02-b", simpleOwner(r.owners(), "y", Field.MemLimit));
    assertTrue(r.owners().getOwnersMap().keySet().containsAll(List.of(Fixtures.ID, "x", "y")));
  }
}
