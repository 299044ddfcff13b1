package io.nrivertx.stub.samples;

import io.nrivertx.api.ConfigureRequest;
import io.nrivertx.api.Container;
import io.nrivertx.api.ContainerUpdate;
import io.nrivertx.api.CreateContainerResponse;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.StopContainerResponse;
import io.nrivertx.api.UpdateContainerResponse;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.service.EventMask;
import io.nrivertx.stub.Adjustments;
import io.nrivertx.stub.NriPlugin;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;

/**
 * NRI's logger sample in Java: logs every request it receives and, if asked, adds or sets an
 * annotation and/or environment variable with the value "logger-pid-PID" on every new container
 * ("set" removes first, so it overrides what an earlier plugin put there). It handles every
 * event, validation included, so by default it subscribes to all of them.
 */
public final class LoggerPlugin implements NriPlugin {
  private final LoggerConfig config;
  private final EventLog log;
  private final String value = "logger-pid-" + ProcessHandle.current().pid();
  private final Promise<Void> shutdown = Promise.promise();

  LoggerPlugin(LoggerConfig config, EventLog log) {
    this.config = config;
    this.log = log;
  }

  /** Completes when the runtime sent Shutdown: the logger then exits, as NRI's does. */
  Future<Void> shutdownRequested() {
    return shutdown.future();
  }

  @Override
  public Future<EventMask> configure(ConfigureRequest request) {
    Future<Void> logged = log.write("Configure", "config", request.getConfig(), "runtime",
        request.getRuntimeName() + " " + request.getRuntimeVersion());
    if (request.getConfig().isEmpty()) {
      return logged.map(v -> config.mask());
    }
    String oldFile = config.logFile;
    String oldFormat = config.format;
    try {
      config.apply(request.getConfig());
    } catch (RuntimeException e) {
      return Future.failedFuture("failed to parse provided configuration: " + e.getMessage());
    }
    EventMask mask;
    try {
      mask = config.mask();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture("failed to parse events in configuration: " + e.getMessage());
    }
    Future<Void> reopened = config.logFile.equals(oldFile) && config.format.equals(oldFormat)
        ? Future.succeededFuture() : log.open(config.logFile, config.format);
    return logged.compose(v -> reopened).map(mask)
        .recover(err -> Future.failedFuture("failed to open log file \"" + config.logFile + "\": "
            + err.getMessage()));
  }

  @Override
  public Future<List<ContainerUpdate>> synchronize(List<PodSandbox> pods, List<Container> containers) {
    return log.write("Synchronize", "pods", pods, "containers", containers).map(List.of());
  }

  @Override
  public Future<Void> shutdown() {
    return log.write("Shutdown").onComplete(ar -> shutdown.tryComplete());
  }

  @Override
  public Future<Void> runPodSandbox(PodSandbox pod) {
    return log.write("RunPodSandbox", "pod", pod);
  }

  @Override
  public Future<Void> updatePodSandbox(PodSandbox pod, LinuxResources overhead, LinuxResources resources) {
    return log.write("UpdatePodSandbox", "pod", pod, "overheadResources", overhead, "resources", resources);
  }

  @Override
  public Future<Void> postUpdatePodSandbox(PodSandbox pod) {
    return log.write("PostUpdatePodSandbox", "pod", pod);
  }

  @Override
  public Future<Void> stopPodSandbox(PodSandbox pod) {
    return log.write("StopPodSandbox", "pod", pod);
  }

  @Override
  public Future<Void> removePodSandbox(PodSandbox pod) {
    return log.write("RemovePodSandbox", "pod", pod);
  }

  @Override
  public Future<CreateContainerResponse> createContainer(PodSandbox pod, Container container) {
    Adjustments adjust = Adjustments.create();
    if (!config.addAnnotation.isEmpty()) {
      adjust.addAnnotation(config.addAnnotation, value);
    }
    if (!config.setAnnotation.isEmpty()) {
      adjust.removeAnnotation(config.setAnnotation).addAnnotation(config.setAnnotation, value);
    }
    if (!config.addEnv.isEmpty()) {
      adjust.addEnv(config.addEnv, value);
    }
    if (!config.setEnv.isEmpty()) {
      adjust.removeEnv(config.setEnv).addEnv(config.setEnv, value);
    }
    return log.write("CreateContainer", "pod", pod, "container", container).map(adjust.reply());
  }

  @Override
  public Future<Void> postCreateContainer(PodSandbox pod, Container container) {
    return log.write("PostCreateContainer", "pod", pod, "container", container);
  }

  @Override
  public Future<Void> startContainer(PodSandbox pod, Container container) {
    return log.write("StartContainer", "pod", pod, "container", container);
  }

  @Override
  public Future<Void> postStartContainer(PodSandbox pod, Container container) {
    return log.write("PostStartContainer", "pod", pod, "container", container);
  }

  @Override
  public Future<UpdateContainerResponse> updateContainer(PodSandbox pod, Container container,
                                                         LinuxResources resources) {
    return log.write("UpdateContainer", "pod", pod, "container", container, "resources", resources)
        .map(UpdateContainerResponse.getDefaultInstance());
  }

  @Override
  public Future<Void> postUpdateContainer(PodSandbox pod, Container container) {
    return log.write("PostUpdateContainer", "pod", pod, "container", container);
  }

  @Override
  public Future<StopContainerResponse> stopContainer(PodSandbox pod, Container container) {
    return log.write("StopContainer", "pod", pod, "container", container)
        .map(StopContainerResponse.getDefaultInstance());
  }

  @Override
  public Future<Void> removeContainer(PodSandbox pod, Container container) {
    return log.write("RemoveContainer", "pod", pod, "container", container);
  }

  @Override
  public Future<Void> validateContainerAdjustment(ValidateContainerAdjustmentRequest request) {
    return log.write("ValidateContainerAdjustment", "request", request);
  }
}
