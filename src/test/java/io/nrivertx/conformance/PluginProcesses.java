package io.nrivertx.conformance;

import io.nrivertx.testing.GoPeers;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Go test plugins of one case, started as external plugins against one runtime's socket, each
 * with its own JSON-lines log in the run's directory. {@link #close()} stops (SIGTERM, then
 * SIGKILL) and reaps every process it started.
 */
final class PluginProcesses implements AutoCloseable {
  private static final long GRACE_MS = 3000;

  private final List<Process> processes = new ArrayList<>();
  private final Map<String, Path> logs = new LinkedHashMap<>();

  private PluginProcesses() {
  }

  /** The binary of a plugin kind; the old-stub ones are built on first use. */
  static Path binary(String kind) {
    return switch (kind) {
      case PluginSpec.OLD_RECORDER -> GoPeers.oldRecorder();
      case PluginSpec.V030_RECORDER -> GoPeers.v030Recorder();
      default -> GoPeers.binDir().resolve(kind);
    };
  }

  /** @param dir this run's directory (configs, logs, plugin output) */
  static PluginProcesses start(List<PluginSpec> specs, Path dir, Path socket) {
    PluginProcesses all = new PluginProcesses();
    try {
      for (PluginSpec spec : specs) {
        all.start(spec, dir, socket);
      }
      return all;
    } catch (IOException | RuntimeException e) {
      all.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  private void start(PluginSpec spec, Path dir, Path socket) throws IOException {
    Path log = dir.resolve(spec.id() + ".jsonl");
    List<String> cmd = new ArrayList<>(List.of(binary(spec.kind()).toString(), "-name", spec.name(),
        "-idx", spec.idx(), "-socket", socket.toString(), "-log-file", log.toString()));
    if (spec.config() != null) {
      Path config = dir.resolve(spec.id() + ".config.json");
      Files.writeString(config, spec.config().encodePrettily());
      cmd.addAll(List.of("-config", config.toString()));
    }
    cmd.addAll(spec.args());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(spec.id() + ".out").toFile());
    // External plugins: nothing of a launched plugin's environment may leak in.
    pb.environment().keySet().removeIf(k -> k.startsWith("NRI_PLUGIN_"));
    processes.add(pb.start());
    logs.put(spec.id(), log);
  }

  /** Every plugin's log lines, by "NN-name", in the order the plugins were given; read after close. */
  Map<String, List<JsonObject>> logs() {
    Map<String, List<JsonObject>> out = new LinkedHashMap<>();
    logs.forEach((id, path) -> out.put(id, readLines(path)));
    return out;
  }

  static List<JsonObject> readLines(Path path) {
    if (!Files.exists(path)) {
      return List.of();
    }
    try {
      return Files.readAllLines(path).stream().filter(l -> !l.isBlank()).map(JsonObject::new).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    processes.forEach(Process::destroy);
    for (Process p : processes) {
      boolean interrupted = false;
      try {
        if (!p.waitFor(GRACE_MS, TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        interrupted = true;
      }
      // Always reap: a plugin left running would outlive the run and skew later ones.
      while (true) {
        try {
          p.waitFor();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
