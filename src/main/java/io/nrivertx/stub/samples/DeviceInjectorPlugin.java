package io.nrivertx.stub.samples;

import io.nrivertx.api.Container;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.LinuxDevice;
import io.nrivertx.api.Mount;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.stub.Adjustments;
import io.nrivertx.stub.NriPlugin;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * NRI's device-injector sample in Java: injects Linux devices, mounts, CDI devices and sysctls
 * into new containers as the pod's annotations ask ({@link DeviceAnnotations}). A bad annotation
 * fails the container's creation with a message naming the annotation. Flags: -idx,
 * -socket-path, -verbose.
 */
public final class DeviceInjectorPlugin implements NriPlugin {
  private static final System.Logger LOG = System.getLogger(DeviceInjectorPlugin.class.getName());
  private final boolean verbose;

  DeviceInjectorPlugin(boolean verbose) {
    this.verbose = verbose;
  }

  public static void main(String[] args) {
    System.exit(SampleRunner.run("device-injector", DeviceInjectorPlugin::start, args));
  }

  /** Starts the injector on {@code vertx}; completes once it is configured. */
  public static Future<Stub> start(Vertx vertx, StubOptions base, String... args) {
    GoFlags flags = new GoFlags("device-injector")
        .string("idx", "", "plugin index to register to NRI")
        .string("socket-path", "", "path of the NRI socket file")
        .bool("verbose", "enable (more) verbose logging")
        .parse(args);
    StubOptions options = SampleRunner.identity(base, flags, "device-injector", "socket-path");
    Stub stub = Stub.create(vertx, new DeviceInjectorPlugin(flags.isTrue("verbose")), options);
    return stub.start().map(stub);
  }

  @Override
  public Future<CreateContainerResponse> createContainer(PodSandbox pod, Container container) {
    try {
      return Future.succeededFuture(adjust(pod, container).reply());
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "{0}: {1}", name(pod, container), e.getMessage());
      return Future.failedFuture(e.getMessage());
    }
  }

  /**
   * What the annotations ask for {@code container}; pure, for tests.
   *
   * @throws IllegalArgumentException naming the bad annotation
   */
  Adjustments adjust(PodSandbox pod, Container container) {
    Map<String, String> annotations = pod.getAnnotationsMap();
    String ctr = container.getName();
    String name = name(pod, container);
    Adjustments adjust = Adjustments.create();
    for (LinuxDevice d : DeviceAnnotations.devices(annotations, ctr)) {
      adjust.addDevice(d);
      LOG.log(Level.INFO, "{0}: injected device \"{1}\"...", name, d.getPath());
    }
    for (String cdi : DeviceAnnotations.cdiDevices(annotations, ctr)) {
      adjust.addCdiDevice(cdi);
      LOG.log(Level.INFO, "{0}: injected CDI device \"{1}\"...", name, cdi);
    }
    for (Mount m : DeviceAnnotations.mounts(annotations, ctr)) {
      adjust.addMount(m);
      LOG.log(Level.INFO, "{0}: injected mount \"{1}\" -> \"{2}\"...", name, m.getSource(), m.getDestination());
    }
    DeviceAnnotations.sysctls(annotations, ctr).forEach((key, value) -> {
      adjust.setSysctl(key, value);
      LOG.log(Level.INFO, "{0}: adjusted sysctl {1}={2}...", name, key, value);
    });
    if (verbose) {
      LOG.log(Level.INFO, "{0}: ContainerAdjustment: {1}", name, adjust.adjustment());
    }
    return adjust;
  }

  private static String name(PodSandbox pod, Container container) {
    return pod.getName() + "/" + container.getName();
  }
}
