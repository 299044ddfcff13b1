package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nrivertx.RequestOptions;
import io.nrivertx.api.CompoundFieldOwners;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.Field;
import io.nrivertx.api.FieldOwners;
import io.nrivertx.api.OwningPlugins;
import io.nrivertx.api.PluginInstance;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.api.ValidateContainerAdjustmentResponse;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A CreateContainer sent with deferValidation and the VALIDATE request that follows it (a relay
 * whose runtime validates): the validators judge once, later, with this runtime's owners and
 * plugins filled into the front runtime's request.
 */
@ExtendWith(VertxExtension.class)
class DeferredValidationTest {
  private static FakePlugin adjuster() {
    return new FakePlugin("10", "adjuster", Event.CREATE_CONTAINER).replies(PluginCall.CREATE_CONTAINER,
        CreateContainerResponse.newBuilder().setAdjust(ContainerAdjustment.newBuilder().putAnnotations("a", "1")).build());
  }

  private static FakePlugin judge(boolean reject) {
    return new FakePlugin("90", "judge", Event.VALIDATE_CONTAINER_ADJUSTMENT).replies(PluginCall.VALIDATE,
        ValidateContainerAdjustmentResponse.newBuilder().setReject(reject).setReason(reject ? "not this one" : "")
            .build());
  }

  /** The front runtime's request: it owns "a" as the relay; "b" is a plugin's beside the relay. */
  private static ValidateContainerAdjustmentRequest front(CreateContainerRequest create) {
    FieldOwners owners = FieldOwners.newBuilder().putCompound(Field.Annotations_VALUE, CompoundFieldOwners
        .newBuilder().putOwners("a", "50-nri-vertx").putOwners("b", "60-beside").build()).build();
    return ValidateContainerAdjustmentRequest.newBuilder().setPod(create.getPod()).setContainer(create.getContainer())
        .setAdjust(ContainerAdjustment.newBuilder().putAnnotations("a", "1").putAnnotations("b", "2"))
        .setOwners(OwningPlugins.newBuilder().putOwners(create.getContainer().getId(), owners))
        .addPlugins(PluginInstance.newBuilder().setIndex("50").setName("nri-vertx"))
        .addPlugins(PluginInstance.newBuilder().setIndex("60").setName("beside"))
        .build();
  }

  @Test
  void theValidatorsJudgeOnceLaterWithThisRuntimesOwnersAndPlugins(Vertx vertx) {
    FakePlugin judge = judge(false);
    try (CoreFixture f = CoreFixture.start(vertx).admit(adjuster(), judge)) {
      CreateContainerRequest create = Requests.create("c1", "p1");
      await(f.nri.request(PluginCall.CREATE_CONTAINER, create, new RequestOptions().setDeferValidation(true)));
      assertEquals(List.of("Configure", "Synchronize"), judge.methods(), "not validated during the creation");

      ValidateContainerAdjustmentResponse ok = await(f.nri.request(PluginCall.VALIDATE, front(create)));
      assertEquals(ValidateContainerAdjustmentResponse.getDefaultInstance(), ok);
      ValidateContainerAdjustmentRequest seen = (ValidateContainerAdjustmentRequest) judge.calls().getLast().request();
      assertEquals(Map.of("a", "10-adjuster", "b", "60-beside"), seen.getOwners().getOwnersOrThrow("c1")
          .getCompoundOrThrow(Field.Annotations_VALUE).getOwnersMap());
      assertEquals(List.of("50-nri-vertx", "60-beside", "10-adjuster", "90-judge"), seen.getPluginsList().stream()
          .map(p -> p.getIndex() + "-" + p.getName()).toList());
      assertEquals(1, judge.methods().stream().filter("ValidateContainerAdjustment"::equals).count());
      assertEquals(0, f.core.deferred().size(), "the deferred creation is done with");
    }
  }

  @Test
  void aRejectionFailsTheValidationNamingTheValidator(Vertx vertx) {
    try (CoreFixture f = CoreFixture.start(vertx).admit(adjuster(), judge(true))) {
      CreateContainerRequest create = Requests.create("c1", "p1");
      await(f.nri.request(PluginCall.CREATE_CONTAINER, create, new RequestOptions().setDeferValidation(true)));
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.VALIDATE, front(create))));
      assertEquals(LifecycleException.Kind.REJECTED, e.kind());
      assertEquals("90-judge", e.plugin());
      assertEquals("validator \"90-judge\" rejected container adjustment, reason: not this one", e.getMessage());
    }
  }

  @Test
  void withoutADeferredCreationTheRequestIsJudgedAsItIs(Vertx vertx) {
    FakePlugin judge = judge(false);
    try (CoreFixture f = CoreFixture.start(vertx).admit(judge)) {
      ValidateContainerAdjustmentRequest req = front(Requests.create("c9", "p1"));
      await(f.nri.request(PluginCall.VALIDATE, req));
      assertEquals(req, judge.calls().getLast().request());
    }
  }

  @Test
  void aCreationWithoutDeferralStillValidatesAtOnce(Vertx vertx) {
    try (CoreFixture f = CoreFixture.start(vertx).admit(adjuster(), judge(true))) {
      assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"))));
      assertEquals(0, f.core.deferred().size());
    }
  }

  @Test
  void deferredCreationsAreBounded() {
    DeferredValidations d = new DeferredValidations();
    for (int i = 0; i <= DeferredValidations.LIMIT; i++) {
      d.deferred("c" + i, OwningPlugins.getDefaultInstance(), List.of());
    }
    assertEquals(DeferredValidations.LIMIT, d.size());
  }
}
