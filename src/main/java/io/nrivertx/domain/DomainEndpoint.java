package io.nrivertx.domain;

import com.google.protobuf.Message;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.SynchronizeRequest;
import io.nrivertx.bus.ProtoCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * Serves a {@link Domain} on the event bus so that an nri-vertx in another Vert.x (or another
 * JVM of a clustered bus) can use it through {@link EventBusDomain}. This is how a runtime written
 * as its own Vert.x application becomes an NRI domain.
 */
public final class DomainEndpoint {
  private static final DeliveryOptions PROTO = new DeliveryOptions().setCodecName(ProtoCodec.NAME);

  private DomainEndpoint() {
  }

  /** Starts serving; unregister the returned consumer to stop. */
  public static Future<MessageConsumer<Object>> expose(Vertx vertx, String address, Domain domain) {
    ProtoCodec.ensureRegistered(vertx);
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, msg -> serve(domain, msg));
    return consumer.completion().map(consumer);
  }

  private static void serve(Domain domain, io.vertx.core.eventbus.Message<Object> msg) {
    String op = msg.headers().get(DomainAddresses.OP);
    String id = msg.headers().get(DomainAddresses.ID);
    Future<? extends Message> reply;
    switch (op == null ? "" : op) {
      case DomainAddresses.LIST_PODS -> reply = domain.listPods()
          .map(pods -> SynchronizeRequest.newBuilder().addAllPods(pods).build());
      case DomainAddresses.LIST_CONTAINERS -> reply = domain.listContainers()
          .map(ctrs -> SynchronizeRequest.newBuilder().addAllContainers(ctrs).build());
      case DomainAddresses.POD -> reply = domain.pod(id);
      case DomainAddresses.CONTAINER -> reply = domain.container(id);
      case DomainAddresses.UPDATE -> {
        change(msg, op, "ContainerUpdate", msg.body() instanceof ContainerUpdate u ? domain.updateContainer(u) : null);
        return;
      }
      case DomainAddresses.EVICT -> {
        change(msg, op, "ContainerEviction",
            msg.body() instanceof ContainerEviction e ? domain.evictContainer(e) : null);
        return;
      }
      default -> {
        msg.fail(DomainAddresses.BAD_REQUEST, "unknown domain operation \"" + op + "\" in header 'op'");
        return;
      }
    }
    reply.onComplete(ar -> {
      if (ar.failed()) {
        msg.fail(DomainAddresses.NOT_APPLIED, String.valueOf(ar.cause().getMessage()));
      } else if (ar.result() == null) {
        msg.reply(null, new DeliveryOptions().addHeader(DomainAddresses.FOUND, "false"));
      } else {
        msg.reply(ar.result(), PROTO);
      }
    });
  }

  /** Update and eviction: an empty reply once applied (no "found" header: nothing was looked up). */
  private static void change(io.vertx.core.eventbus.Message<Object> msg, String op, String bodyType,
                             Future<Void> applied) {
    if (applied == null) {
      msg.fail(DomainAddresses.BAD_REQUEST, "domain operation " + op + " needs a " + bodyType + " body (codec "
          + ProtoCodec.NAME + ")");
      return;
    }
    applied.onComplete(ar -> {
      if (ar.failed()) {
        msg.fail(DomainAddresses.NOT_APPLIED, String.valueOf(ar.cause().getMessage()));
      } else {
        msg.reply(null);
      }
    });
  }
}
