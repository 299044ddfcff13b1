package io.nrivertx.merge;

import io.nrivertx.api.CompoundFieldOwners;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Field;
import io.nrivertx.api.FieldOwners;
import io.nrivertx.api.OwningPlugins;
import io.nrivertx.api.PodSandbox;

/** Shared test data: one pod, one container being created, replies built from adjustments. */
final class Fixtures {

  static final String ID = "ctr-1";
  static final PodSandbox POD = PodSandbox.newBuilder().setId("pod-1").setName("pod").build();

  private Fixtures() {
  }

  static Container container() {
    return Container.newBuilder().setId(ID).setPodSandboxId("pod-1").setName("c").build();
  }

  static CreateResult create() {
    return new CreateResult(POD, container());
  }

  static CreateResult create(Container.Builder c) {
    return new CreateResult(POD, c.build());
  }

  static CreateContainerResponse reply(ContainerAdjustment adjust) {
    return CreateContainerResponse.newBuilder().setAdjust(adjust).build();
  }

  static String simpleOwner(OwningPlugins owners, String id, Field field) {
    return owners.getOwnersOrDefault(id, FieldOwners.getDefaultInstance())
        .getSimpleOrDefault(field.getNumber(), null);
  }

  static String compoundOwner(OwningPlugins owners, String id, Field field, String key) {
    return owners.getOwnersOrDefault(id, FieldOwners.getDefaultInstance())
        .getCompoundOrDefault(field.getNumber(), CompoundFieldOwners.getDefaultInstance())
        .getOwnersOrDefault(key, null);
  }

  /** The exact text Go's owners.go produces. */
  static String conflict(String claimant, String owner, Field field, String key) {
    return "plugins \"" + claimant + "\" and \"" + owner + "\" both tried to set " + field.name() + " "
        + (key == null ? "" : key);
  }
}
