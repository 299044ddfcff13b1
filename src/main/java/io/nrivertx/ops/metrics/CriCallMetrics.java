package io.nrivertx.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.nrivertx.cri.CriCallObserver;
import java.util.concurrent.TimeUnit;

/**
 * The CRI endpoint's calls: {@code <prefix>_cri_requests_total{method,code}} and
 * {@code <prefix>_cri_request_duration_seconds{method}} (a histogram with containerd's buckets).
 */
final class CriCallMetrics implements CriCallObserver {
  private final MeterRegistry registry;
  private final String prefix;

  CriCallMetrics(MeterRegistry registry, String prefix) {
    this.registry = registry;
    this.prefix = prefix;
  }

  @Override
  public void callEnded(String method, int code, long nanos) {
    Counter.builder(prefix + ".cri.requests").description("CRI calls answered, by method and gRPC code")
        .tag("method", method).tag("code", GrpcCodeLabels.of(code)).register(registry).increment();
    Timer.builder(prefix + ".cri.request.duration").description("CRI call latency, arrival to the end of the answer")
        .tag("method", method).serviceLevelObjectives(Buckets.SECONDS).register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
