package io.nrivertx.stub.samples;

import io.nrivertx.api.Container;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.stub.Adjustments;
import io.nrivertx.stub.NriPlugin;
import io.nrivertx.stub.Stub;
import io.nrivertx.stub.StubOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;

/**
 * NRI's ulimit-adjuster sample in Java: sets the rlimits the pod annotates for a new container
 * ({@link Ulimits}). A bad annotation fails the container's creation. Flags: -name, -idx, -socket,
 * -verbose.
 */
public final class UlimitAdjusterPlugin implements NriPlugin {
  private static final System.Logger LOG = System.getLogger(UlimitAdjusterPlugin.class.getName());
  private final boolean verbose;

  UlimitAdjusterPlugin(boolean verbose) {
    this.verbose = verbose;
  }

  public static void main(String[] args) {
    System.exit(SampleRunner.run("ulimit-adjuster", UlimitAdjusterPlugin::start, args));
  }

  /** Starts the adjuster on {@code vertx}; completes once it is configured. */
  public static Future<Stub> start(Vertx vertx, StubOptions base, String... args) {
    GoFlags flags = new GoFlags("ulimit-adjuster")
        .string("name", "", "plugin name to register to NRI (default \"ulimit-adjuster\")")
        .string("idx", "", "plugin index to register to NRI")
        .string("socket", "", "path to the plugin socket")
        .bool("verbose", "enable (more) verbose logging")
        .parse(args);
    StubOptions options = SampleRunner.identity(base, flags, "ulimit-adjuster", "socket");
    Stub stub = Stub.create(vertx, new UlimitAdjusterPlugin(flags.isTrue("verbose")), options);
    return stub.start().map(stub);
  }

  @Override
  public Future<CreateContainerResponse> createContainer(PodSandbox pod, Container container) {
    try {
      return Future.succeededFuture(adjust(pod, container).reply());
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "{0}/{1}: {2}", pod.getName(), container.getName(), e.getMessage());
      return Future.failedFuture(e.getMessage());
    }
  }

  /**
   * The rlimits annotated for {@code container}; pure, for tests.
   *
   * @throws IllegalArgumentException naming the bad annotation
   */
  Adjustments adjust(PodSandbox pod, Container container) {
    Adjustments adjust = Adjustments.create();
    for (Ulimits.Ulimit u : Ulimits.parse(pod.getAnnotationsMap(), container.getName())) {
      adjust.addRlimit(u.type(), u.hard(), u.soft());
      if (verbose) {
        LOG.log(Level.INFO, "{0}/{1}: adjust rlimit {2} hard={3} soft={4}", pod.getName(), container.getName(),
            u.type(), Long.toUnsignedString(u.hard()), Long.toUnsignedString(u.soft()));
      }
    }
    return adjust;
  }
}
