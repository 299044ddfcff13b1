package io.nrivertx.relay.impl;

import com.google.protobuf.Message;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.HugepageLimit;
import io.nrivertx.api.UpdateContainerRequest;
import io.nrivertx.api.UpdateContainerResponse;
import java.util.List;

/**
 * The downstream runtime's merged reply as the relay sends it upstream, where the runtime merges
 * it once more, as one plugin's; sent as it is, two parts would come out differently:
 * <ul>
 *   <li>NRI's merge puts an empty {@code linux.rdt} into its result as soon as any plugin's reply
 *       has a {@code linux} part, and the downstream result always holds the (empty) linux
 *       resources it starts from: the runtime would add the empty rdt for every container. The
 *       rdt the downstream merge added tells whether a plugin returned a linux part: without it
 *       there is no linux content to send.</li>
 *   <li>UpdateContainer: the update of the container being updated holds its whole new resources,
 *       the requested ones included; NRI applies it over the requested resources, and appends
 *       hugepage limits where it sets other fields. The requested limits, which start the list,
 *       are left out so that they are not there twice.</li>
 * </ul>
 */
final class RelayReplies {
  private RelayReplies() {
  }

  static <R extends Message> R upstream(Message request, R reply) {
    if (request instanceof UpdateContainerRequest update && reply instanceof UpdateContainerResponse rsp) {
      @SuppressWarnings("unchecked")
      R trimmed = (R) withoutRequestedHugepages(update, rsp);
      return trimmed;
    }
    if (reply instanceof CreateContainerResponse create && create.getAdjust().hasLinux()
        && !create.getAdjust().getLinux().hasRdt()) {
      ContainerAdjustment adjust = create.getAdjust().toBuilder().clearLinux().build();
      @SuppressWarnings("unchecked")
      R trimmed = (R) create.toBuilder().setAdjust(adjust).build();
      return trimmed;
    }
    return reply;
  }

  private static UpdateContainerResponse withoutRequestedHugepages(UpdateContainerRequest request,
                                                                   UpdateContainerResponse reply) {
    List<HugepageLimit> requested = request.getLinuxResources().getHugepageLimitsList();
    if (requested.isEmpty()) {
      return reply;
    }
    UpdateContainerResponse.Builder b = reply.toBuilder();
    for (int i = 0; i < b.getUpdateCount(); i++) {
      ContainerUpdate u = b.getUpdate(i);
      List<HugepageLimit> limits = u.getLinux().getResources().getHugepageLimitsList();
      if (u.getContainerId().equals(request.getContainer().getId()) && limits.size() >= requested.size()
          && limits.subList(0, requested.size()).equals(requested)) {
        ContainerUpdate.Builder ub = u.toBuilder();
        ub.getLinuxBuilder().getResourcesBuilder().clearHugepageLimits()
            .addAllHugepageLimits(limits.subList(requested.size(), limits.size()));
        b.setUpdate(i, ub);
      }
    }
    return b.build();
  }
}
