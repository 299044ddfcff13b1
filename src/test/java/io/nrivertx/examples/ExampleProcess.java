package io.nrivertx.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An example program run as a child process from the project directory, its stdout and stderr in
 * files. {@link #close()} stops it with its own children (an example may start a plugin) and
 * waits until every one of them is reaped.
 */
final class ExampleProcess implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final Path out;
  private final Path err;

  private ExampleProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static ExampleProcess start(List<String> argv, Path projectDir, Path logDir, String name) {
    Path out = logDir.resolve(name + ".out");
    Path err = logDir.resolve(name + ".err");
    try {
      Files.createDirectories(logDir);
      return new ExampleProcess(new ProcessBuilder(argv).directory(projectDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + argv, e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String stdout() {
    return read(out);
  }

  /** What the process wrote so far, for assertion messages. */
  String output() {
    return "--- stdout (" + out + ")\n" + read(out) + "\n--- stderr (" + err + ")\n" + read(err);
  }

  /** Waits for a stdout line starting with {@code prefix}; fails if the process ends first. */
  String awaitLine(String prefix, Duration timeout) throws InterruptedException {
    String line = io.nrivertx.testing.Waiting.until(() -> {
      String found = java.util.Arrays.stream(read(out).split("\n")).filter(l -> l.startsWith(prefix)).findFirst()
          .orElse(null);
      return found != null || process.isAlive() ? found : "";
    }, java.util.Objects::nonNull, timeout, none -> "no \"" + prefix + "\" within " + timeout + "\n" + output());
    if (line.isEmpty()) {
      throw new AssertionError("exited with " + process.exitValue() + " before printing \"" + prefix + "\"\n" + output());
    }
    return line;
  }

  /** Waits for the program to end by itself; returns its exit status. */
  int waitFor(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + timeout + "\n" + output());
    }
    return process.exitValue();
  }

  /** SIGTERM (the program's shutdown hook runs), SIGKILL after a grace period; children first. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
    }
    for (ProcessHandle child : children) {
      child.destroy();
      try {
        child.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        child.destroyForcibly();
      }
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
