package io.nrivertx.relay;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.ops.MetricsOptions;
import io.nrivertx.ops.metrics.OpsMetrics;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.nrivertx.testing.GoRuntime;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The relay between the official Go adaptation (v0.12.5, {@link GoRuntime}, driven event by
 * event) and Go test plugins behind it, in a fresh directory. The runtime can be killed and
 * started again on the same socket. {@link #close()} stops every process it started and the relay.
 */
final class RelayRig implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(30);

  final Path dir;
  final Path upstreamSocket;
  final Path downstreamSocket;
  final Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
  /** The relay's {@code nri_relay_*} series (MetricsOptions' default prefix). */
  final OpsMetrics metrics = new OpsMetrics(new MetricsOptions());
  private final Duration requestTimeout;
  private final List<GoPlugin> plugins = new ArrayList<>();
  private GoRuntime runtime;
  private Relay relay;
  private int runtimes;

  RelayRig(Duration requestTimeout) {
    this.requestTimeout = requestTimeout;
    try {
      dir = Files.createTempDirectory(GoPeers.buildDir(), "relay-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    upstreamSocket = dir.resolve("up/nri.sock");
    downstreamSocket = dir.resolve("down/nri.sock");
  }

  /** Starts a Go adaptation on the upstream socket listing these pods and containers. */
  GoRuntime startRuntime(List<PodSandbox> pods, List<Container> containers) {
    try {
      Files.createDirectories(upstreamSocket.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    runtime = GoRuntime.current(upstreamSocket, requestTimeout, dir.resolve("runtime-" + (++runtimes) + ".log"))
        .state(pods, containers).start();
    return runtime;
  }

  GoRuntime runtime() {
    return runtime;
  }

  /** Starts the relay and waits until it registered with the runtime and serves its own socket. */
  NriRuntime startRelay(RelayOptions options) {
    return startRelay(new NriOptions(), options);
  }

  /** As {@link #startRelay(RelayOptions)}, with these downstream settings (socket and bus prefix are the rig's). */
  NriRuntime startRelay(NriOptions downstream, RelayOptions options) {
    relay = RuntimeFixture.await(Relay.deploy(vertx, downstream.setSocketPath(downstreamSocket.toString())
        .setBusPrefix("relay-rig").setRequestTimeout(Duration.ofSeconds(2)), options
        .setUpstreamSocket(upstreamSocket.toString()).setReconnectDelay(Duration.ofMillis(100))
        .setReconnectMaxDelay(Duration.ofMillis(500)), "k8s.io", metrics.relayObserver()));
    runtime.awaitRegistered(1, WAIT);
    return RuntimeFixture.await(relay.downstream());
  }

  Relay relay() {
    return relay;
  }

  /** A Go test plugin behind the relay, logging to {@code <dir>/<name>.jsonl}. */
  GoPlugin plugin(Path binary, String idx, String name, String... args) {
    return start(binary, downstreamSocket, idx, name, args);
  }

  /** A Go test plugin connected to the runtime directly, beside the relay, logging to {@code <dir>/<name>.jsonl}. */
  GoPlugin upstreamPlugin(Path binary, String idx, String name, String... args) {
    return start(binary, upstreamSocket, idx, name, args);
  }

  private GoPlugin start(Path binary, Path socket, String idx, String name, String... args) {
    List<String> all = new ArrayList<>(List.of("-idx", idx, "-name", name, "-socket", socket.toString(),
        "-log-file", log(name).toString()));
    all.addAll(List.of(args));
    Map<String, String> env = new HashMap<>();
    env.put("NRI_PLUGIN_NAME", null);
    env.put("NRI_PLUGIN_IDX", null);
    env.put("NRI_PLUGIN_SOCKET", null);
    GoPlugin p = GoPlugin.start(binary, all, env);
    plugins.add(p);
    return p;
  }

  Path log(String name) {
    return dir.resolve(name + ".jsonl");
  }

  static PodSandbox pod(String id) {
    return PodSandbox.newBuilder().setId(id).setName("pod-" + id).setUid("uid-" + id).setNamespace("default").build();
  }

  static Container container(String id, String pod, ContainerState state) {
    return Container.newBuilder().setId(id).setPodSandboxId(pod).setName("ctr-" + id).setState(state).build();
  }

  @Override
  public void close() {
    try {
      plugins.forEach(GoPlugin::close);
      if (relay != null) {
        RuntimeFixture.await(relay.close());
      }
      if (runtime != null) {
        runtime.close();
      }
    } finally {
      RuntimeFixture.await(vertx.close());
    }
  }
}
