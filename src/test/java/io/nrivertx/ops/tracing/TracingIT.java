package io.nrivertx.ops.tracing;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.ops.MetricsOptions;
import io.nrivertx.ops.Ops;
import io.nrivertx.ops.TracingOptions;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A trace from a caller through nri-vertx into a Go plugin built with containerd's otelttrpc:
 * the caller's span is the event's parent, each plugin call is the event's child, and the plugin
 * receives that call's span context in the ttrpc request metadata (src/test/go/cmd/tracer).
 */
class TracingIT {
  @Test
  void aGoPluginOnOtelttrpcContinuesTheTrace() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpsTracing tracing = new OpsTracing(new TracingOptions().setEnabled(true), spans);
    Ops ops = Ops.create(new MetricsOptions().setAddress(""), tracing);
    try (RuntimeFixture rt = new RuntimeFixture(ops.vertxBuilder(Ops.processVertxOptions()).build())) {
      rt.domain.putPod(rt.pod("pod0", "web"));
      NriRuntime nri = rt.start(new NriOptions().setRequestTimeout(Duration.ofSeconds(2)).setObserver(ops.observer()));
      rt.plugin(GoPeers.binDir().resolve("tracer"), "-idx", "60", "-log-file", rt.file("tracer.jsonl").toString());
      rt.awaitPlugins(List.of("60-tracer"));

      Span caller = tracing.openTelemetry().getTracer("test").spanBuilder("CRI CreateContainer")
          .setSpanKind(SpanKind.SERVER).startSpan();
      CreateContainerRequest req = CreateContainerRequest.newBuilder().setPod(rt.pod("pod0", "web"))
          .setContainer(rt.container("ctr0", "pod0", "app", ContainerState.CONTAINER_CREATED)).build();
      try (Scope ignored = caller.makeCurrent()) {
        await(nri.request(PluginCall.CREATE_CONTAINER, req));
      } finally {
        caller.end();
      }
      JsonObject seen = new JsonLines(rt.file("tracer.jsonl")).awaitEvent("CreateContainer", Duration.ofSeconds(20));
      tracing.flush();

      String traceId = caller.getSpanContext().getTraceId();
      assertEquals(traceId, seen.getString("traceId"), "the plugin continues the caller's trace: " + seen);
      assertTrue(seen.getBoolean("sampled"), seen.encode());
      SpanData event = only(spans, "CreateContainer");
      assertEquals(caller.getSpanContext().getSpanId(), event.getParentSpanId(), "the event's parent is the caller");
      assertEquals("pod0", event.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("nri.pod.id")));
      SpanData call = only(spans, "nri.pkg.api.v1alpha1.Plugin/CreateContainer");
      assertEquals(event.getSpanId(), call.getParentSpanId(), "each plugin call is a child of its event");
      assertEquals(traceId, call.getTraceId());
      assertEquals(call.getSpanId(), seen.getString("spanId"), "the plugin's parent is its call's span");
      assertEquals("60-tracer", call.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey(
          "nri.plugin")));
      assertEquals("ok", call.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("nri.outcome")));
      assertTrue(seen.getString("traceparent").startsWith("00-" + traceId + "-" + call.getSpanId() + "-"),
          seen.encode());
    } finally {
      ops.close();
    }
  }

  private static SpanData only(InMemorySpanExporter spans, String name) {
    List<SpanData> found = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    assertEquals(1, found.size(), name + " in " + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    return found.get(0);
  }
}
