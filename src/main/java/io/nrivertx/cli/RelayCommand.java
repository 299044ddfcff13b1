package io.nrivertx.cli;

import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.config.ConfigException;
import io.nrivertx.config.NriConfig;
import io.nrivertx.ops.Ops;
import io.nrivertx.ops.health.NotReadyException;
import io.nrivertx.ops.health.ReadinessChecks;
import io.nrivertx.ops.logging.LogSetup;
import io.nrivertx.relay.Relay;
import io.nrivertx.relay.RelayObserver;
import io.nrivertx.relay.RelayOptions;
import io.nrivertx.relay.UpstreamState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nri-vertx relay}: one plugin of the runtime's own NRI upstream, a whole nri-vertx runtime
 * for its own plugins downstream, until SIGTERM or SIGINT (docs/relay.md).
 */
@Command(name = "relay", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
    description = {"Runs beside a runtime that has its own NRI (containerd, CRI-O): connects to its NRI socket",
        "(--upstream) as one plugin and serves nri-vertx's plugins on --socket behind it, passing every event",
        "through them and their merged reply back. Reconnects when the runtime restarts; plugins stay connected.",
        "On a signal it disconnects, closes every plugin connection and removes the socket; exit status 128+signal."})
final class RelayCommand implements Callable<Integer> {
  static {
    if (System.getProperty("java.util.logging.manager") == null) {
      System.setProperty("java.util.logging.manager", ShutdownLogManager.NAME);
    }
  }

  @Mixin
  ConfigOptions config;

  @Option(names = "--upstream", paramLabel = "PATH",
      description = "The runtime's NRI socket; overrides relay.upstreamSocket (default " + RelayOptions.DEFAULT_UPSTREAM
          + ").")
  String upstream;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    NriConfig cfg;
    try {
      NriConfig resolved = config.resolve();
      cfg = upstream == null ? resolved : resolved.override("relay.upstreamSocket", upstream, "--upstream");
    } catch (ConfigException e) {
      err.println("nri-vertx relay: " + e.getMessage());
      return Main.BAD_INPUT;
    }
    cfg.notes().forEach(n -> err.println("nri-vertx relay: note: " + n));
    if (cfg.disabled()) {
      out.println("NRI is disabled (disable: true, from " + cfg.setting("disable").source() + "); nothing to relay");
      out.flush();
      return 0;
    }
    LogSetup.apply(cfg.logging());
    Ops ops = Ops.create(cfg.metrics());
    VertxHost host;
    try {
      host = VertxHost.start(ops);
    } catch (IllegalStateException e) {
      err.println("nri-vertx relay: " + e.getMessage());
      return Main.FAILED;
    }
    NriOptions options = cfg.options();
    RelayOptions relayOptions = cfg.relay();
    Future<Ops> opsStarted = ops.start(host.vertx(), host.eventLoops(), OpsWiring.mustServe(cfg));
    AtomicReference<Relay> relay = new AtomicReference<>();
    AtomicReference<NriRuntime> runtime = new AtomicReference<>();
    OpsWiring.runChecks(ops.health(), host.vertx(), cfg, runtime, new AtomicReference<>(), false);
    ops.health().ready("relay-upstream", upstreamCheck(relay::get, relayOptions));
    AtomicReference<Supplier<Future<Void>>> started = new AtomicReference<>();
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      String problem = host.close(started.get());
      if (problem != null) {
        err.println("nri-vertx relay: unclean shutdown: " + problem);
        err.flush();
      }
      closed.countDown();
      java.util.logging.LogManager.getLogManager().reset();
    }, "nri-vertx-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      Relay r = VertxHost.await(Relay.deploy(host.vertx(), options, relayOptions, cfg.namespace(),
              ops.metrics() == null ? RelayObserver.NONE : ops.metrics().relayObserver()),
          VertxHost.START_TIMEOUT);
      relay.set(r);
      started.set(r::close);
      // The downstream runtime comes up once the runtime has synchronized the relay, which may be later.
      r.downstream().onSuccess(runtime::set);
      VertxHost.await(opsStarted, VertxHost.START_TIMEOUT);
    } catch (TimeoutException | ExecutionException e) {
      err.println("nri-vertx relay: cannot start: " + (e instanceof TimeoutException ? "no answer within "
          + VertxHost.START_TIMEOUT.toSeconds() + " s" : VertxHost.describe(e)));
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        return Main.FAILED;
      }
      host.close(started.get());
      return Main.FAILED;
    }
    out.println(Main.versionLine());
    out.println("relaying the runtime at " + Path.of(relayOptions.getUpstreamSocket()).toAbsolutePath() + " (as plugin "
        + relayOptions.getPluginIndex() + "-" + relayOptions.getPluginName() + ") to plugins on "
        + Path.of(options.getSocketPath()).toAbsolutePath() + " (namespace " + cfg.namespace()
        + "); plugins are served once the runtime has synchronized the relay; stop with SIGTERM or SIGINT");
    String endpoint = OpsWiring.describe(ops, () -> cfg.metrics().isEnabled()
        ? "no operations endpoint: " + cfg.metrics().getAddress() + " is taken (see the log)" : null);
    if (endpoint != null) {
      out.println(endpoint);
    }
    if (options.getPluginPath() != null) {
      out.println("pre-installed plugins from " + options.getPluginPath() + " (drop-in config "
          + options.getPluginConfigPath() + ")");
    }
    out.flush();
    RunCommand.awaitUninterruptibly(closed);
    return 0;
  }

  /** Ready while the relay is registered with the runtime; says where it stands, and since when. */
  static Supplier<Future<JsonObject>> upstreamCheck(Supplier<Relay> relay, RelayOptions options) {
    return () -> {
      Relay r = relay.get();
      UpstreamState s = r == null ? new UpstreamState(UpstreamState.CONNECTING, null, 0) : r.upstreamState();
      JsonObject data = new JsonObject().put("upstream", Path.of(options.getUpstreamSocket()).toAbsolutePath()
          .toString()).put("state", s.state()).put("sessions", s.sessions());
      if (s.since() != null) {
        data.put("since", s.since().toString());
      }
      return s.isConnected() ? Future.succeededFuture(data)
          : Future.failedFuture(new NotReadyException((s.sessions() == 0 ? "not yet registered with the runtime at "
              : "reconnecting to the runtime at ") + data.getString("upstream")
              + (s.since() != null ? " since " + s.since() : ""), data));
    };
  }
}
