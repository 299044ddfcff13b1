package io.nrivertx.interop;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.LinuxContainer;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.SynchronizeRequest;
import io.nrivertx.bus.ProtoCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A runtime's domain written against docs/eventbus.md alone ("Domain over the bus"): a consumer
 * on the domain's address answering the operations named in header "op", with NRI messages as
 * bodies. It uses nothing of nri-vertx but the message classes and their codec: no Domain, no
 * DomainEndpoint. It serves eviction as a 409: this test runtime cannot stop containers.
 */
final class BusOnlyDomain {
  private static final DeliveryOptions PROTO = new DeliveryOptions().setCodecName(ProtoCodec.NAME);

  final Map<String, PodSandbox> pods = new ConcurrentHashMap<>();
  final Map<String, Container> containers = new ConcurrentHashMap<>();
  private final MessageConsumer<Object> consumer;

  private BusOnlyDomain(Vertx vertx, String address) {
    consumer = vertx.eventBus().consumer(address, this::serve);
  }

  /** Serves on {@code address}; completes once the address is known to the whole cluster. */
  static Future<BusOnlyDomain> serve(Vertx vertx, String address) {
    ProtoCodec.ensureRegistered(vertx);
    BusOnlyDomain domain = new BusOnlyDomain(vertx, address);
    return domain.consumer.completion().map(domain);
  }

  private void serve(Message<Object> msg) {
    String id = msg.headers().get("id");
    switch (String.valueOf(msg.headers().get("op"))) {
      case "listPods" -> msg.reply(SynchronizeRequest.newBuilder().addAllPods(List.copyOf(pods.values())).build(), PROTO);
      case "listContainers" -> msg.reply(SynchronizeRequest.newBuilder()
          .addAllContainers(List.copyOf(containers.values())).build(), PROTO);
      case "pod" -> found(msg, pods.get(id));
      case "container" -> found(msg, containers.get(id));
      case "updateContainer" -> {
        ContainerUpdate u = (ContainerUpdate) msg.body();
        Container c = containers.computeIfPresent(u.getContainerId(), (k, old) -> old.toBuilder()
            .setLinux(LinuxContainer.newBuilder(old.getLinux()).setResources(u.getLinux().getResources())).build());
        if (c == null) {
          msg.fail(409, "no container " + u.getContainerId());
        } else {
          msg.reply(null);
        }
      }
      case "evictContainer" -> msg.fail(409, "eviction not supported");
      default -> msg.fail(400, "unknown op");
    }
  }

  private static void found(Message<Object> msg, com.google.protobuf.Message value) {
    if (value == null) {
      msg.reply(null, new DeliveryOptions().addHeader("found", "false"));
    } else {
      msg.reply(value, PROTO);
    }
  }
}
