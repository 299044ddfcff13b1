package io.nrivertx.stub.samples;

import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.api.UpdateContainerResponse;
import io.nrivertx.service.EventMask;
import io.nrivertx.stub.Adjustments;
import io.nrivertx.stub.NriPlugin;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The skeleton to copy for a new plugin. Delete the handlers you do not need: the plugin is
 * subscribed to exactly the events whose handlers it overrides. Flags: -name, -idx, -socket.
 */
public final class TemplatePlugin implements NriPlugin {
  private static final System.Logger LOG = System.getLogger(TemplatePlugin.class.getName());
  private String cfgParam1 = "";

  public static void main(String[] args) {
    System.exit(SampleRunner.run("template", TemplatePlugin::start, args));
  }

  /** Starts the template plugin on {@code vertx}; completes once it is configured. */
  public static Future<Stub> start(Vertx vertx, StubOptions base, String... args) {
    GoFlags flags = new GoFlags("template")
        .string("name", "", "plugin name to register to NRI (default \"template\")")
        .string("idx", "", "plugin index to register to NRI")
        .string("socket", "", "NRI socket path to connect to")
        .parse(args);
    StubOptions options = SampleRunner.identity(base, flags, "template", "socket");
    Stub stub = Stub.create(vertx, new TemplatePlugin(), options);
    return stub.start().map(stub);
  }

  /** The drop-in config is YAML with one key, cfgParam1; "" for an external plugin. */
  @Override
  public Future<EventMask> configure(ConfigureRequest request) {
    LOG.log(Level.INFO, "Connected to {0}/{1}...", request.getRuntimeName(), request.getRuntimeVersion());
    if (!request.getConfig().isEmpty()) {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(request.getConfig());
      if (doc instanceof Map<?, ?> map && map.get("cfgParam1") != null) {
        cfgParam1 = String.valueOf(map.get("cfgParam1"));
      }
      LOG.log(Level.INFO, "Got configuration data: cfgParam1={0}", cfgParam1);
    }
    return Future.succeededFuture(new EventMask(0)); // 0: every event handled below
  }

  @Override
  public Future<List<ContainerUpdate>> synchronize(List<PodSandbox> pods, List<Container> containers) {
    LOG.log(Level.INFO, "Synchronized state with the runtime ({0} pods, {1} containers)...", pods.size(),
        containers.size());
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<Void> shutdown() {
    LOG.log(Level.INFO, "Runtime asked the plugin to shut down");
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> runPodSandbox(PodSandbox pod) {
    LOG.log(Level.INFO, "Started pod {0}/{1}...", pod.getNamespace(), pod.getName());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stopPodSandbox(PodSandbox pod) {
    LOG.log(Level.INFO, "Stopped pod {0}/{1}...", pod.getNamespace(), pod.getName());
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> removePodSandbox(PodSandbox pod) {
    LOG.log(Level.INFO, "Removed pod {0}/{1}...", pod.getNamespace(), pod.getName());
    return Future.succeededFuture();
  }

  /**
   * The richest hook: change the container before it exists (see {@link Adjustments}) and update
   * or evict other containers.
   */
  @Override
  public Future<CreateContainerResponse> createContainer(PodSandbox pod, Container container) {
    LOG.log(Level.INFO, "Creating container {0}/{1}/{2}...", pod.getNamespace(), pod.getName(), container.getName());
    return Future.succeededFuture(Adjustments.create().reply());
  }

  @Override
  public Future<Void> startContainer(PodSandbox pod, Container container) {
    LOG.log(Level.INFO, "Starting container {0}/{1}/{2}...", pod.getNamespace(), pod.getName(), container.getName());
    return Future.succeededFuture();
  }

  /** Change the pending resource update (an update for this very container replaces it). */
  @Override
  public Future<UpdateContainerResponse> updateContainer(PodSandbox pod, Container container,
                                                         LinuxResources resources) {
    LOG.log(Level.INFO, "Updating container {0}/{1}/{2}...", pod.getNamespace(), pod.getName(), container.getName());
    return Future.succeededFuture(UpdateContainerResponse.getDefaultInstance());
  }

  /** A container stopped: the remaining containers may be updated. */
  @Override
  public Future<StopContainerResponse> stopContainer(PodSandbox pod, Container container) {
    LOG.log(Level.INFO, "Stopped container {0}/{1}/{2}...", pod.getNamespace(), pod.getName(), container.getName());
    return Future.succeededFuture(StopContainerResponse.getDefaultInstance());
  }

  @Override
  public Future<Void> removeContainer(PodSandbox pod, Container container) {
    LOG.log(Level.INFO, "Removed container {0}/{1}/{2}...", pod.getNamespace(), pod.getName(), container.getName());
    return Future.succeededFuture();
  }
}
