package io.nrivertx.stub.impl;

import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.channel.Channel;
import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.ConfigureResponse;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.RegisterPluginRequest;
import io.nrivertx.api.UpdateContainersRequest;
import io.nrivertx.api.UpdateContainersResponse;
import io.nrivertx.service.Errors;
import io.nrivertx.service.EventMask;
import io.nrivertx.protocol.GrpcCode;
import io.nrivertx.protocol.TtrpcConnection;
import io.nrivertx.protocol.TtrpcException;
import io.nrivertx.protocol.TtrpcRole;
import io.nrivertx.stub.Events;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * One connection of a stub to the runtime: serves the Plugin service on conn 1 from the start,
 * because Configure may arrive before the RegisterPlugin reply, then registers on conn 2 and
 * waits for Configure.
 *
 * <p>Thread-safety: created and driven on the stub's context.
 */
final class StubSession {
  private static final System.Logger LOG = System.getLogger(StubSession.class.getName());
  static final String RUNTIME_SERVICE = "nri.pkg.api.v1alpha1.Runtime";

  private final StubImpl stub;
  private final TtrpcConnection ttrpc;
  private final Promise<Void> configured = Promise.promise();

  StubSession(StubImpl stub, Channel channel) {
    this.stub = stub;
    this.ttrpc = TtrpcConnection.attach(channel, TtrpcRole.PLUGIN, "plugin " + stub.identity().id());
    new PluginService(stub.plugin(), stub.context(), this::configure, stub.buffersSync()).serveOn(ttrpc);
    ttrpc.closeFuture().onComplete(ar -> configured.tryFail(new StubException(
        "connection closed before the runtime configured the plugin: " + ttrpc.closeReason())));
    channel.config().setAutoRead(true);
  }

  /** Registers and completes once the runtime's Configure was answered successfully. */
  Future<Void> open() {
    RegisterPluginRequest request = RegisterPluginRequest.newBuilder()
        .setPluginName(stub.identity().name())
        .setPluginIdx(stub.identity().index())
        .setNRIVersion(Stub.NRI_VERSION)
        .build();
    LOG.log(Level.INFO, "Registering plugin {0} using NRI version {1}...", stub.identity().id(), Stub.NRI_VERSION);
    return ttrpc.call(RUNTIME_SERVICE, "RegisterPlugin", request.toByteArray(),
            stub.registrationTimeout().toMillis())
        .recover(err -> {
          // The runtime does not hang up on a refused registration; the plugin does (as Go's).
          close("registration failed");
          return Future.failedFuture(new StubException("failed to register with NRI/Runtime: "
              + Errors.describe(err), err));
        })
        .compose(v -> configured.future());
  }

  private Future<ConfigureResponse> configure(ConfigureRequest request) {
    LOG.log(Level.INFO, "Configuring plugin {0} for runtime {1}/{2} (NRI version {3})...", stub.identity().id(),
        request.getRuntimeName(), request.getRuntimeVersion(), request.getNRIVersion());
    stub.adopt(request);
    Future<EventMask> chosen;
    try {
      chosen = stub.plugin().configure(request);
    } catch (RuntimeException e) {
      chosen = Future.failedFuture(e);
    }
    if (chosen == null) {
      chosen = Future.failedFuture(new IllegalStateException("plugin configure returned no future"));
    }
    return chosen.compose(this::subscription)
        .onSuccess(rsp -> configured.tryComplete())
        .onFailure(err -> {
          LOG.log(Level.ERROR, "Plugin {0} configuration failed: {1}", stub.identity().id(), err.getMessage());
          configured.tryFail(new StubException("plugin configuration failed: " + err.getMessage(), err));
        });
  }

  /** The plugin may narrow its subscription, not widen it; empty means every handled event. */
  private Future<ConfigureResponse> subscription(EventMask chosen) {
    int handled = stub.handledEvents().bits();
    int bits = chosen == null || chosen.bits() == 0 ? handled : chosen.bits();
    int extra = bits & ~handled;
    if (extra != 0) {
      return Future.failedFuture(new StubException("plugin subscribed to events it has no handler for: "
          + Events.prettyString(new EventMask(extra)) + " (0x" + Integer.toHexString(extra) + ")"));
    }
    EventMask events = new EventMask(bits);
    stub.subscribed(events);
    LOG.log(Level.INFO, "Subscribing plugin {0} for events {1}", stub.identity().id(), Events.prettyString(events));
    ConfigureResponse.Builder rsp = ConfigureResponse.newBuilder().setEvents(bits);
    if (stub.failurePolicy() != null) {
      rsp.setFailurePolicy(stub.failurePolicy());
    }
    return Future.succeededFuture(rsp.build());
  }

  /** Unsolicited updates; no deadline, as with Go's stub. */
  Future<List<ContainerUpdate>> updateContainers(List<ContainerUpdate> updates, List<ContainerEviction> evictions) {
    byte[] request = UpdateContainersRequest.newBuilder().addAllUpdate(updates).addAllEvict(evictions).build()
        .toByteArray();
    return ttrpc.call(RUNTIME_SERVICE, "UpdateContainers", request, 0).compose(bytes -> {
      try {
        return Future.succeededFuture(UpdateContainersResponse.parseFrom(bytes).getFailedList());
      } catch (InvalidProtocolBufferException e) {
        return Future.failedFuture(new TtrpcException(GrpcCode.INTERNAL,
            "ttrpc: error unmarshalling UpdateContainers reply: " + e.getMessage()));
      }
    });
  }

  Future<Void> closeFuture() {
    return ttrpc.closeFuture();
  }

  String closeReason() {
    return ttrpc.closeReason();
  }

  void close(String reason) {
    ttrpc.close(reason);
  }
}
