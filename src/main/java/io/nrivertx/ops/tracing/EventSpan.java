package io.nrivertx.ops.tracing;

import io.nrivertx.observe.CallScope;
import io.nrivertx.observe.EventEnd;
import io.nrivertx.observe.EventScope;
import io.nrivertx.observe.PluginCallStart;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;

/** One lifecycle event's span; its plugin calls are its children. */
final class EventSpan implements EventScope {
  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final Span span;
  private final Context context;

  EventSpan(Tracer tracer, TextMapPropagator propagator, Span span) {
    this.tracer = tracer;
    this.propagator = propagator;
    this.span = span;
    this.context = Context.root().with(span);
  }

  @Override
  public CallScope pluginCallStarted(PluginCallStart call) {
    return CallSpan.start(tracer, propagator, context, call);
  }

  @Override
  public void eventEnded(EventEnd end) {
    span.setAttribute("nri.outcome", end.outcome());
    if (!end.ok()) {
      span.setStatus(StatusCode.ERROR, end.failure().getMessage());
    }
    span.end();
  }
}
