package io.nrivertx.conformance;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
final class RefRunner implements UpstreamRunner {
  private static final long LINE_TIMEOUT_SECONDS = 120;
  private static final String EOF = "\u0000eof";

  private final String name;
  private final Path binDir;
  private final Path logFile;
  private Process process;
  private OutputStream stdin;
  private boolean metrics;
  private JsonObject lastMetrics;
  private BlockingQueue<String> stdout;

  RefRunner(Path binDir, Path logFile) {
    this("go", binDir, logFile);
  }

  RefRunner(String name, Path binDir, Path logFile) {
    this.name = name;
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

  @Override
  public String name() {
    return name;
  }

  @Override
  public Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket) {
    return play(c, scenarioFile, dir, socket, false, null);
  }

  /** @param wasm the case's plugins are pre-installed WASM plugins (WasmPlugins), not processes */
  Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket, boolean wasm) {
    return play(c, scenarioFile, dir, socket, wasm, null);
  }

  /**
   * Plays the case with {@code behind} standing between the adaptation and the plugins (a relay):
   * the runner waits for {@code behind}'s own registration, then for its go-ahead, which it gives
   * once the plugins registered with it. Null: the plugins connect to the adaptation.
   */
  @Override
  public Outcome run(ConformanceCase c, Path scenarioFile, Path dir, Path socket, UpstreamRunner.Behind behind) {
    return play(c, scenarioFile, dir, socket, false, behind);
  }

  private Outcome play(ConformanceCase c, Path scenarioFile, Path dir, Path socket, boolean wasm,
                       UpstreamRunner.Behind behind) {
    long start = System.nanoTime();
    lastMetrics = null;
    JsonObject cmd = new JsonObject().put("scenario", scenarioFile.toString()).put("socket", socket.toString())
        .put("clockStart", JavaSide.CLOCK_START)
        .put("requestTimeout", (behind == null ? c.requestTimeout() : behind.upstreamTimeout(c)).toMillis() + "ms")
        .put("registrationTimeout", JavaSide.REGISTRATION_TIMEOUT.toMillis() + "ms");
    if (c.defaultValidator() != null && behind == null) {
      cmd.put("defaultValidator", c.defaultValidator());
    }
    if (metrics) {
      cmd.put("metrics", true);
    }
    if (behind != null) {
      cmd.put("awaitPlugins", new JsonArray(List.of(behind.id()))).put("gate", true);
    }
    Path wasmLogs = dir.resolve("wasm-logs");
    if (wasm) {
      cmd.put("pluginPath", WasmPlugins.install(c.plugins(), dir).toString())
          .put("pluginConfigPath", dir.resolve("conf.d").toString()).put("wasmLogDir", wasmLogs.toString());
      try {
        Files.createDirectories(wasmLogs);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<JsonObject> lines = new ArrayList<>();
    AutoCloseable plugins = null;
    Map<String, List<JsonObject>> logs = Map.of();
    String failure = null;
    try {
      send(cmd);
      JsonObject first = next();
      if (first.containsKey("done")) {
        return Outcome.failed("refrunner: " + first.getString("error"), JavaSide.millis(start));
      }
      if (wasm) {
        plugins = null; // pre-installed: the adaptation launched them
      } else if (behind == null) {
        plugins = PluginProcesses.start(c.plugins(), dir, socket);
      } else {
        UpstreamRunner.Behind.Session session = behind.open(c, dir, socket);
        plugins = session;
        JsonObject ready = next();
        if (!ready.containsKey("ready")) {
          throw new IllegalStateException("refrunner: expected {\"ready\"}, got " + ready.encode());
        }
        session.awaitPlugins();
        send(new JsonObject().put("go", true));
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
      logs = closeAndCollect(plugins);
    }
    if (wasm) {
      logs = WasmPlugins.logs(c.plugins(), wasmLogs);
    }
    return new Outcome(lines, logs, failure, JavaSide.millis(start));
  }

  private static Map<String, List<JsonObject>> closeAndCollect(AutoCloseable plugins) {
    return switch (plugins) {
      case null -> Map.of();
      case PluginProcesses p -> {
        p.close();
        yield p.logs();
      }
      case UpstreamRunner.Behind.Session s -> {
        s.close();
        yield s.logs();
      }
      default -> throw new IllegalStateException("unexpected " + plugins);
    };
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
