package io.nrivertx.runtime.impl;

import static io.nrivertx.runtime.impl.CoreFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.api.ValidateContainerAdjustmentResponse;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Validators: what they see, that they run together, and how each of their failures reads. */
@ExtendWith(VertxExtension.class)
class ValidationTest {
  private static ValidateContainerAdjustmentResponse verdict(boolean reject, String reason) {
    return ValidateContainerAdjustmentResponse.newBuilder().setReject(reject).setReason(reason).build();
  }

  private static FakePlugin adjuster() {
    return new FakePlugin("10", "adjuster", Event.CREATE_CONTAINER).replies(PluginCall.CREATE_CONTAINER,
        CreateContainerResponse.newBuilder().setAdjust(ContainerAdjustment.newBuilder().putAnnotations("a", "1")).build());
  }

  @Test
  void validatorsSeeThePristineContainerTheMergeAndThePluginsThatHadATurn(Vertx vertx) {
    FakePlugin judge = new FakePlugin("90", "judge", Event.VALIDATE_CONTAINER_ADJUSTMENT)
        .replies(PluginCall.VALIDATE, verdict(false, ""));
    FakePlugin idle = new FakePlugin("20", "idle", Event.RUN_POD_SANDBOX);
    try (CoreFixture f = CoreFixture.start(vertx).admit(adjuster(), idle, judge)) {
      await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1")));
      ValidateContainerAdjustmentRequest req = (ValidateContainerAdjustmentRequest) judge.calls().getLast().request();
      assertEquals("1", req.getAdjust().getAnnotationsMap().get("a"));
      assertFalse(req.getContainer().getAnnotationsMap().containsKey("a"), "the container as requested");
      assertEquals(List.of("10-adjuster", "20-idle", "90-judge"), req.getPluginsList().stream()
          .map(p -> p.getIndex() + "-" + p.getName()).toList());
      JsonArray calls = f.awaitAudit("event", 1).getJsonArray("plugins");
      assertEquals("accepted", calls.getJsonObject(1).getString("verdict"));
    }
  }

  @Test
  void aRejectionFailsTheCreationAsRejected(Vertx vertx) {
    FakePlugin judge = new FakePlugin("90", "judge", Event.VALIDATE_CONTAINER_ADJUSTMENT)
        .replies(PluginCall.VALIDATE, verdict(true, ""));
    try (CoreFixture f = CoreFixture.start(vertx).admit(adjuster(), judge)) {
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"))));
      assertEquals(LifecycleException.Kind.REJECTED, e.kind());
      assertEquals("90-judge", e.plugin());
      assertEquals("CreateContainer", e.event());
      assertEquals("validator \"90-judge\" rejected container adjustment, reason: unknown rejection reason",
          e.getMessage());
      assertEquals(0, f.core.pending().size(), "nothing of a rejected creation is kept");
    }
  }

  @Test
  void validatorsRunTogetherAndTheFirstFailureInOrderIsReported(Vertx vertx) {
    Promise<ValidateContainerAdjustmentResponse> first = Promise.promise();
    FakePlugin slow = new FakePlugin("80", "slow", Event.VALIDATE_CONTAINER_ADJUSTMENT)
        .waits(PluginCall.VALIDATE, first.future());
    FakePlugin strict = new FakePlugin("90", "strict", Event.VALIDATE_CONTAINER_ADJUSTMENT)
        .refuses(PluginCall.VALIDATE, "rpc error: code = Unknown desc = no");
    try (CoreFixture f = CoreFixture.start(vertx).admit(slow, strict)) {
      Future<CreateContainerResponse> created = f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"));
      await(f.core.pluginIds());
      assertEquals("ValidateContainerAdjustment", strict.methods().getLast(), "called while 80-slow still judges");
      first.complete(verdict(true, "too big"));
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(created));
      assertEquals("validator \"80-slow\" rejected container adjustment, reason: too big", e.getMessage());
    }
  }

  @Test
  void aValidatorThatFailsOrTimesOutFailsTheCreationWithItsKind(Vertx vertx) {
    FakePlugin erring = new FakePlugin("80", "erring", Event.VALIDATE_CONTAINER_ADJUSTMENT)
        .refuses(PluginCall.VALIDATE, "boom");
    try (CoreFixture f = CoreFixture.start(vertx).admit(erring)) {
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"))));
      assertEquals(LifecycleException.Kind.REJECTED, e.kind());
      assertEquals("validator plugin 80-erring failed: boom", e.getMessage());
    }
    FakePlugin hanging = new FakePlugin("80", "hanging", Event.VALIDATE_CONTAINER_ADJUSTMENT)
        .waits(PluginCall.VALIDATE, Promise.<ValidateContainerAdjustmentResponse>promise().future());
    try (CoreFixture f = CoreFixture.start(vertx).admit(hanging)) {
      Future<CreateContainerResponse> created = f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"));
      await(f.core.pluginIds());
      f.advance(Duration.ofSeconds(2));
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(created));
      assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind());
      assertEquals("validator plugin 80-hanging failed: context deadline exceeded", e.getMessage());
    }
    FakePlugin dying = new FakePlugin("80", "dying", Event.VALIDATE_CONTAINER_ADJUSTMENT).dies(PluginCall.VALIDATE);
    try (CoreFixture f = CoreFixture.start(vertx).admit(dying)) {
      LifecycleException e = assertThrows(LifecycleException.class,
          () -> await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"))));
      assertEquals(LifecycleException.Kind.CONNECTION_LOST, e.kind());
    }
    FakePlugin strict = new FakePlugin("80", "strict", Event.VALIDATE_CONTAINER_ADJUSTMENT).policy(true, false)
        .waits(PluginCall.VALIDATE, Promise.<ValidateContainerAdjustmentResponse>promise().future());
    try (CoreFixture f = CoreFixture.start(vertx).admit(strict)) {
      Future<CreateContainerResponse> created = f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1"));
      await(f.core.pluginIds());
      f.advance(Duration.ofSeconds(2));
      LifecycleException e = assertThrows(LifecycleException.class, () -> await(created));
      assertEquals(LifecycleException.Kind.DEADLINE_EXCEEDED, e.kind());
      assertEquals("validator plugin 80-strict failed: plugin 80-strict failed to handle ValidateContainerAdjustment"
          + " request: context deadline exceeded", e.getMessage());
    }
  }

  @Test
  void withoutValidatorsTheMergeStands(Vertx vertx) {
    try (CoreFixture f = CoreFixture.start(vertx).admit(adjuster())) {
      CreateContainerResponse rsp = await(f.nri.request(PluginCall.CREATE_CONTAINER, Requests.create("c1", "p1")));
      assertEquals("1", rsp.getAdjust().getAnnotationsMap().get("a"));
      assertEquals(1, f.core.pending().size(), "created, not yet stored by the runtime");
    }
  }
}
