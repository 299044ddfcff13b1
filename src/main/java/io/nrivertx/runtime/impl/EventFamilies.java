package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.nrivertx.service.PluginCall;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which {@link EventWork} an event gets, looked up from its {@link PluginCall}: create, update
 * and stop merge replies, a deferred validation asks the validators; every other event only
 * notifies.
 */
final class EventFamilies {
  /** A family for one call; the constructor checks that the work's types are the call's. */
  private record Family<Q extends Message, R extends Message>(
      PluginCall<Q, R> call, BiFunction<EventRun<Q, R>, RuntimeCore, EventWork<Q, R>> work) {
  }

  private static final Map<PluginCall<?, ?>, Family<?, ?>> MERGING = Stream.of(
          new Family<>(PluginCall.CREATE_CONTAINER, CreateEvent::new),
          new Family<>(PluginCall.UPDATE_CONTAINER, UpdateEvent::new),
          new Family<>(PluginCall.STOP_CONTAINER, StopEvent::new),
          new Family<>(PluginCall.VALIDATE, ValidateEvent::new))
      .collect(Collectors.toUnmodifiableMap(Family::call, f -> f));

  private EventFamilies() {
  }

  @SuppressWarnings("unchecked") // the table is keyed by each family's own call, so Q and R match
  static <Q extends Message, R extends Message> EventWork<Q, R> start(EventRun<Q, R> run, RuntimeCore core) {
    Family<Q, R> family = (Family<Q, R>) MERGING.get(run.call);
    return family == null ? new NotifyEvent<>(run, core) : family.work().apply(run, core);
  }
}
