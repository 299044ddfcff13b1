package io.nrivertx.stub.impl;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Event;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.service.EventMask;
import io.nrivertx.stub.Events;
import io.nrivertx.stub.NriPlugin;
import io.nrivertx.stub.StubException;
import io.vertx.core.Future;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandlerScanTest {

  static class PodWatcher implements NriPlugin {
    @Override
    public Future<Void> runPodSandbox(PodSandbox pod) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> updatePodSandbox(PodSandbox pod, LinuxResources overhead, LinuxResources resources) {
      return Future.succeededFuture();
    }
  }

  /** Inherits the pod handlers and adds one: all three count. */
  static class PodAndCreate extends PodWatcher {
    @Override
    public Future<CreateContainerResponse> createContainer(PodSandbox pod, Container container) {
      return Future.succeededFuture(null);
    }
  }

  /** Overriding only Configure, Synchronize and Shutdown handles no event. */
  static class SetupOnly implements NriPlugin {
    @Override
    public Future<List<ContainerUpdate>> synchronize(List<PodSandbox> pods, List<Container> containers) {
      return Future.succeededFuture(List.of());
    }

    @Override
    public Future<Void> shutdown() {
      return Future.succeededFuture();
    }
  }

  /** A plugin interface of the user's own with defaults of its own: those count as handlers. */
  interface Validator extends NriPlugin {
    @Override
    default Future<Void> validateContainerAdjustment(ValidateContainerAdjustmentRequest request) {
      return Future.succeededFuture();
    }
  }

  @Test
  void overriddenEventMethodsMakeTheMask() {
    assertEquals(Events.mask(Event.RUN_POD_SANDBOX, Event.UPDATE_POD_SANDBOX),
        HandlerScan.handledEvents(new PodWatcher()));
    assertEquals(Events.mask(Event.RUN_POD_SANDBOX, Event.UPDATE_POD_SANDBOX, Event.CREATE_CONTAINER),
        HandlerScan.handledEvents(new PodAndCreate()));
    assertEquals(new EventMask(0x800 | 0x1), HandlerScan.handledEvents(new PodWatcher()), "UpdatePodSandbox is bit 0x800");
  }

  @Test
  void anonymousClassesAndSubInterfacesCount() {
    NriPlugin anonymous = new NriPlugin() {
      @Override
      public Future<Void> removeContainer(PodSandbox pod, Container container) {
        return Future.succeededFuture();
      }
    };
    assertEquals(Events.mask(Event.REMOVE_CONTAINER), HandlerScan.handledEvents(anonymous));
    assertEquals(Events.mask(Event.VALIDATE_CONTAINER_ADJUSTMENT), HandlerScan.handledEvents(new Validator() { }));
  }

  @Test
  void aPluginHandlingNoEventIsRefused() {
    StubException e = assertThrows(StubException.class, () -> HandlerScan.handledEvents(new SetupOnly()));
    assertTrue(e.getMessage().contains("does not implement any NRI event handler"), e.getMessage());
    assertThrows(StubException.class, () -> HandlerScan.handledEvents(new NriPlugin() { }));
  }

  @Test
  void synchronizeOverrideIsDetected() {
    assertTrue(HandlerScan.handlesSynchronize(new SetupOnly()));
    assertFalse(HandlerScan.handlesSynchronize(new PodWatcher()));
  }
}
