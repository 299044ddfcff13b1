package io.nrivertx.cri;

import static io.nrivertx.testing.RuntimeFixture.await;

import io.nrivertx.NriOptions;
import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.GoPlugin;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An NRI runtime plus CRI endpoint in this JVM, with sockets and state in a fresh temporary
 * directory, and the Go plugins a test starts against it. Closing stops and reaps the plugins,
 * then closes the endpoint and Vert.x.
 */
final class CriFixture implements AutoCloseable {
  final Path dir;
  final Path criSocket;
  final Path nriSocket;
  final Path stateDir;
  final Vertx vertx = Vertx.builder().with(new VertxOptions().setPreferNativeTransport(true)).build();
  private final List<GoPlugin> plugins = new ArrayList<>();
  private CriServer server;

  CriFixture() {
    try {
      dir = Files.createTempDirectory(GoPeers.buildDir(), "cri-it-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    criSocket = dir.resolve("run/cri.sock");
    nriSocket = dir.resolve("run/nri.sock");
    stateDir = dir.resolve("state");
  }

  CriServer start() {
    return start(o -> o);
  }

  /** Starts with the runtime's options as {@code tune} changes them. */
  CriServer start(java.util.function.UnaryOperator<NriOptions> tune) {
    server = await(CriServer.start(vertx, tune.apply(new NriOptions().setSocketPath(nriSocket.toString())
        .setRequestTimeout(Duration.ofSeconds(2)).setBusPrefix("cri-it")),
        new CriOptions().setSocketPath(criSocket.toString()).setStateDir(stateDir.toString())));
    return server;
  }

  /** Closes the endpoint (not Vert.x), so a test can start another on the same state. */
  void stop() {
    await(server.close());
    server = null;
  }

  CriServer server() {
    return server;
  }

  Crictl crictl() {
    return new Crictl(criSocket);
  }

  GoPlugin plugin(Path binary, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("-socket");
    all.add(nriSocket.toString());
    Map<String, String> env = new java.util.HashMap<>();
    env.put("NRI_PLUGIN_NAME", null);
    env.put("NRI_PLUGIN_IDX", null);
    env.put("NRI_PLUGIN_SOCKET", null);
    GoPlugin p = GoPlugin.start(binary, all, env);
    plugins.add(p);
    return p;
  }

  void awaitPlugins(Collection<String> ids) {
    await(server.nri().awaitPlugins(ids, Duration.ofSeconds(20)));
  }

  /** Writes a crictl pod config and returns its path. */
  Path podConfig(String name) {
    return write(name + "-pod.json", new JsonObject()
        .put("metadata", new JsonObject().put("name", name).put("namespace", "default").put("uid", "uid-" + name))
        .put("log_directory", dir.resolve("logs").toString()).put("labels", new JsonObject().put("app", name)));
  }

  /** Writes a crictl container config and returns its path. */
  Path containerConfig(String name, String image) {
    return write(name + "-ctr.json", new JsonObject()
        .put("metadata", new JsonObject().put("name", name)).put("image", new JsonObject().put("image", image))
        .put("command", new io.vertx.core.json.JsonArray().add("/bin/" + name))
        .put("envs", new io.vertx.core.json.JsonArray().add(new JsonObject().put("key", "HOME").put("value", "/root")))
        .put("log_path", name + ".log"));
  }

  Path write(String file, JsonObject content) {
    try {
      return Files.writeString(dir.resolve(file), content.encodePrettily());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    plugins.forEach(GoPlugin::close);
    try {
      if (server != null) {
        await(server.close());
      }
    } finally {
      await(vertx.close());
    }
  }
}
