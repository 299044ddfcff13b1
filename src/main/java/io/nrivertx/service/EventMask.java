package io.nrivertx.service;

import io.nrivertx.api.Event;

/** A plugin's subscription: bit (event - 1) set for every event it wants. */
public record EventMask(int bits) {
  /** Events 1..14, validation included, as NRI defines its "all events" mask. */
  public static final int VALID = (1 << (Event.LAST_VALUE - 1)) - 1;

  public static EventMask all() {
    return new EventMask(VALID);
  }

  /**
   * Interprets a ConfigureResponse.events value the way the runtime must: 0 means every valid
   * event, any bit outside the valid range is an error.
   */
  public static EventMask fromConfigure(int events) {
    if (events == 0) {
      return all();
    }
    int extra = events & ~VALID;
    if (extra != 0) {
      throw new IllegalArgumentException("invalid plugin events: 0x" + Integer.toHexString(extra));
    }
    return new EventMask(events);
  }

  public static int bit(Event event) {
    return 1 << (event.getNumber() - 1);
  }

  public boolean has(Event event) {
    return event != Event.UNKNOWN && (bits & bit(event)) != 0;
  }
}
