package io.nrivertx.stub.samples;

import io.nrivertx.config.Durations;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.nrivertx.stub.v010.V010Adapter;
import io.nrivertx.stub.v010.V010Options;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Arrays;

/**
 * Command line of the NRI v0.1.0 adapter ({@link V010Adapter}). NRI's flags {@code -idx} and
 * {@code -socket}, plus settings NRI hard-codes: {@code -config} (default /etc/nri/conf.json),
 * {@code -bin-dir} (colon-separated, default /opt/nri/bin) and {@code -timeout}. Install it as
 * {@code /opt/nri/plugins/00-v010-adapter} (see {@code nri-vertx plugin install}); launched by
 * the runtime it takes its name and index from the environment. It exits after the runtime's
 * Shutdown (status 0) or when the connection to the runtime is lost (status 1).
 */
public final class V010AdapterMain {
  private V010AdapterMain() {
  }

  public static void main(String[] args) {
    System.exit(SampleRunner.run("v010-adapter", V010AdapterMain::start, args));
  }

  /** Starts the adapter on {@code vertx}; completes once it is configured. */
  public static Future<Stub> start(Vertx vertx, StubOptions base, String... args) {
    GoFlags flags = new GoFlags("v010-adapter")
        .string("idx", "", "plugin index to register to NRI")
        .string("socket", "", "path to NRI socket")
        .string("config", V010Options.DEFAULT_CONF_PATH, "NRI v0.1 configuration file")
        .string("bin-dir", V010Options.DEFAULT_BIN_DIR, "directories searched for v0.1 plugins after PATH, colon-separated")
        .string("timeout", "", "limit for the v0.1 chain of one event, a Go duration (default: 3/4 of the runtime's request timeout)")
        .parse(args);
    V010Options v010 = new V010Options().setConfPath(flags.get("config"))
        .setBinDirs(Arrays.stream(flags.get("bin-dir").split(":")).filter(d -> !d.isEmpty()).toList());
    if (!flags.get("timeout").isEmpty()) {
      try {
        v010.setTimeout(Durations.parse(flags.get("timeout")));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("invalid -timeout \"" + flags.get("timeout") + "\": expected "
            + Durations.FORM + " above zero", e);
      }
    }
    StubOptions options = SampleRunner.identity(base, flags, "v010-adapter", "socket");
    V010Adapter adapter = new V010Adapter(vertx, v010);
    Stub stub = Stub.create(vertx, adapter, options);
    adapter.shutdownRequested().onComplete(ar -> stub.stop());
    return stub.start().map(stub);
  }
}
