package io.nrivertx.relay;

import io.nrivertx.testing.Waiting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar nri-vertx.jar relay} as an operator runs it, in a process of its own, its
 * output in a file. {@link #close()} sends SIGTERM (SIGKILL after a grace period) and reaps it.
 */
final class RelayProcess implements AutoCloseable {
  private static final Path JAR = Path.of(System.getProperty("nri.build.dir", "target"), "nri-vertx.jar")
      .toAbsolutePath();
  private final Process process;
  private final Path output;

  private RelayProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts the relay with {@code config} (YAML) and these extra arguments. */
  static RelayProcess start(Path dir, String config, String... args) {
    try {
      Path cfg = Files.writeString(dir.resolve("relay.yaml"), config);
      Path out = dir.resolve("relay.out");
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-jar", JAR.toString(), "relay", "--config", cfg.toString()));
      cmd.addAll(List.of(args));
      return new RelayProcess(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start(),
          out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the relay", e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      return "(cannot read " + output + ")";
    }
  }

  /** Waits until the output holds {@code text}; fails with the output when it does not in time. */
  void awaitOutput(String text, Duration timeout) {
    // Gives up at once when the relay exited: its output will not change any more.
    Waiting.until(this::output, out -> out.contains(text), () -> !process.isAlive() && !output().contains(text),
        timeout, out -> (process.isAlive() ? "no \"" + text + "\" within " + timeout : "the relay exited")
            + "; its output:\n" + out);
  }

  @Override
  public void close() {
    process.destroy();
    boolean interrupted = false;
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      interrupted = true;
    }
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
}
