package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.RequestOptions;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.domain.Domain;
import io.nrivertx.domain.DomainRegistry;
import io.nrivertx.plugin.BuiltinHandler;
import io.nrivertx.plugin.BuiltinPlugin;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@link NriRuntime} an embedder holds: requests go straight to the core's event runner,
 * with no event bus in between and no hop when the caller already runs on the core's context;
 * answers come back on the caller's context.
 */
final class RuntimeHandle implements NriRuntime {
  private final RuntimeCore core;
  private final NriOptions options;
  private final NriAddresses addresses;
  private final Supplier<Future<Void>> close;
  private final io.nrivertx.plugin.PeerCuts cuts;

  RuntimeHandle(RuntimeCore core, NriOptions options, Supplier<Future<Void>> close, io.nrivertx.plugin.PeerCuts cuts) {
    this.core = core;
    this.options = options;
    this.addresses = new NriAddresses(options.getBusPrefix());
    this.close = close;
    this.cuts = cuts;
  }

  @Override
  public io.nrivertx.plugin.PeerCuts peerCuts() {
    return cuts;
  }

  @Override
  public <Q extends Message, R extends Message> Future<R> request(PluginCall<Q, R> call, Q request,
                                                                   RequestOptions requestOptions) {
    LifecycleException bad = check(call, request);
    if (bad != null) {
      return Future.failedFuture(bad);
    }
    RequestOptions o = requestOptions == null ? new RequestOptions() : requestOptions;
    Deadline deadline = Deadline.of(o.getDeadline(), o.getTimeout(), options.getDeadlineMargin(),
        core.context().clock());
    Object parent = o.getParent() != null ? o.getParent() : core.observation().callerContext();
    EventRequest how = new EventRequest(o.getNamespace(), deadline, parent, o.isDeferValidation());
    return core.context().forCaller(() -> core.events().submit(call, request, how));
  }

  /** The request must be a lifecycle event of the call's own request type. */
  static LifecycleException check(PluginCall<?, ?> call, Message request) {
    // Validation is a step of CreateContainer; a runtime in front of this one (a relay's) sends it
    // on its own for the creations it sent with deferValidation.
    if (call == null || !call.isLifecycleEvent() && call != PluginCall.VALIDATE) {
      return new LifecycleException.BadRequest("not a lifecycle event: " + call
          + " (Configure, Synchronize, Shutdown and StateChange are not sent by a runtime)",
          call == null ? null : call.method());
    }
    if (request == null) {
      return new LifecycleException.BadRequest("empty " + call.method() + " request", call.method());
    }
    if (request.getParserForType() != call.requestParser()) {
      return new LifecycleException.BadRequest("a " + call.method() + " request must be a "
          + call.emptyRequest().getDescriptorForType().getName() + ", got a "
          + request.getDescriptorForType().getName(), call.method());
    }
    return null;
  }

  /** The core behind this handle (for the core's own tests). */
  RuntimeCore core() {
    return core;
  }

  @Override
  public NriOptions options() {
    return new NriOptions(options);
  }

  @Override
  public NriAddresses addresses() {
    return addresses;
  }

  @Override
  public Future<Void> addDomain(Domain domain) {
    DomainRegistry domains = core.domains();
    try {
      domains.register(domain);
      return Future.succeededFuture();
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> addBuiltin(String name, String index, BuiltinHandler handler) {
    BuiltinPlugin plugin;
    try {
      plugin = new BuiltinPlugin(name, index, handler);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return core.context().forCaller(() -> core.admit(plugin));
  }

  @Override
  public Future<List<String>> plugins() {
    return core.context().forCaller(core::pluginIds);
  }

  @Override
  public Future<Void> awaitPlugins(Collection<String> ids, Duration timeout) {
    return core.context().forCaller(() -> core.awaitPlugins(ids, timeout));
  }

  @Override
  public Future<Void> close() {
    return close.get();
  }
}
