package io.nrivertx.relay.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.LinuxContainerAdjustment;
import io.nrivertx.api.LinuxMemory;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.LinuxRdt;
import io.nrivertx.api.OptionalInt64;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.HugepageLimit;
import io.nrivertx.api.LinuxContainerUpdate;
import io.nrivertx.api.UpdateContainerRequest;
import io.nrivertx.api.UpdateContainerResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayRepliesTest {
  @Test
  void scaffoldingLinuxWithoutRdtIsNotSent() {
    CreateContainerResponse merged = CreateContainerResponse.newBuilder().setAdjust(ContainerAdjustment.newBuilder()
        .putAnnotations("a", "b").setLinux(LinuxContainerAdjustment.newBuilder().setResources(LinuxResources
            .newBuilder().setMemory(LinuxMemory.getDefaultInstance())))).build();
    CreateContainerResponse sent = RelayReplies.upstream(null, merged);
    assertFalse(sent.getAdjust().hasLinux());
    assertEquals("b", sent.getAdjust().getAnnotationsMap().get("a"));
  }

  @Test
  void aPluginsLinuxPartIsSentWhole() {
    CreateContainerResponse merged = CreateContainerResponse.newBuilder().setAdjust(ContainerAdjustment.newBuilder()
        .setLinux(LinuxContainerAdjustment.newBuilder().setRdt(LinuxRdt.getDefaultInstance())
            .setResources(LinuxResources.newBuilder().setMemory(LinuxMemory.newBuilder()
                .setLimit(OptionalInt64.newBuilder().setValue(1)))))).build();
    assertEquals(merged, RelayReplies.upstream(null, merged));
    assertTrue(RelayReplies.upstream(null, merged).getAdjust().getLinux().hasRdt());
  }

  @Test
  void otherRepliesPassUnchanged() {
    StopContainerResponse r = StopContainerResponse.getDefaultInstance();
    assertEquals(r, RelayReplies.upstream(null, r));
  }

  @Test
  void theUpdatedContainersRequestedHugepagesAreNotSentTwice() {
    HugepageLimit requested = HugepageLimit.newBuilder().setPageSize("1GB").setLimit(1).build();
    HugepageLimit added = HugepageLimit.newBuilder().setPageSize("2MB").setLimit(2).build();
    UpdateContainerRequest req = UpdateContainerRequest.newBuilder()
        .setContainer(io.nrivertx.api.Container.newBuilder().setId("c1"))
        .setLinuxResources(LinuxResources.newBuilder().addHugepageLimits(requested)).build();
    ContainerUpdate whole = ContainerUpdate.newBuilder().setContainerId("c1").setLinux(LinuxContainerUpdate.newBuilder()
        .setResources(LinuxResources.newBuilder().addHugepageLimits(requested).addHugepageLimits(added))).build();
    ContainerUpdate other = whole.toBuilder().setContainerId("c2").build();
    UpdateContainerResponse sent = RelayReplies.upstream(req,
        UpdateContainerResponse.newBuilder().addUpdate(other).addUpdate(whole).build());
    assertEquals(List.of(added), sent.getUpdate(1).getLinux().getResources().getHugepageLimitsList());
    assertEquals(other, sent.getUpdate(0), "updates of other containers start from nothing upstream");
  }
}
