package io.nrivertx.containerd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Java side of {@code tiny supervise} (src/test/go-containerd/tiny/supervise.go): a process
 * in a private mount namespace ({@code unshare -m}) that starts containerd on request and is the
 * child subreaper of everything containerd starts, so closing it ends and reaps containerd, its
 * shims and their containers, and every mount they made vanishes with the namespace.
 */
final class Supervisor implements AutoCloseable {
  private static final long ANSWER_SECONDS = 60;
  private static final String EOF = "\u0000eof";

  private final Process process;
  private final OutputStream commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

  private Supervisor(Process process) {
    this.process = process;
    this.commands = process.getOutputStream();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Thread.ofPlatform().daemon().name("containerd-supervisor-" + process.pid()).start(() -> {
      try (out) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          answers.add(line);
        }
      } catch (IOException ignored) { // the process is gone: EOF below
      }
      answers.add(EOF);
    });
  }

  /** Starts the supervisor; children inherit {@code env} and write their output to {@code log}. */
  static Supervisor start(Path tiny, Map<String, String> env, Path log) {
    ProcessBuilder pb = new ProcessBuilder("unshare", "--mount", "--propagation", "private", tiny.toString(),
        "supervise").redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    try {
      Supervisor s = new Supervisor(pb.start());
      s.expect("ready");
      return s;
    } catch (IOException e) {
      throw new AssertionError("cannot start the containerd supervisor (unshare): " + e, e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Starts a child in the namespace; returns its pid. */
  long run(List<String> argv) {
    for (String a : argv) {
      if (a.contains(" ")) {
        throw new IllegalArgumentException("supervised arguments cannot hold spaces: " + a);
      }
    }
    return Long.parseLong(ask("start " + String.join(" ", argv)).substring("started ".length()));
  }

  /** Sends {@code signal} to a child started by {@link #run} and waits for it; its exit status. */
  int signal(long pid, int signal) {
    String[] f = ask("stop " + pid + " " + signal).split(" ");
    return Integer.parseInt(f[2]);
  }

  private String ask(String command) {
    try {
      commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
      commands.flush();
    } catch (IOException e) {
      throw new AssertionError("the containerd supervisor is gone: " + e, e);
    }
    String answer = next();
    if (answer.startsWith("error")) {
      throw new AssertionError("supervisor: " + command + ": " + answer);
    }
    return answer;
  }

  private void expect(String line) {
    String got = next();
    if (!got.equals(line)) {
      throw new AssertionError("supervisor said \"" + got + "\", expected \"" + line + "\"");
    }
  }

  private String next() {
    try {
      String line = answers.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
      if (line == null || line.equals(EOF)) {
        throw new AssertionError(line == null ? "the containerd supervisor did not answer in " + ANSWER_SECONDS + " s"
            : "the containerd supervisor exited (exit " + exitOrUnknown() + ")");
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for the containerd supervisor", e);
    }
  }

  private String exitOrUnknown() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  /** Ends every process of the namespace (SIGTERM, then SIGKILL after 5 s) and reaps the supervisor. */
  @Override
  public void close() {
    try {
      commands.write("exit\n".getBytes(StandardCharsets.UTF_8));
      commands.close();
    } catch (IOException ignored) { // already gone: it cleaned up on EOF or was killed
    }
    boolean interrupted = false;
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      interrupted = true;
      process.destroyForcibly();
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
