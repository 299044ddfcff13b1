package io.nrivertx.ops.tracing;

import io.nrivertx.observe.CallScope;
import io.nrivertx.observe.EventScope;
import io.nrivertx.observe.EventStart;
import io.nrivertx.observe.NriObserver;
import io.nrivertx.observe.PluginCallStart;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Map;

/**
 * Traces on the runtime's observer SPI (docs/observer.md): one span per lifecycle event, a child
 * per plugin call, whose W3C trace context goes to the plugin in the ttrpc request's metadata
 * (as containerd's otelttrpc client interceptor sends it), so a plugin built with otelttrpc
 * continues the trace. An event's parent is its caller's current span (a CRI call's), or the
 * trace context in an event-bus request's headers.
 */
final class NriTracing implements NriObserver {
  private static final TextMapGetter<Map<String, String>> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  NriTracing(Tracer tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  @Override
  public Object callerContext() {
    Context current = Context.current();
    return Span.fromContext(current).getSpanContext().isValid() ? current : null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public EventScope eventStarted(EventStart event) {
    Context parent = switch (event.parent()) {
      case Context c -> c;
      case Map<?, ?> headers -> propagator.extract(Context.root(), (Map<String, String>) headers, HEADERS);
      case null, default -> Context.root();
    };
    Span span = tracer.spanBuilder(event.operation()).setParent(parent).setSpanKind(SpanKind.INTERNAL)
        .setAttribute("nri.operation", event.operation())
        .setAttribute("nri.namespace", String.valueOf(event.namespace()))
        .setAttribute("nri.pod.id", String.valueOf(event.podId()))
        .setAttribute("nri.container.id", String.valueOf(event.containerId()))
        .startSpan();
    return new EventSpan(tracer, propagator, span);
  }

  /** Configure, Synchronize and Shutdown: calls of their own, each a root span. */
  @Override
  public CallScope pluginCallStarted(PluginCallStart call) {
    return CallSpan.start(tracer, propagator, Context.root(), call);
  }
}
