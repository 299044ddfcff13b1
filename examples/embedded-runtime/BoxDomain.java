import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.ContainerState;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.LinuxContainer;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.domain.Domain;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The example runtime's own store, made an NRI domain. The runtime keeps "boxes" in "sandboxes",
 * in its own shape ({@link Box}); this class translates them to NRI's neutral form for plugins and
 * applies the resource updates plugins ask for. Immutable records in concurrent maps: any thread
 * may call it and nothing here ever blocks the event loop it runs on.
 */
final class BoxDomain implements Domain {
  /** The runtime's own view of a pod. */
  record Sandbox(String id, String name, String namespace) {
  }

  /** The runtime's own view of a container, as it will start it. */
  record Box(String id, String sandbox, String name, String state, Map<String, String> annotations,
             List<String> env, long cpuShares, long memoryLimit) {
    Box with(String newState) {
      return new Box(id, sandbox, name, newState, annotations, env, cpuShares, memoryLimit);
    }
  }

  private final String namespace;
  private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();
  private final Map<String, Box> boxes = new ConcurrentHashMap<>();

  BoxDomain(String namespace) {
    this.namespace = namespace;
  }

  void put(Sandbox sandbox) {
    sandboxes.put(sandbox.id(), sandbox);
  }

  void put(Box box) {
    boxes.put(box.id(), box);
  }

  Box box(String id) {
    return boxes.get(id);
  }

  void remove(String id) {
    boxes.remove(id);
    sandboxes.remove(id);
  }

  PodSandbox toNri(Sandbox s) {
    return PodSandbox.newBuilder().setId(s.id()).setName(s.name()).setUid("uid-" + s.id())
        .setNamespace(s.namespace()).build();
  }

  Container toNri(Box b) {
    LinuxResources.Builder res = LinuxResources.newBuilder();
    if (b.cpuShares() > 0) {
      res.getCpuBuilder().getSharesBuilder().setValue(b.cpuShares());
    }
    if (b.memoryLimit() > 0) {
      res.getMemoryBuilder().getLimitBuilder().setValue(b.memoryLimit());
    }
    return Container.newBuilder().setId(b.id()).setPodSandboxId(b.sandbox()).setName(b.name())
        .setState(switch (b.state()) {
          case "created" -> ContainerState.CONTAINER_CREATED;
          case "running" -> ContainerState.CONTAINER_RUNNING;
          case "stopped" -> ContainerState.CONTAINER_STOPPED;
          default -> ContainerState.CONTAINER_UNKNOWN;
        })
        .putAllAnnotations(b.annotations()).addAllEnv(b.env())
        .setLinux(LinuxContainer.newBuilder().setResources(res)).build();
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Future<List<PodSandbox>> listPods() {
    return Future.succeededFuture(sandboxes.values().stream().map(this::toNri).toList());
  }

  @Override
  public Future<List<Container>> listContainers() {
    return Future.succeededFuture(boxes.values().stream().filter(b -> !b.state().equals("stopped"))
        .map(this::toNri).toList());
  }

  @Override
  public Future<PodSandbox> pod(String id) {
    Sandbox s = sandboxes.get(id);
    return Future.succeededFuture(s == null ? null : toNri(s));
  }

  @Override
  public Future<Container> container(String id) {
    Box b = boxes.get(id);
    return Future.succeededFuture(b == null ? null : toNri(b));
  }

  /** A plugin's update of a box that exists: the resources it sets replace the box's. */
  @Override
  public Future<Void> updateContainer(ContainerUpdate update) {
    Box b = boxes.computeIfPresent(update.getContainerId(), (id, old) -> resized(old, update.getLinux().getResources()));
    return b != null ? Future.succeededFuture() : Future.failedFuture("no box " + update.getContainerId());
  }

  @Override
  public Future<Void> evictContainer(ContainerEviction eviction) {
    Box b = boxes.computeIfPresent(eviction.getContainerId(), (id, old) -> old.with("stopped"));
    return b != null ? Future.succeededFuture() : Future.failedFuture("no box " + eviction.getContainerId());
  }

  static Box resized(Box b, LinuxResources r) {
    long shares = r.getCpu().hasShares() ? r.getCpu().getShares().getValue() : b.cpuShares();
    long limit = r.getMemory().hasLimit() ? r.getMemory().getLimit().getValue() : b.memoryLimit();
    return new Box(b.id(), b.sandbox(), b.name(), b.state(), b.annotations(), b.env(), shares, limit);
  }
}
