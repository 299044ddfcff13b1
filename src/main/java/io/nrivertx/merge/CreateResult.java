package io.nrivertx.merge;

import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.ContainerEviction;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.Hooks;
import io.nrivertx.api.LinuxContainer;
import io.nrivertx.api.LinuxCPU;
import io.nrivertx.api.LinuxContainerAdjustment;
import io.nrivertx.api.LinuxMemory;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.OwningPlugins;
import io.nrivertx.api.PodSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Accumulates plugin responses for one CreateContainer event, in dispatch order, the way the Go
 * adaptation's result.go does: each reply's adjustment is merged into one adjustment, applied in
 * place to the request container (so the next plugin sees it), and checked for ownership
 * conflicts; updates of other containers are merged per container.
 * <p>Not thread-safe: one event, one sequential chain of plugin calls.
 */
public final class CreateResult {

  private final PodSandbox pod;
  private final Container pristine;
  private final Container.Builder current;
  private final ContainerAdjustment.Builder reply;
  private final Ownership owners = new Ownership();
  private final AdjustContext ctx;
  private final UpdateCollector updates;
  private final List<ContainerEviction> evictions = new ArrayList<>();
  /** {@link #current} as last built; null once a reply changed it. Each build copies the whole container. */
  private Container built;

  /**
   * @param pod the pod of the container, kept for the validation request
   * @param requestContainer the container as the runtime asked for it; absent parts are filled
   *                         with empty ones, as Go does before dispatch
   */
  public CreateResult(PodSandbox pod, Container requestContainer) {
    this.pod = Objects.requireNonNull(pod, "pod");
    this.current = emptyFilled(requestContainer);
    this.pristine = current.build();
    this.built = pristine;
    this.reply = emptyAdjustment();
    this.ctx = new AdjustContext(pristine.getId(), current, reply, owners);
    this.updates = new UpdateCollector(owners, pristine.getId(), null, null);
  }

  /** The current container, as the next plugin must see it (earlier plugins' changes applied). */
  public Container container() {
    if (built == null) {
      built = current.build();
    }
    return built;
  }

  /** The container after empty-filling, before any plugin (for the validation request). */
  public Container pristine() {
    return pristine;
  }

  public PodSandbox pod() {
    return pod;
  }

  /**
   * Merges one plugin's reply; a null reply (plugin not subscribed, or closed after a fatal
   * error) changes nothing. On failure the result must be discarded, as the event fails.
   *
   * @param plugin the plugin's "NN-name"
   * @throws MergeConflictException when the reply sets something another plugin owns
   * @throws MergeException when the reply updates the container being created
   */
  public void apply(String plugin, CreateContainerResponse response) throws MergeConflictException {
    if (response == null) {
      return;
    }
    if (response.hasAdjust()) {
      built = null;
      for (FieldMerger merger : AdjustmentTable.MERGERS) {
        merger.merge(ctx, plugin, response.getAdjust());
      }
    }
    updates.apply(plugin, response.getUpdateList());
    evictions.addAll(response.getEvictList());
  }

  /**
   * The merged adjustment and updates of other containers, exactly as Go returns them to the
   * runtime. Go drops evictions (v0.12), so {@code evict} is empty here; see {@link #evictions()}.
   */
  public CreateContainerResponse response() {
    return CreateContainerResponse.newBuilder()
        .setAdjust(reply.build())
        .addAllUpdate(updates.others())
        .build();
  }

  /** Every eviction the plugins asked for, in reply order (Go ignores them). */
  public List<ContainerEviction> evictions() {
    return List.copyOf(evictions);
  }

  /** Who owns what so far (for the validation request). */
  public OwningPlugins owners() {
    return owners.toProto();
  }

  // Go fills these so plugins can rely on them; on the wire only the sub-messages show (as
  // present but empty), empty maps and lists look the same as absent ones.
  private static Container.Builder emptyFilled(Container container) {
    Container.Builder c = container.toBuilder();
    if (!c.hasHooks()) {
      c.setHooks(Hooks.getDefaultInstance());
    }
    if (!c.hasLinux()) {
      c.setLinux(LinuxContainer.getDefaultInstance());
    }
    LinuxContainer.Builder linux = c.getLinuxBuilder();
    if (!linux.hasResources()) {
      linux.setResources(LinuxResources.getDefaultInstance());
    }
    LinuxResources.Builder resources = linux.getResourcesBuilder();
    if (!resources.hasMemory()) {
      resources.setMemory(LinuxMemory.getDefaultInstance());
    }
    if (!resources.hasCpu()) {
      resources.setCpu(LinuxCPU.getDefaultInstance());
    }
    return c;
  }

  private static ContainerAdjustment.Builder emptyAdjustment() {
    return ContainerAdjustment.newBuilder()
        .setHooks(Hooks.getDefaultInstance())
        .setLinux(LinuxContainerAdjustment.newBuilder().setResources(UpdateCollector.EMPTY));
  }
}
