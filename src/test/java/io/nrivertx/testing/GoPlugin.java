package io.nrivertx.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Go test plugin running as a child process of the test JVM (an "external" plugin that dials
 * the runtime's socket). Its stdout and stderr go to a log file under the build directory.
 * Use with try-with-resources: {@link #close()} stops it and reaps it.
 */
public final class GoPlugin implements AutoCloseable {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final Process process;
  private final Path output;

  private GoPlugin(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code binary} with {@code args}, inheriting the test JVM's environment. */
  public static GoPlugin start(Path binary, List<String> args) {
    return start(binary, args, Map.of());
  }

  /**
   * Starts {@code binary} with {@code args}. {@code env} entries are added to the inherited
   * environment; an entry whose value is {@code null} removes that variable.
   */
  public static GoPlugin start(Path binary, List<String> args, Map<String, String> env) {
    Path dir = GoPeers.buildDir().resolve("go-plugins");
    Path out = dir.resolve(binary.getFileName() + "-" + ProcessHandle.current().pid() + "-"
        + COUNTER.incrementAndGet() + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    env.forEach((k, v) -> {
      if (v == null) {
        pb.environment().remove(k);
      } else {
        pb.environment().put(k, v);
      }
    });
    try {
      Files.createDirectories(dir);
      return new GoPlugin(pb.start(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + cmd, e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The file receiving the plugin's stdout and stderr. */
  public Path outputFile() {
    return output;
  }

  /** The plugin's stdout and stderr so far (for assertion messages). */
  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(cannot read " + output + ": " + e + ")";
    }
  }

  /** Waits for the plugin to exit on its own; returns its exit code, or -1 on timeout. */
  public int waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** Exit code; the plugin must have exited. */
  public int exitValue() {
    return process.exitValue();
  }

  /** SIGKILL, as the runtime does to plugins it launched; waits until reaped. */
  public void kill9() {
    process.destroyForcibly();
    awaitExit();
  }

  /** SIGTERM, then SIGKILL if still running after 5 s; always waits until reaped. */
  public void stop() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    awaitExit();
  }

  @Override
  public void close() {
    stop();
  }

  // Uninterruptible: a plugin left running would outlive the test and skew later ones.
  private void awaitExit() {
    boolean interrupted = false;
    while (true) {
      try {
        process.waitFor();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "GoPlugin[pid " + pid() + ", output " + output + "]";
  }
}
