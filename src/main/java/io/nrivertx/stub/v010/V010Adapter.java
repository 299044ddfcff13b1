package io.nrivertx.stub.v010;

import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.Container;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.service.EventMask;
import io.nrivertx.stub.NriPlugin;
import io.nrivertx.stub.v010.impl.V010Chain;
import io.nrivertx.stub.v010.impl.V010Request;
import io.nrivertx.stub.v010.impl.V010Result;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * Runs NRI v0.1.0 plugins from a current runtime, as containerd/nri's v010-adapter does
 * (docs/protocol.md, "NRI v0.1 plugins"): on each of four events it reads the v0.1 configuration again and runs the v0.1 chain.
 * <table>
 *   <caption>Events</caption>
 *   <tr><th>event</th><th>v0.1 state, target</th><th>when the chain fails</th></tr>
 *   <tr><td>RunPodSandbox</td><td>create, the pod</td><td>the event fails</td></tr>
 *   <tr><td>StopPodSandbox</td><td>delete, the pod</td><td>the event fails</td></tr>
 *   <tr><td>StartContainer</td><td>create, the container</td><td>the event fails</td></tr>
 *   <tr><td>StopContainer</td><td>delete, the container</td><td>logged only</td></tr>
 * </table>
 * Unlike NRI's adapter, a chain that runs past its timeout ({@link V010Options#setTimeout}) has
 * its plugin killed and fails, instead of hanging until the runtime drops the adapter.
 *
 * <p>Thread-safety: handlers run on the stub's context; the chain works off the event loop.
 */
public final class V010Adapter implements NriPlugin {
  private static final System.Logger LOG = System.getLogger(V010Adapter.class.getName());
  /** NRI's request timeout, for the time before Configure names the runtime's. */
  private static final Duration NRI_REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private final V010Options options;
  private final V010Chain chain;
  private final Promise<Void> shutdown = Promise.promise();
  private volatile Duration timeout;

  public V010Adapter(Vertx vertx, V010Options options) {
    this.options = new V010Options(options);
    this.chain = new V010Chain(vertx, this.options);
    this.timeout = timeoutFor(NRI_REQUEST_TIMEOUT);
  }

  /** The limit of one event's chain now: the option, else derived from the runtime's timeout. */
  public Duration timeout() {
    return timeout;
  }

  /** Completes when the runtime sent Shutdown; a program then stops the stub and exits 0. */
  public Future<Void> shutdownRequested() {
    return shutdown.future();
  }

  @Override
  public Future<EventMask> configure(ConfigureRequest request) {
    LOG.log(Level.INFO, "Connected to {0}/{1}; v0.1 configuration {2}, plugins searched in {3}",
        request.getRuntimeName(), request.getRuntimeVersion(), options.getConfPath(),
        String.join(":", chain.searchPath()));
    if (request.getRequestTimeout() > 0) {
      timeout = timeoutFor(Duration.ofMillis(request.getRequestTimeout()));
    }
    return Future.succeededFuture(new EventMask(0)); // every handled event: the four below
  }

  @Override
  public Future<Void> runPodSandbox(PodSandbox pod) {
    LOG.log(Level.INFO, "Started pod {0}/{1}...", pod.getNamespace(), pod.getName());
    return run("RunPodSandbox", V010Request.forPod(V010Request.CREATE, pod)).mapEmpty();
  }

  @Override
  public Future<Void> stopPodSandbox(PodSandbox pod) {
    LOG.log(Level.INFO, "Stopped pod {0}/{1}...", pod.getNamespace(), pod.getName());
    return run("StopPodSandbox", V010Request.forPod(V010Request.DELETE, pod)).mapEmpty();
  }

  @Override
  public Future<Void> startContainer(PodSandbox pod, Container container) {
    LOG.log(Level.INFO, "Starting container {0}/{1}/{2}...", pod.getNamespace(), pod.getName(), container.getName());
    return run("StartContainer", V010Request.forContainer(V010Request.CREATE, pod, container)).mapEmpty();
  }

  /** As NRI's adapter: a failure here cannot undo the stop, so it is only logged. */
  @Override
  public Future<StopContainerResponse> stopContainer(PodSandbox pod, Container container) {
    LOG.log(Level.INFO, "Stopped container {0}/{1}/{2}...", pod.getNamespace(), pod.getName(), container.getName());
    return run("StopContainer", V010Request.forContainer(V010Request.DELETE, pod, container))
        .otherwise(List.of())
        .map(StopContainerResponse.getDefaultInstance());
  }

  @Override
  public Future<Void> shutdown() {
    LOG.log(Level.INFO, "Runtime shutting down...");
    // A tick later: the stub writes its reply first, and only then may the program stop the stub.
    Context context = Vertx.currentContext();
    if (context != null) {
      context.runOnContext(v -> shutdown.tryComplete());
    } else {
      shutdown.tryComplete();
    }
    return Future.succeededFuture();
  }

  private Future<List<V010Result>> run(String event, V010Request request) {
    return chain.invoke(request, timeout).onFailure(err -> LOG.log(Level.WARNING,
        "{0} {1}: v0.1 chain failed: {2}", event, request.id(), err.getMessage()));
  }

  private Duration timeoutFor(Duration requestTimeout) {
    return options.getTimeout() != null ? options.getTimeout() : requestTimeout.multipliedBy(3).dividedBy(4);
  }
}
