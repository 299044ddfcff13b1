package io.nrivertx.stub;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.ConfigureResponse;
import io.nrivertx.api.Empty;
import io.nrivertx.api.RegisterPluginRequest;
import io.nrivertx.api.UpdateContainersRequest;
import io.nrivertx.api.UpdateContainersResponse;
import io.nrivertx.service.PluginCall;
import io.nrivertx.protocol.TtrpcConnection;
import io.nrivertx.protocol.TtrpcRole;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The runtime's end of one plugin connection, scripted by a test: it records RegisterPlugin and
 * UpdateContainers, answers them as told, and calls the plugin's methods on request. By default it
 * behaves like NRI: RegisterPlugin is answered, then Configure is sent.
 */
final class FakeRuntime {
  static final ConfigureRequest CONFIGURE = ConfigureRequest.newBuilder().setConfig("").setRuntimeName("fake")
      .setRuntimeVersion("1.0").setRegistrationTimeout(3000).setRequestTimeout(1500).setNRIVersion("v0.12.5")
      .build();

  final TtrpcConnection ttrpc;
  final Promise<RegisterPluginRequest> registered = Promise.promise();
  final Promise<ConfigureResponse> configured = Promise.promise();
  final BlockingQueue<UpdateContainersRequest> updates = new LinkedBlockingQueue<>();
  /** How RegisterPlugin is handled; replaced by tests that need another order or a refusal. */
  volatile Function<RegisterPluginRequest, Future<Empty>> onRegister = this::replyThenConfigure;
  volatile UpdateContainersResponse updateReply = UpdateContainersResponse.getDefaultInstance();

  FakeRuntime(Channel channel) {
    ttrpc = TtrpcConnection.attach(channel, TtrpcRole.RUNTIME, "fake runtime");
    ttrpc.handle("nri.pkg.api.v1alpha1.Runtime", "RegisterPlugin", (payload, deadline) -> {
      RegisterPluginRequest req = parse(payload, RegisterPluginRequest.parser());
      registered.tryComplete(req);
      return onRegister.apply(req).map(Message::toByteArray);
    });
    ttrpc.handle("nri.pkg.api.v1alpha1.Runtime", "UpdateContainers", (payload, deadline) -> {
      updates.add(parse(payload, UpdateContainersRequest.parser()));
      return Future.succeededFuture(updateReply.toByteArray());
    });
  }

  /** Adopts {@code fd} (one end of a socketpair) on a fresh event loop of {@code vertx}. */
  static FakeRuntime onFd(Vertx vertx, int fd) {
    ContextInternal ctx = ((VertxInternal) vertx).createEventLoopContext();
    try {
      io.nrivertx.plugin.launch.Native.setNonBlocking(fd); // Netty leaves an adopted fd blocking
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    EpollDomainSocketChannel channel = new EpollDomainSocketChannel(fd);
    // Nothing is read until the codecs and handlers are in place: the stub writes RegisterPlugin
    // at once, and a request read before them would be lost (the stub then times out).
    channel.config().setAutoRead(false);
    ctx.nettyEventLoop().register(channel).syncUninterruptibly();
    FakeRuntime runtime = new FakeRuntime(channel);
    channel.config().setAutoRead(true);
    return runtime;
  }

  /** NRI's order: the RegisterPlugin reply goes out, then Configure follows. */
  private Future<Empty> replyThenConfigure(RegisterPluginRequest req) {
    ttrpc.channel().eventLoop().execute(() -> call(PluginCall.CONFIGURE, CONFIGURE).onComplete(configured));
    return Future.succeededFuture(Empty.getDefaultInstance());
  }

  /** The harder order: Configure is sent and answered before RegisterPlugin is. */
  Future<Empty> configureThenReply(RegisterPluginRequest req) {
    return call(PluginCall.CONFIGURE, CONFIGURE).andThen(configured).map(Empty.getDefaultInstance());
  }

  <Q extends Message, R extends Message> Future<R> call(PluginCall<Q, R> call, Q request) {
    return ttrpc.call(PluginCall.SERVICE, call.method(), request.toByteArray(), 2000)
        .map(bytes -> parse(bytes, call.parser()));
  }

  void close() {
    ttrpc.close("fake runtime closed");
  }

  private static <T> T parse(byte[] bytes, com.google.protobuf.Parser<T> parser) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }
}
