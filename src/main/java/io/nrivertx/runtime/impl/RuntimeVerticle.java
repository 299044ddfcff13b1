package io.nrivertx.runtime.impl;

import io.nrivertx.runtime.LifecycleException;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nrivertx.NriOptions;
import io.nrivertx.NriRuntime;
import io.nrivertx.bus.NriAddresses;
import io.nrivertx.bus.ProtoCodec;
import io.nrivertx.domain.Domain;
import io.nrivertx.domain.DomainRegistry;
import io.nrivertx.plugin.BuiltinHandler;
import io.nrivertx.plugin.BuiltinPlugin;
import io.nrivertx.service.PluginCall;
import io.nrivertx.validate.DefaultValidator;
import io.nrivertx.plugin.PluginListener;
import io.nrivertx.plugin.launch.PluginLauncher;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.internal.ContextInternal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Hosts the core on its own context, serves lifecycle requests from the event bus and deploys
 * the plugin listener. Also the {@link NriRuntime} handle handed to embedders.
 */
public final class RuntimeVerticle extends VerticleBase implements NriRuntime {
  private static final System.Logger LOG = System.getLogger(RuntimeVerticle.class.getName());
  /** Reply failure codes on the lifecycle address. */
  public static final int BAD_REQUEST = 400;
  public static final int REFUSED = 500;

  private final NriOptions options;
  private final Domain domain;
  private final NriAddresses addresses;
  private DomainRegistry domains;
  private RuntimeCore core;
  private Lifecycle lifecycle;
  private MessageConsumer<Object> consumer;
  private PluginLauncher launcher;
  private PluginListener listener;
  private String deploymentId;

  private RuntimeVerticle(NriOptions options, Domain domain) {
    this.options = options;
    this.domain = domain;
    this.addresses = new NriAddresses(options.getBusPrefix());
  }

  public static Future<NriRuntime> deploy(Vertx vertx, NriOptions options, Domain domain) {
    RuntimeVerticle v = new RuntimeVerticle(options, domain);
    return vertx.deployVerticle(v).map(id -> {
      v.deploymentId = id;
      return v;
    });
  }

  @Override
  public Future<?> start() {
    DomainRegistry domains = new DomainRegistry();
    if (domain != null) {
      domains.register(domain);
    }
    this.domains = domains;
    core = new RuntimeCore((ContextInternal) context, options, domains);
    lifecycle = new Lifecycle(core);
    ProtoCodec.ensureRegistered(vertx);
    consumer = vertx.eventBus().consumer(addresses.lifecycle(), this::onLifecycle);
    if (options.isDisable()) {
      LOG.log(System.Logger.Level.INFO, "NRI is disabled (disable: true): no plugin is launched or accepted; "
          + "lifecycle events are answered without any plugin");
      return consumer.completion();
    }
    launcher = new PluginLauncher((ContextInternal) context, options, core::admit, core::updateContainers);
    // As in NRI: a badly named pre-installed plugin stops the start before anything runs, and
    // builtin and pre-installed plugins are synchronized before the socket accepts anyone.
    return consumer.completion()
        .compose(v -> launcher.discover())
        .compose(files -> builtins().compose(v -> launcher.start(files)))
        .compose(v -> listen())
        .recover(err -> stopPlugins().transform(ar -> Future.failedFuture(err)));
  }

  private Future<Void> builtins() {
    return options.getDefaultValidator().enable()
        ? core.admit(new BuiltinPlugin(DefaultValidator.NAME, DefaultValidator.INDEX,
            new DefaultValidator(options.getDefaultValidator())))
        : Future.succeededFuture();
  }

  private Future<?> listen() {
    if (options.isDisableConnections()) {
      LOG.log(System.Logger.Level.INFO, "external plugin connections disabled (disableConnections: true): no socket");
      return Future.succeededFuture();
    }
    listener = new PluginListener(Path.of(options.getSocketPath()),
        options.getRegistrationTimeout().toMillis(), options.getRequestTimeout().toMillis(),
        core::updateContainers, core::admit, core::unregistered).allowedUids(options.getAllowedUids());
    // Started on this verticle's context, not deployed on its own: accepted plugin connections
    // then live on the core's event loop, and a plugin call costs no thread hop either way.
    listener.init(vertx, context);
    return listener.start();
  }

  /** Shutdown to every plugin, connections closed, launched processes stopped and reaped. */
  private Future<Void> stopPlugins() {
    if (launcher == null) {
      return core.shutdownAll();
    }
    launcher.prepareStop();
    return core.shutdownAll().eventually(launcher::stop);
  }

  private void onLifecycle(io.vertx.core.eventbus.Message<Object> msg) {
    String method = msg.headers().get(NriAddresses.EVENT_HEADER);
    PluginCall<?, ?> call = method == null ? null : PluginCall.byMethod(method);
    // Validation is a step of CreateContainer, not an event a runtime sends.
    if (call == null || call.event() == null || call == PluginCall.VALIDATE) {
      msg.fail(BAD_REQUEST, "unknown lifecycle event \"" + method + "\" in header '"
          + NriAddresses.EVENT_HEADER + "'");
      return;
    }
    if (msg.body() == null) {
      msg.fail(BAD_REQUEST, "empty " + method + " request: the body must be the request message or its bytes");
      return;
    }
    handle(call, msg);
  }

  private <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> void handle(
      PluginCall<Q, R> call, io.vertx.core.eventbus.Message<Object> msg) {
    // Java senders pass the message itself (ProtoCodec); others send protobuf bytes in a Buffer.
    boolean bytes = msg.body() instanceof Buffer;
    Q request;
    try {
      request = bytes ? call.requestParser().parseFrom(((Buffer) msg.body()).getBytes()) : typed(call, msg.body());
    } catch (InvalidProtocolBufferException | ClassCastException e) {
      msg.fail(BAD_REQUEST, "malformed " + call.method() + " request: " + e.getMessage());
      return;
    }
    lifecycle.handle(call, request, msg.headers().get(NriAddresses.NAMESPACE_HEADER)).onComplete(ar -> {
      if (ar.succeeded()) {
        if (bytes) {
          msg.reply(Buffer.buffer(ar.result().toByteArray()));
        } else {
          msg.reply(ar.result(), new DeliveryOptions().setCodecName(ProtoCodec.NAME));
        }
      } else {
        msg.fail(REFUSED, ar.cause().getMessage());
      }
    });
  }

  /** The request object itself when it has the right type (zero-copy), else re-read from its bytes. */
  @SuppressWarnings("unchecked")
  private static <Q extends com.google.protobuf.Message> Q typed(PluginCall<Q, ?> call, Object body)
      throws InvalidProtocolBufferException {
    Q empty = call.requestParser().parseFrom(com.google.protobuf.ByteString.EMPTY);
    return empty.getClass().isInstance(body) ? (Q) body
        : call.requestParser().parseFrom(((com.google.protobuf.Message) body).toByteString());
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
  public <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> Future<R> request(
      PluginCall<Q, R> call, Q request) {
    return request(null, call, request);
  }

  @Override
  public <Q extends com.google.protobuf.Message, R extends com.google.protobuf.Message> Future<R> request(
      String namespace, PluginCall<Q, R> call, Q request) {
    DeliveryOptions delivery = new DeliveryOptions()
        .addHeader(NriAddresses.EVENT_HEADER, call.method())
        .setCodecName(ProtoCodec.NAME)
        .setSendTimeout(Duration.ofMinutes(5).toMillis());
    if (namespace != null) {
      delivery.addHeader(NriAddresses.NAMESPACE_HEADER, namespace);
    }
    return vertx.eventBus().<R>request(addresses.lifecycle(), request, delivery)
        .recover(err -> Future.failedFuture(err instanceof ReplyException re && re.failureCode() == REFUSED
            ? new LifecycleException(re.getMessage()) : err))
        .map(io.vertx.core.eventbus.Message::body);
  }

  @Override
  public Future<Void> addDomain(Domain domain) {
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
    return core.admit(plugin);
  }

  @Override
  public Future<List<String>> plugins() {
    return core.pluginIds();
  }

  @Override
  public Future<Void> awaitPlugins(Collection<String> ids, Duration timeout) {
    return core.awaitPlugins(ids, timeout.toMillis());
  }

  @Override
  public Future<Void> close() {
    return vertx.undeploy(deploymentId);
  }

  @Override
  public Future<?> stop() {
    // The socket closes (and is removed) first, so no plugin connects while the others stop.
    Future<?> closed = listener == null ? Future.succeededFuture() : listener.stop();
    return closed.eventually(consumer::unregister).eventually(this::stopPlugins);
  }
}
