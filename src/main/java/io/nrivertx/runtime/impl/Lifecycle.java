package io.nrivertx.runtime.impl;

import io.nrivertx.runtime.LifecycleException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.bus.AuditRecords;
import io.nrivertx.merge.CreateResult;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import io.nrivertx.plugin.PluginReply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lifecycle events from the runtime to the plugins. Events of one pod are handled in arrival
 * order; events of different pods do not wait for each other's plugin calls (NRI serialises the
 * whole node; we keep only its per-event plugin order). Confined to the core's context.
 */
public final class Lifecycle {
  private final RuntimeCore core;
  private final Map<String, Future<?>> podTails = new HashMap<>();

  public Lifecycle(RuntimeCore core) {
    this.core = core;
  }

  /**
   * Sends one event to the subscribed plugins; fails with {@link LifecycleException} when they refuse.
   * {@code namespace} (may be null) only labels the audit record; with one domain it defaults to its own.
   */
  public <Q extends Message, R extends Message> Future<R> handle(PluginCall<Q, R> call, Q request, String namespace) {
    String podId = podId(request);
    return core.onCore(() -> {
      List<String> all = core.domains().namespaces();
      String ns = namespace != null || all.size() != 1 ? namespace : all.get(0);
      return inPodOrder(podId, () -> core.shared(() -> dispatch(call, request, ns)));
    });
  }

  @SuppressWarnings("unchecked")
  private <Q extends Message, R extends Message> Future<R> dispatch(PluginCall<Q, R> call, Q request, String ns) {
    if (call != PluginCall.CREATE_CONTAINER && field(request, "container") instanceof Container c) {
      core.pending().settled(c.getId());
    }
    Future<R> result;
    if (call == PluginCall.CREATE_CONTAINER) {
      result = (Future<R>) createContainer((CreateContainerRequest) request, ns);
    } else if (call == PluginCall.UPDATE_CONTAINER || call == PluginCall.STOP_CONTAINER) {
      result = new ContainerUpdates(core, this).dispatch(call, request, ns);
    } else {
      result = notifyAll(call, request, ns);
    }
    return result.andThen(ar -> core.prune());
  }

  /** Events whose replies carry nothing: every subscriber is told, in order. */
  private <Q extends Message, R extends Message> Future<R> notifyAll(PluginCall<Q, R> call, Q request, String ns) {
    return new Dispatch<>(core, call).run(core.plugins(), p -> request, (p, rsp) -> { })
        .compose(outcome -> finish(call, request, ns, outcome, empty(call)));
  }

  private Future<CreateContainerResponse> createContainer(CreateContainerRequest request, String ns) {
    CreateResult result = new CreateResult(request.getPod(), request.getContainer());
    Validation validation = new Validation(core);
    PodSandbox pod = request.getPod();
    return new Dispatch<>(core, PluginCall.CREATE_CONTAINER)
        .run(core.plugins(),
            p -> CreateContainerRequest.newBuilder().setPod(pod).setContainer(result.container()).build(),
            (p, rsp) -> result.apply(p.id(), rsp),
            validation::saw)
        .compose(outcome -> {
          if (!outcome.ok()) {
            return finish(PluginCall.CREATE_CONTAINER, request, ns, outcome, null);
          }
          CreateContainerResponse merged = result.response();
          return validation.validate(result, merged).compose(verdict -> {
            List<PluginReply<?>> calls = new ArrayList<>(outcome.calls());
            calls.addAll(verdict.calls());
            return finish(PluginCall.CREATE_CONTAINER, request, ns, new Dispatch.Outcome<>(calls, verdict.error()),
                merged);
          });
        })
        .compose(merged -> {
          core.pending().created(result.container());
          return core.applyUpdates(merged.getUpdateList())
              .compose(failed -> evict(result.evictions()))
              .map(merged);
        });
  }

  Future<Void> evict(List<ContainerEviction> evictions) {
    return core.evict(evictions);
  }

  /** Publishes the audit record and turns a refusal into the event's failure. */
  <Q extends Message, R extends Message> Future<R> finish(PluginCall<Q, R> call, Q request, String ns,
                                                          Dispatch.Outcome<?> outcome, R result) {
    Message pod = field(request, "pod");
    Message ctr = field(request, "container");
    core.audit(() -> AuditRecords.event(call.method(), ns,
        pod instanceof PodSandbox p ? p.getId() : null,
        ctr instanceof Container c ? c.getId() : null,
        outcome.calls(), outcome.error(), outcome.ok() ? result : null));
    return outcome.ok() ? Future.succeededFuture(result) : Future.failedFuture(new LifecycleException(outcome.error()));
  }

  private <T> Future<T> inPodOrder(String podId, Supplier<Future<T>> work) {
    if (podId == null || podId.isEmpty()) {
      return work.get();
    }
    Future<?> previous = podTails.getOrDefault(podId, Future.succeededFuture());
    Future<T> mine = previous.transform(ignored -> work.get());
    podTails.put(podId, mine);
    mine.onComplete(ar -> podTails.remove(podId, mine));
    return mine;
  }

  static <R extends Message> R empty(PluginCall<?, R> call) {
    try {
      return call.parser().parseFrom(new byte[0]);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Message field(Message request, String name) {
    FieldDescriptor f = request.getDescriptorForType().findFieldByName(name);
    return f != null && request.hasField(f) ? (Message) request.getField(f) : null;
  }

  private static String podId(Message request) {
    return field(request, "pod") instanceof PodSandbox pod ? pod.getId() : null;
  }
}
