package io.nrivertx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Go test plugins of one case, started exactly as benchrunner (Go) starts them: the same
 * binaries, configuration files and arguments, as external plugins dialing the socket. Closing
 * sends SIGTERM and reaps every one (SIGKILL after two seconds).
 */
final class PluginProcesses implements AutoCloseable {
  static final String LIFECYCLE_EVENTS = "RunPodSandbox,StopPodSandbox,RemovePodSandbox,CreateContainer,"
      + "StartContainer,StopContainer,RemoveContainer";

  private final Path dir;
  private final Path socket;
  private final List<Process> procs = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();

  PluginProcesses(Path dir, Path socket) {
    this.dir = dir;
    this.socket = socket;
  }

  /** Adjuster i answers every CreateContainer with an annotation and an env var of its own. */
  static String adjusterConfig(int i) {
    return "\"*\":\n  adjust:\n    annotations: {\"bench.nri.io/p" + i + "\": \"adjusted\"}\n"
        + "    env: [{key: BENCH_P" + i + ", value: \"1\"}]\n";
  }

  /** Starts {@code n} adjusters "10-bench0", "11-bench1", ... */
  void startAdjusters(Path binary, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      Path cfg = Files.writeString(dir.resolve("adjuster-" + i + ".yaml"), adjusterConfig(i));
      String idx = String.format("%02d", 10 + i);
      start(binary, "adjuster-" + i, idx + "-bench" + i, List.of("-config", cfg.toString(),
          "-name", "bench" + i, "-idx", idx, "-socket", socket.toString()));
    }
  }

  /** One recorder told of every lifecycle event, logging to /dev/null ("90-observer"). */
  void startRecorder(Path binary) throws IOException {
    start(binary, "recorder", "90-observer", List.of("-log-file", "/dev/null", "-name", "observer",
        "-idx", "90", "-socket", socket.toString(), "-events", LIFECYCLE_EVENTS));
  }

  /** How many of the plugins have exited (one the runtime did not admit in time gives up). */
  int exited() {
    return (int) procs.stream().filter(p -> !p.isAlive()).count();
  }

  /** The ids ("NN-name") of the plugins started so far. */
  List<String> ids() {
    return List.copyOf(ids);
  }

  private void start(Path binary, String logName, String id, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(logName + ".log").toFile());
    // External plugins: nothing of a launched plugin's environment may leak in.
    pb.environment().keySet().removeIf(k -> k.startsWith("NRI_PLUGIN_"));
    procs.add(pb.start());
    ids.add(id);
  }

  @Override
  public void close() {
    procs.forEach(Process::destroy);
    for (Process p : procs) {
      try {
        if (!p.waitFor(2, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    procs.clear();
  }
}
