package io.nrivertx.stub.v010.impl;

import io.nrivertx.stub.v010.V010Exception;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One run of a v0.1 plugin: {@code <binary> invoke}, the request on stdin, the result on stdout,
 * stderr passed through. Stdin and stdout are temporary files rather than pipes, so no thread
 * ever blocks on a pipe that a plugin (or a child it left behind) keeps open; the process is
 * started and the files handled on worker threads, and its exit is awaited without any thread.
 * At the deadline the plugin and its descendants are killed; the result always waits until the
 * plugin has exited and been reaped.
 */
final class V010Process {
  private static final System.Logger LOG = System.getLogger(V010Process.class.getName());
  /** Results are a few lines; anything longer is a misbehaving plugin. */
  static final int MAX_OUTPUT = 1 << 20;

  private record Spawned(Process process, Path stdin, Path stdout) {
  }

  private V010Process() {
  }

  /**
   * Runs {@code type} (looked up on {@code searchPath}) with {@code request}.
   *
   * @return the parsed result, whatever its {@code error}; fails with a {@link V010Exception}
   *     when the plugin cannot run, times out, or writes no result
   */
  static Future<V010Result> run(Vertx vertx, String type, String request, List<String> searchPath,
                                Map<String, String> env, Duration timeLeft) {
    Context ctx = vertx.getOrCreateContext();
    return ctx.<Spawned>executeBlocking(() -> spawn(Executables.find(type, searchPath), request, env), false)
        .compose(spawned -> awaitExit(vertx, ctx, spawned.process(), timeLeft)
            .compose(killed -> ctx.executeBlocking(() -> collect(type, spawned, killed, timeLeft), false)));
  }

  private static Spawned spawn(Path binary, String request, Map<String, String> env) {
    Path in = null;
    Path out = null;
    try {
      in = Files.createTempFile("nri-v010-", ".request.json");
      Files.writeString(in, request);
      out = Files.createTempFile("nri-v010-", ".result.json");
      ProcessBuilder builder = new ProcessBuilder(binary.toString(), "invoke").redirectInput(in.toFile())
          .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().clear();
      builder.environment().putAll(env);
      return new Spawned(builder.start(), in, out);
    } catch (IOException e) {
      delete(in);
      delete(out);
      throw new V010Exception("cannot run " + binary + ": " + e.getMessage(), e);
    }
  }

  /** Completes (on {@code ctx}) once the process has exited: true when the deadline killed it. */
  private static Future<Boolean> awaitExit(Vertx vertx, Context ctx, Process process, Duration timeLeft) {
    Promise<Boolean> exited = Promise.promise();
    boolean[] killed = {false};
    long timer = vertx.setTimer(Math.max(1, timeLeft.toMillis()), t -> {
      if (process.isAlive()) {
        killed[0] = true;
        ctx.executeBlocking(() -> killTree(process), false);
      }
    });
    Future.fromCompletionStage(process.onExit(), ctx).onComplete(ar -> {
      vertx.cancelTimer(timer);
      exited.complete(killed[0]);
    });
    return exited.future();
  }

  /** Kills the plugin first (so it forks no more), then every descendant it had. */
  private static Void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    return null;
  }

  private static V010Result collect(String type, Spawned spawned, boolean killed, Duration timeLeft)
      throws IOException {
    try {
      if (killed) {
        throw new V010Exception("no result within " + timeLeft.toMillis()
            + " ms (what was left of the v0.1 chain's timeout); killed it and its children");
      }
      String output;
      try (InputStream in = Files.newInputStream(spawned.stdout())) {
        byte[] bytes = in.readNBytes(MAX_OUTPUT + 1);
        if (bytes.length > MAX_OUTPUT) {
          throw new V010Exception("wrote more than " + MAX_OUTPUT + " bytes on stdout, not a result");
        }
        output = new String(bytes, StandardCharsets.UTF_8);
      }
      int exit = spawned.process().exitValue();
      try {
        V010Result result = V010Result.parse(output);
        if (exit != 0) {
          // NRI tolerates this: the result counts, its error decides.
          LOG.log(Level.INFO, "v0.1 plugin {0} exited with status {1}, result: {2}", type, exit, output.strip());
        }
        return result;
      } catch (V010Exception e) {
        throw new V010Exception("invalid output " + quote(output) + " (exit status " + exit + "): "
            + e.getMessage());
      }
    } finally {
      delete(spawned.stdin());
      delete(spawned.stdout());
    }
  }

  private static String quote(String output) {
    String text = output.strip();
    return text.isEmpty() ? "<empty>" : "\"" + (text.length() > 200 ? text.substring(0, 200) + "…" : text) + "\"";
  }

  private static void delete(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot delete temporary file {0}: {1}", file, e.getMessage());
    }
  }
}
