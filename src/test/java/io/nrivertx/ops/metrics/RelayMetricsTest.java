package io.nrivertx.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.ops.MetricsOptions;
import io.nrivertx.relay.RelayObserver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay's series under the configured prefix, as docs/operations.md lists them. */
class RelayMetricsTest {
  private static void assertSeries(String scrape, String... series) {
    for (String s : series) {
      assertTrue(scrape.lines().anyMatch(s::equals), s + " in:\n" + scrape);
    }
  }

  @Test
  void theUpstreamSideIsCountedUnderThePrefix() {
    OpsMetrics metrics = new OpsMetrics(new MetricsOptions().setPrefix("edge"));
    RelayObserver relay = metrics.relayObserver();
    assertSeries(metrics.scrape(), "edge_relay_upstream_connected 0.0", "edge_relay_reconnects_total 0.0");

    relay.upstreamConnected(true);
    relay.upstreamRequest("CreateContainer", "ok");
    relay.upstreamRequest("CreateContainer", "ok");
    relay.upstreamRequest("CreateContainer", "error");
    relay.budgetOverrun("CreateContainer");
    relay.upstreamRequest("ValidateContainerAdjustment", "rejected");
    relay.upstreamConnected(false);
    relay.upstreamConnected(true);
    relay.reconnected();
    assertSeries(metrics.scrape(), "edge_relay_upstream_connected 1.0", "edge_relay_reconnects_total 1.0",
        "edge_relay_upstream_requests_total{event=\"CreateContainer\",outcome=\"ok\"} 2.0",
        "edge_relay_upstream_requests_total{event=\"CreateContainer\",outcome=\"error\"} 1.0",
        "edge_relay_upstream_requests_total{event=\"ValidateContainerAdjustment\",outcome=\"rejected\"} 1.0",
        "edge_relay_budget_overruns_total{event=\"CreateContainer\"} 1.0");

    relay.upstreamConnected(false);
    assertSeries(metrics.scrape(), "edge_relay_upstream_connected 0.0");
    assertTrue(List.of(metrics.scrape().split("\n")).stream().anyMatch(l -> l.startsWith("# HELP edge_relay_")));
  }
}
