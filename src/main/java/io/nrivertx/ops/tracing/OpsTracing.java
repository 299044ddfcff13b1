package io.nrivertx.ops.tracing;

import io.nrivertx.observe.NriObserver;
import io.nrivertx.ops.TracingOptions;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.vertx.core.VertxBuilder;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry for one nri-vertx process, when {@code tracing.enabled} (docs/operations.md):
 * an SDK of its own (never the global one), spans batched to an OTLP/HTTP exporter, W3C trace
 * context. {@link #observer()} traces lifecycle events and plugin calls; {@link #install} makes
 * Vert.x trace its servers too (the CRI endpoint's gRPC calls). Only referenced when tracing is
 * on, so that none of this is loaded otherwise.
 */
public final class OpsTracing implements AutoCloseable {
  private final OpenTelemetrySdk sdk;

  /** Spans to {@code options}' OTLP/HTTP endpoint. */
  public OpsTracing(TracingOptions options) {
    this(options, OtlpHttpSpanExporter.builder().setEndpoint(options.getEndpoint()).build());
  }

  /** Spans to {@code exporter} (tests pass an in-memory one). */
  public OpsTracing(TracingOptions options, SpanExporter exporter) {
    SdkTracerProvider tracers = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
            io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), options.getServiceName()))))
        .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(options.getSampleRatio())))
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
        .build();
    sdk = OpenTelemetrySdk.builder().setTracerProvider(tracers)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
  }

  /** A runtime's tracing observer (one per runtime instance). */
  public NriObserver observer() {
    return new NriTracing(sdk.getTracer("io.nrivertx"), sdk.getPropagators().getTextMapPropagator());
  }

  /** Vert.x traces its HTTP and gRPC servers into the same SDK. */
  public VertxBuilder install(VertxBuilder builder) {
    return builder.withTracer(new OpenTelemetryTracingFactory(sdk));
  }

  public io.opentelemetry.api.OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** Exports what is batched now (bounded); tests read their exporter after it. */
  public void flush() {
    sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
  }

  /** Sends what is batched, then stops (bounded). */
  @Override
  public void close() {
    sdk.getSdkTracerProvider().shutdown().join(5, TimeUnit.SECONDS);
  }
}
