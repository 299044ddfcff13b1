package io.nrivertx.plugin.wasm;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.nrivertx.plugin.CallOptions;
import io.nrivertx.plugin.InProcessPlugin;
import io.nrivertx.service.PluginCall;
import io.nrivertx.plugin.PluginReply;
import io.nrivertx.plugin.wasm.impl.GuestException;
import io.nrivertx.plugin.wasm.impl.GuestExports;
import io.nrivertx.plugin.wasm.impl.GuestInstance;
import io.nrivertx.plugin.wasm.impl.GuestModule;
import io.nrivertx.plugin.wasm.impl.GuestWorker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.file.Path;

/**
 * A WebAssembly plugin loaded into this JVM (docs/wasm.md): a plugin like the others to the core,
 * whose calls run on its own worker thread (one instance, calls serialised, as in NRI) with the
 * request timeout enforced. A refusal or a garbled reply fails that request only; a trap, an exit,
 * running out of memory or a timeout leaves the instance unusable, so the plugin is closed, as a
 * plugin whose connection broke, and its FailurePolicy decides about the request.
 *
 * <p>Thread-safety: {@link #invoke} and {@link #close} on the context given to {@link #load}.
 */
public final class WasmPlugin extends InProcessPlugin {
  private static final System.Logger LOG = System.getLogger(WasmPlugin.class.getName());
  /** Go's wazero reports a guest stopped at its deadline so; results carry the same text. */
  static final String DEADLINE_TEXT = "module closed with context deadline exceeded";

  private final long requestTimeoutMillis;
  private final GuestWorker worker;
  private final GuestInstance guest;
  private final AutoCloseable wasi;

  private WasmPlugin(String index, String name, long requestTimeoutMillis, GuestWorker worker, GuestInstance guest,
                     AutoCloseable wasi) {
    super(index, name);
    this.wasi = wasi;
    this.requestTimeoutMillis = requestTimeoutMillis;
    this.worker = worker;
    this.guest = guest;
  }

  /**
   * Loads {@code file} on a new worker thread; completes on {@code ctx}. Fails with a message
   * naming the plugin and the file when the module cannot be used.
   */
  public static Future<WasmPlugin> load(Context ctx, String index, String name, Path file, WasmOptions options,
                                        WasmModuleCache cache, long requestTimeoutMillis) {
    String id = index + "-" + name;
    GuestWorker worker = new GuestWorker(ctx, id);
    WasmModuleCache modules = options.getModuleCache() != null ? options.getModuleCache() : cache;
    return worker.run(() -> GuestModule.load(id, file, options, modules), 0).map(loaded -> {
      GuestModule.LoadTimes t = loaded.times();
      LOG.log(System.Logger.Level.INFO, "loaded WASM plugin " + id + " (name " + name + ", index " + index + ") from "
          + file + ": " + (t.cached() ? "module already prepared, " : "parse " + t.parseMillis() + " ms, "
          + (options.isCompile() ? "compile " + t.compileMillis() + " ms, " : "interpreted, "))
          + "instantiate and initialise " + t.initializeMillis() + " ms; memory limit "
          + (options.getMemoryLimit() >> 20) + " MiB");
      return new WasmPlugin(index, name, requestTimeoutMillis, worker, loaded.instance(), loaded.wasi());
    }).onFailure(err -> worker.close());
  }

  @Override
  public String kind() {
    return "pre-connected-wasm";
  }

  @Override
  public <Q extends Message, R extends Message> Future<PluginReply<R>> invoke(PluginCall<Q, R> call, Q request,
                                                                            CallOptions options) {
    return call(call, request, options.timeoutMillis());
  }

  private <Q extends Message, R extends Message> Future<PluginReply<R>> call(PluginCall<Q, R> call, Q request,
                                                                          long timeoutMillis) {
    Future<PluginReply<R>> skipped = unsubscribed(call);
    if (skipped != null) {
      return skipped;
    }
    if (isClosed()) {
      return Future.succeededFuture(PluginReply.closed(id(), closeReason(), closeReason(), 0));
    }
    byte[] bytes = request.toByteArray();
    String export = GuestExports.of(call);
    long start = System.nanoTime();
    return worker.run(() -> guest.call(export, bytes), timeoutMillis).transform(ar -> {
      long took = System.nanoTime() - start;
      if (ar.succeeded()) {
        try {
          return Future.succeededFuture(PluginReply.ok(id(), call.parser().parseFrom(ar.result()), took));
        } catch (InvalidProtocolBufferException e) {
          return Future.succeededFuture(error(took, "plugin " + id() + " answered " + call.method()
              + " with bytes that are not a " + call.method() + " reply: " + e.getMessage()));
        }
      }
      GuestException ge = ar.cause() instanceof GuestException g ? g
          : new GuestException(GuestException.Kind.TRAP, String.valueOf(ar.cause()), ar.cause());
      return Future.succeededFuture(ge.breaksInstance() ? broken(call, ge, took) : error(took, ge.getMessage()));
    });
  }

  private <R> PluginReply<R> error(long took, String text) {
    return PluginReply.error(id(), 2, text, took);
  }

  /**
   * The instance is unusable after a trap or an interrupted call: the plugin is closed here,
   * whatever keepConnected says; the runtime's failure policy decides about the request.
   */
  private <R extends Message> PluginReply<R> broken(PluginCall<?, R> call, GuestException e, long took) {
    boolean timeout = e.kind() == GuestException.Kind.TIMEOUT;
    String detail = e.getMessage();
    LOG.log(System.Logger.Level.ERROR, "closing WASM plugin " + id() + ", failed to handle " + call.method() + " request: "
        + detail);
    close("failed to handle " + call.method() + " request: " + detail);
    return timeout
        ? new PluginReply<>(id(), PluginReply.Outcome.TIMEOUT, null, took, PluginReply.DEADLINE_EXCEEDED, DEADLINE_TEXT, detail)
        : PluginReply.closed(id(), detail, detail, took);
  }

  /** Drops the instance: queued calls are refused, a running one is interrupted. */
  @Override
  protected void released() {
    worker.close();
    try {
      wasi.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the WASI state of " + id() + ": " + e);
    }
  }
}
