package io.nrivertx.interop;

import static io.nrivertx.testing.RuntimeFixture.await;
import static org.junit.jupiter.api.Assertions.*;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.*;
import io.nrivertx.domain.DomainAddresses;
import io.nrivertx.domain.DomainEndpoint;
import io.nrivertx.domain.EventBusDomain;
import io.nrivertx.domain.InMemoryDomain;
import io.nrivertx.service.PluginCall;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several domains, a domain reached only over the event bus, and the create-during-sync race. */
class DomainsIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void twoNamespacesAreSynchronizedAndUpdatesReachTheOwningDomainOnly() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      rt.domain.putPod(rt.pod("kpod", "k"));
      rt.domain.putContainer(rt.container("kctr", "kpod", "kube", ContainerState.CONTAINER_RUNNING));
      InMemoryDomain moby = new InMemoryDomain("moby");
      moby.putPod(rt.pod("mpod", "m"));
      moby.putContainer(rt.container("mctr", "mpod", "docker", ContainerState.CONTAINER_RUNNING));
      NriRuntime nri = rt.start();
      await(nri.addDomain(moby));
      assertThrows(IllegalStateException.class, () -> await(nri.addDomain(new InMemoryDomain("moby"))),
          "one domain per namespace");

      Path config = rt.file("update.yaml");
      Files.writeString(config, """
          "*":
            update:
              - containerId: mctr
                linux: {resources: {cpu: {shares: {value: "333"}}}}
          """);
      Path log = rt.file("r.jsonl");
      rt.plugin(GoPeers.adjuster(), "-idx", "10", "-config", config.toString());
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-log-file", log.toString());
      rt.awaitPlugins(List.of("10-adjuster", "50-recorder"));
      JsonObject sync = new JsonLines(log).awaitEvent("Synchronize", WAIT);
      assertEquals(List.of("kpod", "mpod"), sync.getJsonArray("pods").stream()
          .map(o -> ((JsonObject) o).getString("id")).toList());

      CreateContainerResponse rsp = await(nri.request(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder()
          .setPod(rt.pod("kpod", "k")).setContainer(rt.container("new", "kpod", "n", ContainerState.CONTAINER_UNKNOWN))
          .build()));
      assertEquals("mctr", rsp.getUpdate(0).getContainerId());
      assertEquals(333, moby.containerNow("mctr").getLinux().getResources().getCpu().getShares().getValue());
      assertFalse(rt.domain.containerNow("kctr").getLinux().getResources().hasCpu(), "the other domain is untouched");
    }
  }

  @Test
  void domainServedOnlyOverTheEventBusFromAnotherVertical() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      InMemoryDomain remote = new InMemoryDomain("containerd");
      remote.putPod(rt.pod("rpod", "r"));
      remote.putContainer(rt.container("rctr", "rpod", "ctr", ContainerState.CONTAINER_RUNNING));
      String address = DomainAddresses.of("remote", "containerd");
      await(DomainEndpoint.expose(rt.vertx, address, remote));
      // The runtime knows the domain only by its address: nothing but bus messages connects them.
      NriRuntime nri = NriRuntime.deploy(rt.vertx, new NriOptions().setSocketPath(rt.socket.toString())
          .setBusPrefix("nri-remote"), new EventBusDomain(rt.vertx, "containerd", address, Duration.ofSeconds(5)))
          .toCompletionStage().toCompletableFuture().get();
      try {
        Path log = rt.file("r.jsonl");
        rt.plugin(GoPeers.recorder(), "-idx", "50", "-log-file", log.toString());
        await(nri.awaitPlugins(List.of("50-recorder"), WAIT));
        JsonObject sync = new JsonLines(log).awaitEvent("Synchronize", WAIT);
        assertEquals("rctr", sync.getJsonArray("containers").getJsonObject(0).getString("id"));
      } finally {
        await(nri.close());
      }
    }
  }

  @Test
  void containerCreatedButNotYetStoredIsInTheNextPluginsSynchronize() throws Exception {
    try (RuntimeFixture rt = new RuntimeFixture()) {
      NriRuntime nri = rt.start();
      PodSandbox pod = rt.pod("p", "p");
      rt.domain.putPod(pod);
      Container ctr = rt.container("late", "p", "app", ContainerState.CONTAINER_CREATED);
      // The runtime asked NRI to create the container and has not stored it yet (it stores only
      // once it has the adjustment) when a new plugin connects and is synchronized.
      await(nri.request(PluginCall.CREATE_CONTAINER, CreateContainerRequest.newBuilder().setPod(pod)
          .setContainer(ctr).build()));
      Path log = rt.file("r.jsonl");
      rt.plugin(GoPeers.recorder(), "-idx", "50", "-log-file", log.toString());
      rt.awaitPlugins(List.of("50-recorder"));
      rt.domain.putContainer(ctr);
      await(nri.request(PluginCall.POST_CREATE_CONTAINER, PostCreateContainerRequest.newBuilder().setPod(pod)
          .setContainer(ctr).build()));

      List<JsonObject> lines = new JsonLines(log).await(l -> l.size() >= 3, WAIT);
      JsonObject sync = lines.get(1);
      assertEquals("Synchronize", sync.getString("event"));
      assertEquals(List.of("late"), sync.getJsonArray("containers", new io.vertx.core.json.JsonArray()).stream()
          .map(o -> ((JsonObject) o).getString("id")).toList(),
          "the plugin learns of the container it would otherwise never see created");
      assertEquals("PostCreateContainer", lines.get(2).getString("event"));
    }
  }

  @Test
  void twoRuntimesInOneVertxDoNotSeeEachOther() throws Exception {
    try (RuntimeFixture a = new RuntimeFixture(); RuntimeFixture b = new RuntimeFixture()) {
      NriRuntime first = a.start();
      NriRuntime second = NriRuntime.deploy(a.vertx, new NriOptions().setSocketPath(b.socket.toString())
          .setBusPrefix("nri-second"), b.domain).toCompletionStage().toCompletableFuture().get();
      try {
        a.plugin(GoPeers.recorder(), "-idx", "11", "-name", "one", "-log-file", a.file("a.jsonl").toString());
        b.plugin(GoPeers.recorder(), "-idx", "22", "-name", "two", "-log-file", b.file("b.jsonl").toString());
        a.awaitPlugins(List.of("11-one"));
        await(second.awaitPlugins(List.of("22-two"), WAIT));
        assertEquals(List.of("11-one"), await(first.plugins()));
        assertEquals(List.of("22-two"), await(second.plugins()));
        await(second.request(PluginCall.RUN_POD_SANDBOX, RunPodSandboxRequest.newBuilder().setPod(b.pod("x", "x"))
            .build()));
        new JsonLines(b.file("b.jsonl")).awaitEvent("RunPodSandbox", WAIT);
        assertTrue(new JsonLines(a.file("a.jsonl")).events("RunPodSandbox").isEmpty());
      } finally {
        await(second.close());
      }
    }
  }
}
