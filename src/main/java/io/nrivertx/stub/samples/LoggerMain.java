package io.nrivertx.stub.samples;

import io.nrivertx.stub.Events;
import io.nrivertx.stub.PluginIdentity;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Arrays;

/**
 * Command line of the logger sample, with the flags of NRI's logger:
 * <pre>
 * logger [-idx NN] [-name NAME] [-socket-path PATH] [-events LIST] [-log-file FILE] [-format yaml|json]
 *        [-add-annotation KEY] [-set-annotation KEY] [-add-env NAME] [-set-env NAME]
 * </pre>
 * Identity: NRI_PLUGIN_NAME/NRI_PLUGIN_IDX when the runtime launched it, else the flags; the name
 * defaults to "logger" (the Go logger's executable name), so {@code -idx} alone is enough.
 */
public final class LoggerMain {
  private LoggerMain() {
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the logger until it stops; returns the process exit code. */
  public static int run(String... args) {
    return SampleRunner.run("logger", LoggerMain::start, args);
  }

  /**
   * Starts the logger on {@code vertx}. Completes when it is registered and configured; stop it
   * with {@link Stub#stop()}. A Shutdown request from the runtime stops it too.
   *
   * @throws IllegalArgumentException for a bad command line (the message includes the usage)
   */
  public static Future<Stub> start(Vertx vertx, StubOptions base, String... args) {
    GoFlags flags = new GoFlags("logger")
        .string("idx", "", "plugin index to register to NRI")
        .string("name", "", "plugin name to register to NRI (default \"logger\")")
        .string("socket-path", "", "NRI socket path to connect to (default " + StubOptions.DEFAULT_SOCKET_PATH + ")")
        .string("events", "", "comma-separated list of events to subscribe for")
        .string("log-file", "", "logfile name, if logging to a file")
        .string("format", "yaml", "log format: yaml or json")
        .string("add-annotation", "", "add this annotation to containers")
        .string("set-annotation", "", "set this annotation on containers")
        .string("add-env", "", "add this environment variable for containers")
        .string("set-env", "", "set this environment variable for containers")
        .parse(args);
    LoggerConfig config = new LoggerConfig();
    config.logFile = flags.get("log-file");
    config.format = flags.get("format");
    config.addAnnotation = flags.get("add-annotation");
    config.setAnnotation = flags.get("set-annotation");
    config.addEnv = flags.get("add-env");
    config.setEnv = flags.get("set-env");
    config.checkFormat();
    if (!flags.get("events").isEmpty()) {
      config.events = Arrays.asList(flags.get("events").split(","));
      try {
        Events.parse(flags.get("events"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("failed to parse events: " + e.getMessage(), e);
      }
    }

    StubOptions options = new StubOptions(base);
    if (!flags.get("idx").isEmpty()) {
      options.setIndex(flags.get("idx"));
    }
    if (!flags.get("name").isEmpty()) {
      options.setName(flags.get("name"));
    }
    if (!flags.get("socket-path").isEmpty()) {
      options.setSocketPath(flags.get("socket-path"));
    }
    if (options.getExecutableName() == null) {
      options.setExecutableName("logger");
    }
    PluginIdentity identity = PluginIdentity.resolve(
        options.getEnvironment() != null ? options.getEnvironment() : System.getenv(), options);
    EventLog log = new EventLog(vertx, identity.id(), config.format);
    LoggerPlugin plugin = new LoggerPlugin(config, log);
    Stub stub = Stub.create(vertx, plugin, options);
    // One tick later: the Shutdown reply must be written before the connection closes.
    plugin.shutdownRequested().onComplete(ar -> vertx.runOnContext(v -> stub.stop()));
    stub.stopped().onComplete(ar -> log.close());
    return log.open(config.logFile, config.format)
        .recover(err -> {
          stub.stop();
          return Future.failedFuture("failed to open log file \"" + config.logFile + "\": " + err.getMessage());
        })
        .compose(v -> stub.start())
        .map(stub);
  }
}
