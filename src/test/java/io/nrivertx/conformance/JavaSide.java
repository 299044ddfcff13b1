package io.nrivertx.conformance;

import io.nrivertx.NriOptions;
import io.nrivertx.observe.NriObserver;
import java.util.function.Consumer;
import java.util.function.Supplier;
import io.nrivertx.NriRuntime;
import io.nrivertx.domain.InMemoryDomain;
import io.nrivertx.plugin.wasm.WasmModuleCache;
import io.nrivertx.plugin.wasm.WasmOptions;
import io.nrivertx.plugin.wasm.impl.GuestModule;
import io.nrivertx.testing.GoWasm;
import io.nrivertx.testing.LogCapture;
import io.nrivertx.scenario.ScenarioFile;
import io.nrivertx.scenario.ScenarioParser;
import io.nrivertx.scenario.ScenarioRunner;
import io.nrivertx.validate.DefaultValidatorConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Plays a case on nri-vertx in this JVM: a fresh runtime (own socket, own bus prefix) over an
 * in-memory domain seeded from the scenario, fresh plugin processes, the scenario runner of
 * {@code nri-vertx scenario} with a deterministic clock. Any thread may call {@link #run}.
 */
final class JavaSide implements Side {
  static final String RUNTIME_NAME = "conformance";
  static final String RUNTIME_VERSION = "1.0.0";
  static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(5);
  /** First createdAt/startedAt/finishedAt the players record; each use adds one second. */
  static final long CLOCK_START = 1_700_000_000_000_000_000L;
  private static final long RUN_LIMIT_SECONDS = 120;

  private final Vertx vertx;
  private final AtomicInteger instances = new AtomicInteger();
  private final Supplier<NriObserver> observers;
  private final Consumer<NriRuntime> afterSteps;
  /** Non-null in --wasm mode: WASM modules loaded by earlier cases, shared as an embedder may share them. */
  private final WasmModuleCache modules;

  JavaSide(Vertx vertx) {
    this(vertx, () -> NriObserver.NONE, rt -> {
    }, false);
  }

  JavaSide(Vertx vertx, boolean wasm) {
    this(vertx, () -> NriObserver.NONE, rt -> {
    }, wasm);
  }

  /**
   * With an observer for each run's runtime and a look at the runtime after the last step, before
   * the plugins stop (MetricsConformanceIT scrapes there, where refrunner takes its snapshot).
   */
  JavaSide(Vertx vertx, Supplier<NriObserver> observers, Consumer<NriRuntime> afterSteps) {
    this(vertx, observers, afterSteps, false);
  }

  JavaSide(Vertx vertx, Supplier<NriObserver> observers, Consumer<NriRuntime> afterSteps, boolean wasm) {
    this.vertx = vertx;
    this.observers = observers;
    this.afterSteps = afterSteps;
    this.modules = wasm ? new WasmModuleCache() : null;
    if (wasm) {
      // Parse and compile the module once, before the first case's clock runs (tens of seconds on a
      // loaded machine); every case then only instantiates it.
      // A few Configure calls also let the JIT see the guest's compiled code before a case's 2 s
      // request timeout applies to a fresh instance.
      GuestModule.Loaded warm = GuestModule.load("00-warm-up", GoWasm.plugin(), wasmOptions(), modules);
      byte[] configure = io.nrivertx.api.ConfigureRequest.newBuilder().setConfig("{\"plugin\": \"00-warm-up\", \"quiet\": true}")
          .build().toByteArray();
      for (int i = 0; i < 20; i++) {
        warm.instance().call("plugin_configure", configure);
      }
      warm.wasi().close();
    }
  }

  private WasmOptions wasmOptions() {
    return new WasmOptions().setModuleCache(modules).setCacheDir(GoWasm.compiledCache().toString());
  }

  @Override
  public String name() {
    return "nri-vertx";
  }

  @Override
  public void close() {
    // Each run closes its own runtime; the Vert.x is the harness's.
  }

  @Override
  public Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket) {
    long start = System.nanoTime();
    NriOptions options = new NriOptions().setSocketPath(socket.toString())
        .setBusPrefix("conformance-" + instances.incrementAndGet())
        .setRequestTimeout(c.requestTimeout()).setRegistrationTimeout(REGISTRATION_TIMEOUT)
        .setRuntimeName(RUNTIME_NAME).setRuntimeVersion(RUNTIME_VERSION).setObserver(observers.get());
    if (c.defaultValidator() != null) {
      options.setDefaultValidator(DefaultValidatorConfig.fromJson(c.defaultValidator()));
    }
    LogCapture wasmOutput = null;
    if (modules != null) {
      options.setPluginPath(WasmPlugins.install(c.plugins(), dir).toString())
          .setPluginConfigPath(dir.resolve("conf.d").toString())
          .setWasm(wasmOptions());
      wasmOutput = new LogCapture(GuestModule.OUTPUT_LOGGER);
    }
    try {
      return run(c, scenarioFile, dir, socket, options, start, wasmOutput);
    } finally {
      if (wasmOutput != null) {
        wasmOutput.close();
      }
    }
  }

  private Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket, NriOptions options, long start,
                      LogCapture wasmOutput) {
    ScenarioFile file = ScenarioParser.parse(scenarioFile);
    InMemoryDomain store = new InMemoryDomain("k8s.io");
    ScenarioRunner.seed(file, store);
    NriRuntime runtime;
    try {
      runtime = await(NriRuntime.deploy(vertx, options, new V012Domain(store)));
    } catch (Exception e) {
      return Outcome.failed("nri-vertx did not start: " + e, millis(start));
    }
    List<JsonObject> lines = Collections.synchronizedList(new ArrayList<>());
    String failure = null;
    PluginProcesses plugins = null;
    List<String> wasmSeen = null;
    try {
      if (wasmOutput == null) {
        plugins = PluginProcesses.start(c.plugins(), dir, socket);
      }
      await(new ScenarioRunner(runtime, store, lines::add, clock()).run(file));
      afterSteps.accept(runtime);
    } catch (Exception e) {
      failure = "nri-vertx run failed: " + e.getMessage();
    } finally {
      if (plugins != null) {
        plugins.close();
      }
      // What WASM plugins saw up to here: socket plugins are stopped before the runtime closes, so
      // neither kind sees nri-vertx's Shutdown (NRI v0.12 sends none).
      wasmSeen = wasmOutput == null ? null : wasmOutput.messages();
      try {
        await(runtime.close());
      } catch (Exception e) {
        failure = failure != null ? failure : "nri-vertx did not close: " + e;
      }
    }
    Map<String, List<JsonObject>> logs = wasmSeen != null ? WasmPlugins.logs(c.plugins(), wasmSeen)
        : plugins == null ? Map.of() : plugins.logs();
    return new Outcome(new ArrayList<>(lines), logs, failure, millis(start));
  }

  static LongSupplier clock() {
    long[] next = {CLOCK_START};
    return () -> {
      long now = next[0];
      next[0] += 1_000_000_000L;
      return now;
    };
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(RUN_LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    } catch (TimeoutException e) {
      throw new IllegalStateException("no result within " + RUN_LIMIT_SECONDS + " s", e);
    }
  }

  static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
