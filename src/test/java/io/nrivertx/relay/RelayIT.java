package io.nrivertx.relay;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relay between two runtimes in one JVM: an nri-vertx runtime upstream (standing for
 * containerd) and Go test plugins behind the relay's own socket.
 */
class RelayIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void eventsGoThroughThePluginsBehindTheRelay() throws Exception {
    try (RuntimeFixture upstream = new RuntimeFixture()) {
      upstream.domain.putPod(upstream.pod("pod0", "web"));
      upstream.domain.putContainer(upstream.container("ctr0", "pod0", "app", ContainerState.CONTAINER_RUNNING));
      upstream.start();
      Relay relay = await(Relay.deploy(upstream.vertx, new NriOptions().setSocketPath(upstream.file("down.sock")
          .toString()).setBusPrefix("relay-it"), new RelayOptions().setUpstreamSocket(upstream.socket.toString()),
          "k8s.io"));
      NriRuntime downstream = await(relay.downstream());
      await(upstream.runtime().awaitPlugins(List.of("50-nri-vertx"), WAIT));
      Files.writeString(upstream.file("adjuster.yaml"), "\"*\":\n  adjust: {annotations: {relayed: \"yes\"}}\n");
      try (GoPlugin adjuster = GoPlugin.start(GoPeers.adjuster(), List.of("-config", upstream.file("adjuster.yaml")
          .toString(), "-socket", upstream.file("down.sock").toString()));
           GoPlugin recorder = GoPlugin.start(GoPeers.recorder(), List.of("-log-file", upstream.file("rec.jsonl")
               .toString(), "-socket", upstream.file("down.sock").toString()))) {
        await(downstream.awaitPlugins(List.of("10-adjuster", "50-recorder"), WAIT));
        JsonLines log = new JsonLines(upstream.file("rec.jsonl"));
        assertTrue(log.awaitEvent("Synchronize", WAIT).encode().contains("ctr0"), "mirror synchronized the plugin");

        CreateContainerResponse rsp = await(upstream.runtime().request(PluginCall.CREATE_CONTAINER,
            CreateContainerRequest.newBuilder().setPod(upstream.pod("pod0", "web"))
                .setContainer(upstream.container("ctr1", "pod0", "side", ContainerState.CONTAINER_CREATED)).build()));
        assertEquals("yes", rsp.getAdjust().getAnnotationsMap().get("relayed"), rsp.toString());
        assertEquals("side", log.awaitEvent("CreateContainer", WAIT).getJsonObject("container").getString("name"));
        assertTrue(relay.isUpstreamConnected());
      } finally {
        await(relay.close());
      }
    }
  }
}
