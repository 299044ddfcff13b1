package io.nrivertx.interop;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.*;
import io.nrivertx.domain.DomainAddresses;
import io.nrivertx.domain.EventBusDomain;
import io.nrivertx.testing.AuditTap;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.LoopbackCluster;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A domain that exists only as event-bus messages, in a second Vert.x joined to nri-vertx's by a
 * clustered event bus (Hazelcast, loopback only): it is synchronized to plugins, receives their
 * updates, drives lifecycle events over the bus, and hears the audit stream across the cluster.
 */
class ClusteredDomainIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void busOnlyDomainInAnotherClusteredVertxIsARealDomain() throws Exception {
    String cluster = LoopbackCluster.uniqueName();
    Vertx runtimeSide = await(LoopbackCluster.join(cluster));
    Vertx domainSide = await(LoopbackCluster.join(cluster));
    try (RuntimeFixture rt = new RuntimeFixture(runtimeSide)) {
      String address = DomainAddresses.of("nri-cluster", "containerd");
      BusOnlyDomain domain = await(BusOnlyDomain.serve(domainSide, address));
      domain.pods.put("rpod", rt.pod("rpod", "r"));
      domain.containers.put("rctr", rt.container("rctr", "rpod", "ctr", ContainerState.CONTAINER_RUNNING));
      AuditTap audit = await(AuditTap.subscribe(domainSide, "nri-cluster.audit"));

      // The runtime knows the domain by namespace and address only.
      NriRuntime nri = await(NriRuntime.deploy(runtimeSide, new NriOptions().setSocketPath(rt.socket.toString())
          .setBusPrefix("nri-cluster"), new EventBusDomain(runtimeSide, "containerd", address, Duration.ofSeconds(10))));
      try {
        Path config = rt.file("update.yaml");
        Files.writeString(config, """
            "*":
              update:
                - containerId: rctr
                  linux: {resources: {cpu: {shares: {value: "333"}}}}
            """);
        Path log = rt.file("recorder.jsonl");
        rt.plugin(GoPeers.adjuster(), "-idx", "10", "-config", config.toString());
        rt.plugin(GoPeers.recorder(), "-idx", "50", "-log-file", log.toString());
        await(nri.awaitPlugins(List.of("10-adjuster", "50-recorder"), WAIT));
        JsonObject sync = new JsonLines(log).awaitEvent("Synchronize", WAIT);
        assertEquals("rpod", sync.getJsonArray("pods").getJsonObject(0).getString("id"));
        assertEquals("rctr", sync.getJsonArray("containers").getJsonObject(0).getString("id"));

        // The domain side creates a container through the bus, from its own JVM's point of view.
        CreateContainerRequest req = CreateContainerRequest.newBuilder().setPod(rt.pod("rpod", "r"))
            .setContainer(rt.container("fresh", "rpod", "fresh", ContainerState.CONTAINER_UNKNOWN)).build();
        Buffer reply = await(domainSide.eventBus().<Buffer>request("nri-cluster.lifecycle", Buffer.buffer(req.toByteArray()),
            new DeliveryOptions().addHeader("event", "CreateContainer").addHeader("namespace", "containerd"))).body();
        assertEquals("rctr", CreateContainerResponse.parseFrom(reply.getBytes()).getUpdate(0).getContainerId());
        assertEquals(333, domain.containers.get("rctr").getLinux().getResources().getCpu().getShares().getValue(),
            "the plugin's update reached the domain across the cluster before the reply");

        JsonObject record = audit.await(AuditTap.event("CreateContainer"), WAIT);
        assertEquals("containerd", record.getString("namespace"));
        assertEquals("fresh", record.getString("container"));
        assertEquals(List.of("10-adjuster", "50-recorder"), record.getJsonArray("plugins").stream()
            .map(o -> ((JsonObject) o).getString("plugin")).toList());
        assertEquals("rctr", record.getJsonObject("result").getJsonArray("update").getJsonObject(0).getString("containerId"));
        assertEquals("external", audit.await(AuditTap.plugin("synchronized"), WAIT).getString("transport"));
      } finally {
        await(nri.close());
      }
    } finally {
      await(domainSide.close());
    }
  }
}
