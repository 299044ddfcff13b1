package io.nrivertx.cri.impl;

import io.nrivertx.api.cri.ContainerState;
import io.nrivertx.api.cri.state.ContainerRecord;
import io.nrivertx.api.cri.state.PodRecord;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Runs the simulated processes of started containers ({@link SimulatedProcess}): the output goes
 * to the container's CRI log file (created at start, as containerd does, in the CRI log format
 * "timestamp stdout F line"), written on a worker; a process that exits on its own ends the
 * container as containerd's exit handler does: EXITED with its code, finishedAt, reason
 * Completed or Error, then StopContainer to NRI, in the pod's order. Runs on the state context.
 */
final class Processes {
  private static final System.Logger LOG = System.getLogger(Processes.class.getName());
  private final CriContext cx;
  private final CriStore store;
  private final ContainerStops stops;

  Processes(CriContext cx, CriStore store, ContainerStops stops) {
    this.cx = cx;
    this.store = store;
    this.stops = stops;
  }

  /** The container has just started (its PostStartContainer went out). */
  void started(ContainerRecord c) {
    SimulatedProcess p = SimulatedProcess.of(SpecJson.parse(c.getSpecJson()));
    Path log = logPath(c);
    Future<Void> written = log == null ? Future.succeededFuture() : cx.context().executeBlocking(() -> {
      write(log, p);
      return null;
    });
    written.onComplete(ar -> {
      if (ar.failed()) {
        LOG.log(System.Logger.Level.WARNING, "container " + c.getId() + ": cannot write its CRI log " + log + ": "
            + ar.cause().getMessage());
      }
      if (p.exits()) {
        exitAfter(c, p, p.exitAfterMillis());
      }
    });
  }

  /** After a restart: processes that were to exit on their own exit when they would have. */
  void resume() {
    long now = Clock.nanos();
    for (ContainerRecord c : store.containers()) {
      if (c.getState() == ContainerState.CONTAINER_RUNNING) {
        SimulatedProcess p = SimulatedProcess.of(SpecJson.parse(c.getSpecJson()));
        if (p.exits()) {
          exitAfter(c, p, Math.max(0, p.exitAfterMillis() - TimeUnit.NANOSECONDS.toMillis(now - c.getStartedAt())));
        }
      }
    }
  }

  private void exitAfter(ContainerRecord c, SimulatedProcess p, long millis) {
    cx.context().owner().setTimer(Math.max(1, millis), t -> cx.ordered(c.getPodId(), () -> {
      ContainerRecord now = store.container(c.getId());
      if (now == null || now.getState() != ContainerState.CONTAINER_RUNNING || now.getStartedAt() != c.getStartedAt()) {
        return Future.succeededFuture();
      }
      return stops.halt(now, p.exitCode(), null, null).compose(stops::notifyStop);
    }));
  }

  /** pod log_directory + container log_path, as the kubelet asks; null when either is missing. */
  private Path logPath(ContainerRecord c) {
    PodRecord pod = store.pod(c.getPodId());
    String dir = pod == null ? "" : pod.getConfig().getLogDirectory();
    String file = c.getConfig().getLogPath();
    return dir.isEmpty() || file.isEmpty() ? null : Path.of(dir).resolve(file);
  }

  private static void write(Path log, SimulatedProcess p) throws java.io.IOException {
    Files.createDirectories(log.getParent());
    StringBuilder b = new StringBuilder();
    for (String line : p.output()) {
      b.append(Instant.now()).append(" stdout F ").append(line).append('\n');
    }
    Files.writeString(log, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
