package io.nrivertx.scenario;

import com.google.protobuf.Message;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.LinuxPodSandbox;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.UpdateContainerResponse;
import io.nrivertx.domain.InMemoryDomain;
import io.nrivertx.scenario.ScenarioFile.Step;
import io.vertx.core.Future;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * containerd's part around each event (docs/protocol.md, "When containerd sends each event"), over an {@link InMemoryDomain}: the pod
 * exists before RunPodSandbox is sent and is torn down when it is refused; a created container is
 * stored with the merged adjustment applied; start, stop, update and removal change the store as
 * CRI would. Every step sends exactly the event it names, apart from that teardown.
 */
final class DomainPlayer {
  /** Sends one event; {@code step} supplies the request's resources and may be null. */
  interface Sender {
    Future<Message> send(Op op, PodSandbox pod, Container container, Step step);
  }

  /** The step refers to an object the domain no longer (or not yet) has; nothing was sent. */
  static final class NotPlayable extends RuntimeException {
    NotPlayable(String message) {
      super(message, null, false, false);
    }
  }

  private final InMemoryDomain domain;
  private final Sender sender;
  private final LongSupplier clock;

  DomainPlayer(InMemoryDomain domain, Sender sender, LongSupplier clock) {
    this.domain = domain;
    this.sender = sender;
    this.clock = clock;
  }

  Future<Message> play(Step step) {
    return switch (step.op().subject()) {
      case NEW_POD -> runPod(step);
      case POD -> podEvent(step, pod(step.ref()));
      case NEW_CONTAINER -> create(step);
      case CONTAINER -> containerEvent(step);
    };
  }

  private Future<Message> runPod(Step step) {
    PodSandbox pod = step.pod();
    if (domain.podNow(pod.getId()) != null) {
      throw new NotPlayable("pod \"" + pod.getId() + "\" already exists");
    }
    domain.putPod(pod);
    // containerd tears a refused sandbox down again, and the plugins hear it stop and go away.
    return sender.send(Op.RUN_POD_SANDBOX, pod, null, step).recover(err ->
        sender.send(Op.STOP_POD_SANDBOX, pod, null, null)
            .transform(ignored -> sender.send(Op.REMOVE_POD_SANDBOX, pod, null, null))
            .transform(ignored -> {
              domain.removePod(pod.getId());
              return Future.failedFuture(err);
            }));
  }

  private Future<Message> podEvent(Step step, PodSandbox pod) {
    return sender.send(step.op(), pod, null, step).andThen(ar -> {
      if (step.op() == Op.REMOVE_POD_SANDBOX) {
        domain.removePod(pod.getId()); // not blocking in containerd: the pod goes either way
      } else if (step.op() == Op.UPDATE_POD_SANDBOX && ar.succeeded()) {
        PodSandbox now = domain.podNow(pod.getId());
        if (now != null) {
          LinuxPodSandbox.Builder linux = now.getLinux().toBuilder();
          if (step.linuxResources() != null) {
            linux.setPodResources(step.linuxResources());
          }
          if (step.overheadLinuxResources() != null) {
            linux.setPodOverhead(step.overheadLinuxResources());
          }
          domain.putPod(now.toBuilder().setLinux(linux).build());
        }
      }
    });
  }

  private Future<Message> create(Step step) {
    Container c = step.container();
    PodSandbox pod = pod(c.getPodSandboxId());
    if (domain.containerNow(c.getId()) != null) {
      throw new NotPlayable("container \"" + c.getId() + "\" already exists");
    }
    return sender.send(Op.CREATE_CONTAINER, pod, c, step).map(reply -> {
      Container created = ContainerEdits.apply(c, ((CreateContainerResponse) reply).getAdjust());
      domain.putContainer(created.toBuilder().setState(ContainerState.CONTAINER_CREATED)
          .setCreatedAt(c.getCreatedAt() != 0 ? c.getCreatedAt() : clock.getAsLong()).build());
      return reply;
    });
  }

  private Future<Message> containerEvent(Step step) {
    Container c = container(step.ref());
    PodSandbox pod = pod(c.getPodSandboxId());
    String id = c.getId();
    if (step.op() == Op.STOP_CONTAINER) {
      // StopContainer is sent after the container stopped: the plugins see it stopped.
      c = c.toBuilder().setState(ContainerState.CONTAINER_STOPPED).setFinishedAt(clock.getAsLong()).build();
      domain.putContainer(c);
    }
    return sender.send(step.op(), pod, c, step).andThen(ar -> {
      switch (step.op()) {
        case START_CONTAINER -> {
          if (ar.succeeded()) {
            edit(id, b -> b.setState(ContainerState.CONTAINER_RUNNING).setStartedAt(clock.getAsLong()));
          }
        }
        case UPDATE_CONTAINER -> {
          if (ar.succeeded()) {
            LinuxResources effective = effective(id, step, (UpdateContainerResponse) ar.result());
            if (effective != null) {
              edit(id, b -> b.setLinux(b.getLinux().toBuilder()
                  .setResources(ResourceEdits.overlay(b.getLinux().getResources(), effective))));
            }
          }
        }
        case REMOVE_CONTAINER -> domain.removeContainer(id);
        default -> {
        }
      }
    });
  }

  /** The plugins' last word on the updated container's resources, else what was requested. */
  private static LinuxResources effective(String id, Step step, UpdateContainerResponse reply) {
    LinuxResources effective = step.linuxResources();
    for (ContainerUpdate u : reply.getUpdateList()) {
      if (u.getContainerId().equals(id)) {
        effective = u.getLinux().getResources();
      }
    }
    return effective;
  }

  private void edit(String id, UnaryOperator<Container.Builder> change) {
    Container now = domain.containerNow(id);
    if (now != null) {
      domain.putContainer(change.apply(now.toBuilder()).build());
    }
  }

  private PodSandbox pod(String id) {
    PodSandbox pod = domain.podNow(id);
    if (pod == null) {
      throw new NotPlayable("pod \"" + id + "\" is not in the runtime (refused or removed by an earlier step)");
    }
    return pod;
  }

  private Container container(String id) {
    Container c = domain.containerNow(id);
    if (c == null) {
      throw new NotPlayable("container \"" + id + "\" is not in the runtime (its CreateContainer failed, or it was removed)");
    }
    return c;
  }
}
