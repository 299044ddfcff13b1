package io.nrivertx.relay.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.service.EventMask;
import org.junit.jupiter.api.Test;

/** The relay's upstream subscription by what the runtime's Configure says about its NRI version. */
class UpstreamEventsTest {
  private static final ConfigureRequest V012 = ConfigureRequest.newBuilder().setNRIVersion("v0.12.3")
      .setRequestTimeout(2000).build();
  private static final ConfigureRequest V010 = ConfigureRequest.newBuilder().setRequestTimeout(2000).build();
  private static final ConfigureRequest V03 = ConfigureRequest.getDefaultInstance();

  @Test
  void everyEventTheRuntimeKnows() {
    UpstreamEvents events = new UpstreamEvents(false);
    assertEquals(0x1FFF, events.offer(V012).bits(), "v0.12: every event but validation");
    assertEquals(0x7FF, new UpstreamEvents(false).offer(V03).bits(), "before v0.7: events 1-11");
    assertEquals(EventMask.VALID, new UpstreamEvents(true).offer(V012).bits(), "validation when asked");
    assertEquals(0x7FF, new UpstreamEvents(true).offer(V03).bits(), "no validation before v0.10");
  }

  @Test
  void aRuntimeThatDropsTheRelayBeforeSynchronizeGetsTheOldEventsNextTime() {
    UpstreamEvents events = new UpstreamEvents(false);
    assertEquals(0x1FFF, events.offer(V010).bits(), "v0.7-v0.11 cannot be told apart: try all");
    // Refused: no Synchronize before the next Configure.
    assertEquals(0x7FF, events.offer(V010).bits());
    events.synchronizedNow();
    assertEquals(0x7FF, events.offer(V010).bits(), "it stays with what the runtime accepted");
    assertEquals(0x1FFF, events.offer(V012).bits(), "a runtime announcing v0.12 gets everything again");
  }

  @Test
  void aLostConnectionAfterSynchronizeIsNoRefusal() {
    UpstreamEvents events = new UpstreamEvents(false);
    events.offer(V010);
    events.synchronizedNow();
    assertEquals(0x1FFF, events.offer(V010).bits());
  }
}
