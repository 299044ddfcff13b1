package io.nrivertx.domain;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.SynchronizeRequest;
import io.nrivertx.bus.ProtoCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;
import java.util.List;

/**
 * A domain that lives elsewhere on the event bus, served by {@link DomainEndpoint} (possibly in
 * another JVM of a clustered bus). Each method is one request/reply on the domain's address.
 */
public final class EventBusDomain implements Domain {
  private final Vertx vertx;
  private final String namespace;
  private final String address;
  private final long timeoutMillis;

  public EventBusDomain(Vertx vertx, String namespace, String address, Duration timeout) {
    ProtoCodec.ensureRegistered(vertx);
    this.vertx = vertx;
    this.namespace = namespace;
    this.address = address;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Future<List<PodSandbox>> listPods() {
    return this.<SynchronizeRequest>ask(DomainAddresses.LIST_PODS, null, null).map(SynchronizeRequest::getPodsList);
  }

  @Override
  public Future<List<Container>> listContainers() {
    return this.<SynchronizeRequest>ask(DomainAddresses.LIST_CONTAINERS, null, null)
        .map(SynchronizeRequest::getContainersList);
  }

  @Override
  public Future<PodSandbox> pod(String id) {
    return ask(DomainAddresses.POD, id, null);
  }

  @Override
  public Future<Container> container(String id) {
    return ask(DomainAddresses.CONTAINER, id, null);
  }

  @Override
  public Future<Void> updateContainer(ContainerUpdate update) {
    return ask(DomainAddresses.UPDATE, update.getContainerId(), update).mapEmpty();
  }

  @Override
  public Future<Void> evictContainer(ContainerEviction eviction) {
    return ask(DomainAddresses.EVICT, eviction.getContainerId(), eviction).mapEmpty();
  }

  private <T> Future<T> ask(String op, String id, Object body) {
    DeliveryOptions options = new DeliveryOptions().addHeader(DomainAddresses.OP, op).setSendTimeout(timeoutMillis);
    if (body != null) {
      options.setCodecName(ProtoCodec.NAME);
    }
    if (id != null) {
      options.addHeader(DomainAddresses.ID, id);
    }
    return vertx.eventBus().<T>request(address, body, options).map(reply ->
        "false".equals(reply.headers().get(DomainAddresses.FOUND)) ? null : reply.body());
  }
}
