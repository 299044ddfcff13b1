package io.nrivertx.relay.impl;

import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.Event;
import io.nrivertx.service.EventMask;

/**
 * Which events the relay subscribes to upstream. It wants every event, but a runtime refuses a
 * subscription to events it does not know ("invalid plugin events") by dropping the plugin: NRI
 * before v0.10 knows only events 1–11 (no pod updates, no validation). A runtime announcing its
 * NRI version in Configure (v0.12+) knows them all; one announcing its timeouts but no version is
 * v0.7–v0.11 and may or may not; one announcing neither is older. When a Configure follows an
 * earlier one with no Synchronize in between, after a subscription beyond events 1–11, the
 * runtime refused it: the relay falls back to events 1–11 until a runtime announces v0.12+.
 * Not thread-safe: used on the relay's context.
 */
final class UpstreamEvents {
  /** Events 1–11 (RunPodSandbox … RemoveContainer): what every NRI version knows. */
  static final int LEGACY = (1 << Event.REMOVE_CONTAINER_VALUE) - 1;
  /** Every event but validation. */
  static final int ALL_BUT_VALIDATION = EventMask.VALID & ~EventMask.bit(Event.VALIDATE_CONTAINER_ADJUSTMENT);

  private final boolean validate;
  private boolean legacyOnly;
  private int offered;
  private boolean synchronizedSinceOffer = true;

  UpstreamEvents(boolean validate) {
    this.validate = validate;
  }

  /** The mask for this Configure. */
  EventMask offer(ConfigureRequest request) {
    if (!synchronizedSinceOffer && (offered & ~LEGACY) != 0) {
      legacyOnly = true;
    }
    // The field exists since v0.12, whatever it holds ("(devel)" included).
    boolean modern = !request.getNRIVersion().isEmpty();
    if (modern) {
      legacyOnly = false;
    }
    boolean legacy = !modern && (legacyOnly || request.getRequestTimeout() == 0);
    offered = legacy ? LEGACY : modern && validate ? EventMask.VALID : ALL_BUT_VALIDATION;
    synchronizedSinceOffer = false;
    return new EventMask(offered);
  }

  void synchronizedNow() {
    synchronizedSinceOffer = true;
  }
}
