package io.nrivertx.conformance;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Go reference runner (src/test/go/cmd/refrunner, on the official pkg/adaptation) serving
 * cases one after another in {@code -serve} mode: one process for many cases, a fresh adaptation
 * and fresh plugin processes per case. Not thread-safe: one case at a time per instance (the
 * adaptation's timeouts are process-wide). A runner that stops answering is killed and restarted.
 */
final class RefRunner implements AutoCloseable {
  private static final long LINE_TIMEOUT_SECONDS = 120;
  private static final String EOF = "\u0000eof";

  private final Path binDir;
  private final Path logFile;
  private Process process;
  private OutputStream stdin;
  private boolean metrics;
  private JsonObject lastMetrics;
  private BlockingQueue<String> stdout;

  RefRunner(Path binDir, Path logFile) {
    this.binDir = binDir;
    this.logFile = logFile;
  }

  /** From now on, each case also returns what pkg/adaptation's Metrics interface recorded ({@link #lastMetrics}). */
  RefRunner recordMetrics() {
    metrics = true;
    return this;
  }

  /** The last case's recorded metrics (refrunner's recorder snapshot), or null. */
  JsonObject lastMetrics() {
    return lastMetrics;
  }

  Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket) {
    return run(c, scenarioFile, dir, socket, false);
  }


  /** @param wasm the case's plugins are pre-installed WASM plugins (WasmPlugins), not processes */
  Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket, boolean wasm) {
    long start = System.nanoTime();
    lastMetrics = null;
    JsonObject cmd = new JsonObject().put("scenario", scenarioFile.toString()).put("socket", socket.toString())
        .put("clockStart", JavaSide.CLOCK_START).put("requestTimeout", c.requestTimeout().toMillis() + "ms")
        .put("registrationTimeout", JavaSide.REGISTRATION_TIMEOUT.toMillis() + "ms");
    if (c.defaultValidator() != null) {
      cmd.put("defaultValidator", c.defaultValidator());
    }
    if (metrics) {
      cmd.put("metrics", true);
    }
    Path wasmLogs = dir.resolve("wasm-logs");
    if (wasm) {
      cmd.put("pluginPath", WasmPlugins.install(c.plugins(), dir).toString())
          .put("pluginConfigPath", dir.resolve("conf.d").toString()).put("wasmLogDir", wasmLogs.toString());
      try {
        java.nio.file.Files.createDirectories(wasmLogs);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<JsonObject> lines = new ArrayList<>();
    PluginProcesses plugins = null;
    String failure = null;
    try {
      send(cmd);
      JsonObject first = next();
      if (first.containsKey("done")) {
        return Outcome.failed("refrunner: " + first.getString("error"), JavaSide.millis(start));
      }
      if (!wasm) {
        plugins = PluginProcesses.start(c.plugins(), dir, socket);
      }
      JsonObject line = next();
      for (; !line.containsKey("done"); line = next()) {
        lines.add(line);
      }
      if (line.getValue("error") != null) {
        failure = "refrunner: " + line.getValue("error");
      }
      lastMetrics = line.getJsonObject("metrics");
    } catch (IllegalStateException e) {
      failure = e.getMessage();
      kill();
    } finally {
      if (plugins != null) {
        plugins.close();
      }
    }
    Map<String, List<JsonObject>> logs = wasm ? WasmPlugins.logs(c.plugins(), wasmLogs)
        : plugins == null ? Map.of() : plugins.logs();
    return new Outcome(lines, logs, failure, JavaSide.millis(start));
  }

  private void send(JsonObject cmd) {
    try {
      if (process == null || !process.isAlive()) {
        start();
      }
      stdin.write((cmd.encode() + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException("cannot talk to refrunner: " + e, e);
    }
  }

  /** The next JSON object from the runner. */
  private JsonObject next() {
    String line;
    try {
      line = stdout.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for refrunner");
    }
    if (line == null || line.equals(EOF)) {
      throw new IllegalStateException(line == null ? "refrunner silent for " + LINE_TIMEOUT_SECONDS + " s"
          : "refrunner exited (see " + logFile + ")");
    }
    return new JsonObject(line);
  }

  private void start() throws IOException {
    process = new ProcessBuilder(binDir.resolve("refrunner").toString(), "-serve", "-quiet",
        "-runtime-name", JavaSide.RUNTIME_NAME, "-runtime-version", JavaSide.RUNTIME_VERSION)
        .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
    stdin = process.getOutputStream();
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    stdout = queue;
    BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread.ofPlatform().daemon().name("refrunner-stdout").start(() -> {
      try (reader) {
        for (String l = reader.readLine(); l != null; l = reader.readLine()) {
          queue.add(l);
        }
      } catch (IOException ignored) { // the process is gone: EOF below
      }
      queue.add(EOF);
    });
  }

  private void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    try {
      stdin.close(); // end of commands: the runner exits
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (IOException e) {
      kill();
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
    process = null;
  }
}
