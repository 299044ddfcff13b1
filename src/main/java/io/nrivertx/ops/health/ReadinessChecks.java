package io.nrivertx.ops.health;

import io.nrivertx.NriRuntime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The readiness checks {@code run} and {@code relay} register (docs/operations.md). Each takes
 * what it looks at through a supplier, so that it can be registered before that part has
 * started and says "not started yet" until then.
 */
public final class ReadinessChecks {
  private ReadinessChecks() {
  }

  /**
   * The NRI plugin socket: the runtime is up and its socket file is still a socket. Nothing
   * connects to it, since a connection there is a plugin to the runtime (and a log line).
   */
  public static Supplier<Future<JsonObject>> nriSocket(Vertx vertx, Supplier<NriRuntime> runtime) {
    return nriSocketAt(vertx, () -> {
      NriRuntime nri = runtime.get();
      return nri == null ? null : nri.options().isDisableConnections() ? "" : nri.options().getSocketPath();
    });
  }

  /** As {@link #nriSocket}, given the socket's path: null before the runtime started, "" for none. */
  public static Supplier<Future<JsonObject>> nriSocketAt(Vertx vertx, Supplier<String> socketPath) {
    return () -> {
      String socket = socketPath.get();
      if (socket == null) {
        return Future.failedFuture(new NotReadyException("the NRI runtime has not started yet"));
      }
      if (socket.isEmpty()) {
        return Future.succeededFuture(new JsonObject().put("socket", "disabled (disableConnections: true)"));
      }
      String path = Path.of(socket).toAbsolutePath().toString();
      JsonObject data = new JsonObject().put("socket", path);
      return vertx.fileSystem().props(path).transform(ar -> ar.succeeded() && ar.result().isOther()
          ? Future.succeededFuture(data)
          : Future.failedFuture(new NotReadyException("the plugin socket " + path + " is gone", data)));
    };
  }

  /**
   * The plugins: every admitted plugin in dispatch order, and the required ones that are not
   * registered (not ready while any is missing).
   */
  public static Supplier<Future<JsonObject>> plugins(Supplier<NriRuntime> runtime,
                                                     Supplier<? extends Collection<String>> required) {
    return pluginsOf(() -> {
      NriRuntime nri = runtime.get();
      return nri == null ? null : nri.plugins();
    }, required);
  }

  /**
   * As {@link #plugins}, given the admitted plugins ("NN-name"; a null future before the runtime
   * started). A required name matches "NN-name" exactly or the name after the index.
   */
  public static Supplier<Future<JsonObject>> pluginsOf(Supplier<Future<List<String>>> admittedPlugins,
                                                       Supplier<? extends Collection<String>> required) {
    return () -> {
      Future<List<String>> plugins = admittedPlugins.get();
      if (plugins == null) {
        return Future.failedFuture(new NotReadyException("the NRI runtime has not started yet"));
      }
      return plugins.compose(admitted -> {
        List<String> missing = new ArrayList<>();
        for (String name : required.get()) {
          if (admitted.stream().noneMatch(id -> id.equals(name) || id.endsWith("-" + name))) {
            missing.add(name);
          }
        }
        JsonObject data = new JsonObject().put("registered", new JsonArray(admitted))
            .put("required", new JsonArray(List.copyOf(required.get()))).put("missing", new JsonArray(missing));
        return missing.isEmpty() ? Future.succeededFuture(data)
            : Future.failedFuture(new NotReadyException("required plugins not registered: "
                + String.join(", ", missing), data));
      });
    };
  }

  /** A unix socket that accepts a connection (the CRI endpoint): connects, then hangs up. */
  public static Supplier<Future<JsonObject>> unixSocketAccepts(Vertx vertx, Supplier<Path> socket, String what) {
    return () -> {
      Path path = socket.get();
      if (path == null) {
        return Future.failedFuture(new NotReadyException(what + " has not started yet"));
      }
      String abs = path.toAbsolutePath().toString();
      JsonObject data = new JsonObject().put("socket", abs);
      var client = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) OpsHealth.CHECK_TIMEOUT_MS));
      return client.connect(SocketAddress.domainSocketAddress(abs))
          .compose(so -> so.close().map(data), err -> Future.<JsonObject>failedFuture(new NotReadyException(
              what + " on " + abs + " does not accept connections: " + err.getMessage(), data)))
          .eventually(client::close);
    };
  }
}
