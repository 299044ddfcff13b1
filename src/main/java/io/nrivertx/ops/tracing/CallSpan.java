package io.nrivertx.ops.tracing;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.nrivertx.observe.CallScope;
import io.nrivertx.observe.PluginCallEnd;
import io.nrivertx.observe.PluginCallStart;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;

/**
 * One plugin call's span (kind CLIENT, like otelttrpc's client spans): plugin, index, outcome,
 * gRPC code, adjustment counts. Its context is what the plugin receives.
 */
final class CallSpan implements CallScope {
  private static final String SERVICE = "nri.pkg.api.v1alpha1.Plugin";
  private static final String TRACEPARENT = "traceparent";
  /** {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}. */
  private static final int TRACEPARENT_LENGTH = 55;

  private final TextMapPropagator propagator;
  private final Span span;

  private CallSpan(TextMapPropagator propagator, Span span) {
    this.propagator = propagator;
    this.span = span;
  }

  static CallSpan start(Tracer tracer, TextMapPropagator propagator, Context parent, PluginCallStart call) {
    String plugin = call.plugin();
    int dash = plugin.indexOf('-');
    Span span = tracer.spanBuilder(SERVICE + "/" + call.operation()).setParent(parent).setSpanKind(SpanKind.CLIENT)
        .setAttribute("rpc.system", "ttrpc").setAttribute("rpc.service", SERVICE)
        .setAttribute("rpc.method", call.operation()).setAttribute("nri.plugin", plugin)
        .setAttribute("nri.plugin.index", dash > 0 ? plugin.substring(0, dash) : "")
        .setAttribute("nri.timeout_ms", call.timeout().toMillis())
        .startSpan();
    return new CallSpan(propagator, span);
  }

  @Override
  public Map<String, String> requestMetadata() {
    Map<String, String> md = new HashMap<>(2);
    propagator.inject(Context.root().with(span), md, (carrier, key, value) -> carrier.put(key, value));
    String parent = md.get(TRACEPARENT);
    if (parent != null && parent.length() == TRACEPARENT_LENGTH) {
      md.put(TRACEPARENT, sampledFlagOnly(parent));
    }
    return md;
  }

  /**
   * OpenTelemetry Java sets W3C level 2's "random trace id" flag (02); OpenTelemetry Go before
   * 1.30, which containerd's otelttrpc plugins are built with, rejects a version-00 traceparent
   * with any flag above 02 set together with "sampled" (03), and the trace would stop at the
   * plugin. Sent here is what a Go runtime sends: the sampled flag only.
   */
  static String sampledFlagOnly(String traceparent) {
    int flags = Integer.parseInt(traceparent.substring(TRACEPARENT_LENGTH - 2), 16);
    return traceparent.substring(0, TRACEPARENT_LENGTH - 2) + ((flags & 1) == 1 ? "01" : "00");
  }

  @Override
  public void pluginCallEnded(PluginCallEnd end) {
    span.setAttribute("nri.outcome", end.outcome().name().toLowerCase(java.util.Locale.ROOT));
    span.setAttribute("rpc.grpc.status_code", end.code());
    if (end.outcome() == PluginCallEnd.Outcome.OK) {
      span.setAttribute("nri.adjusted_fields", adjustedFields(end.reply()));
      span.setAttribute("nri.updates", end.updates());
      span.setAttribute("nri.evictions", end.evictions());
    } else {
      span.setStatus(StatusCode.ERROR, end.errorLabel());
      span.setAttribute("nri.closed_plugin", end.closedPlugin());
      span.setAttribute("nri.failed_event", end.failedEvent());
    }
    span.end();
  }

  /** How many adjustment fields a CreateContainer reply sets (0 for other replies). */
  private static int adjustedFields(Message reply) {
    if (reply == null) {
      return 0;
    }
    FieldDescriptor adjust = reply.getDescriptorForType().findFieldByName("adjust");
    return adjust != null && reply.hasField(adjust) ? ((Message) reply.getField(adjust)).getAllFields().size() : 0;
  }
}
