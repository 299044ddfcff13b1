package io.nrivertx.stub;

import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.api.Event;
import io.nrivertx.service.EventMask;
import org.junit.jupiter.api.Test;

/** NRI's event-name parsing (api.ParseEventMask) and pretty printing. */
class EventsTest {

  @Test
  void singleNamesAreCaseInsensitive() {
    assertEquals(Events.mask(Event.RUN_POD_SANDBOX, Event.CREATE_CONTAINER),
        Events.parse("RunPodSandbox,createcontainer"));
    assertEquals(Events.mask(Event.VALIDATE_CONTAINER_ADJUSTMENT), Events.parse("ValidateContainerAdjustment"));
    assertEquals(Events.mask(Event.STOP_CONTAINER), Events.parse("stopcontainer, stopcontainer"), "names are trimmed");
  }

  @Test
  void groups() {
    assertEquals(EventMask.all(), Events.parse("all"));
    EventMask pod = Events.mask(Event.RUN_POD_SANDBOX, Event.UPDATE_POD_SANDBOX, Event.POST_UPDATE_POD_SANDBOX,
        Event.STOP_POD_SANDBOX, Event.REMOVE_POD_SANDBOX);
    assertEquals(pod, Events.parse("pod"));
    assertEquals(pod, Events.parse("PodSandbox"));
    EventMask container = Events.parse("container");
    assertEquals(EventMask.VALID & ~pod.bits(), container.bits(), "container includes validation");
    assertTrue(container.has(Event.VALIDATE_CONTAINER_ADJUSTMENT));
    assertEquals(EventMask.all(), Events.parse("pod", "container"), "several lists add up");
  }

  @Test
  void unknownAndEmptyNamesAreErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Events.parse("createcontainers"));
    assertEquals("unknown event \"createcontainers\"", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Events.parse(""));
    assertThrows(IllegalArgumentException.class, () -> Events.parse("pod,"));
    assertThrows(IllegalArgumentException.class, () -> Events.parse(" all"), "groups are matched untrimmed, as in Go");
  }

  @Test
  void prettyNamesAndStrings() {
    assertEquals("PostUpdatePodSandbox", Events.prettyName(Event.POST_UPDATE_POD_SANDBOX));
    assertEquals("unknown(0)", Events.prettyName(Event.UNKNOWN));
    assertEquals("RunPodSandbox,CreateContainer,ValidateContainerAdjustment",
        Events.prettyString(Events.mask(Event.VALIDATE_CONTAINER_ADJUSTMENT, Event.CREATE_CONTAINER,
            Event.RUN_POD_SANDBOX)));
    assertEquals("StopPodSandbox,unknown(0x8000)", Events.prettyString(new EventMask(0x8002)));
  }
}
