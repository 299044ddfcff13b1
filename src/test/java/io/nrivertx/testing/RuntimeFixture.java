package io.nrivertx.testing;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.domain.InMemoryDomain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real nri-vertx instance on a socket in a fresh temporary directory, with an in-memory
 * "k8s.io" domain, plus the Go plugins a test starts against it. Closing stops and reaps every
 * plugin, closes the runtime and Vert.x, and checks the socket file is gone.
 */
public final class RuntimeFixture implements AutoCloseable {
  public final Path dir;
  public final Path socket;
  public final Vertx vertx;
  public final InMemoryDomain domain = new InMemoryDomain("k8s.io");
  private final List<GoPlugin> plugins = new ArrayList<>();
  private NriRuntime runtime;

  public RuntimeFixture() {
    this(Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build());
  }

  /** On a Vert.x of the test's own (a clustered one, say); {@link #close()} closes it too. */
  public RuntimeFixture(Vertx vertx) {
    try {
      dir = Files.createTempDirectory(GoPeers.buildDir(), "nri-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    socket = dir.resolve("run/nri.sock");
    this.vertx = vertx;
  }

  public NriRuntime start(NriOptions options) {
    runtime = await(NriRuntime.deploy(vertx, options.setSocketPath(socket.toString())
        .setBusPrefix("nri-it"), domain));
    return runtime;
  }

  public NriRuntime start() {
    return start(new NriOptions().setRequestTimeout(Duration.ofSeconds(2)));
  }

  public NriRuntime runtime() {
    return runtime;
  }

  /** Starts a Go plugin dialing this runtime's socket; stopped and reaped by {@link #close()}. */
  public GoPlugin plugin(Path binary, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-socket");
    all.add(socket.toString());
    // An external plugin: nothing of a launched plugin's environment may leak in.
    Map<String, String> env = new java.util.HashMap<>();
    env.put("NRI_PLUGIN_NAME", null);
    env.put("NRI_PLUGIN_IDX", null);
    env.put("NRI_PLUGIN_SOCKET", null);
    GoPlugin p = GoPlugin.start(binary, all, env);
    plugins.add(p);
    return p;
  }

  public void awaitPlugins(Collection<String> ids) {
    await(runtime.awaitPlugins(ids, Duration.ofSeconds(20)));
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  public PodSandbox pod(String id, String name) {
    return PodSandbox.newBuilder().setId(id).setName(name).setUid("uid-" + id).setNamespace("default")
        .putLabels("app", name).build();
  }

  public Container container(String id, String podId, String name, ContainerState state) {
    return Container.newBuilder().setId(id).setPodSandboxId(podId).setName(name).setState(state)
        .addArgs("/bin/" + name).addEnv("HOME=/root").build();
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    plugins.forEach(GoPlugin::close);
    try {
      if (runtime != null) {
        await(runtime.close());
      }
    } finally {
      await(vertx.close());
    }
    if (Files.exists(socket)) {
      throw new AssertionError("socket file left behind: " + socket);
    }
  }
}
