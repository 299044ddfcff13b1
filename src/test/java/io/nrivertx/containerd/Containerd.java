package io.nrivertx.containerd;

import io.nrivertx.cri.Crictl;
import io.nrivertx.testing.GoPeers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A real containerd (with its CRI plugin and NRI) as a test fixture: {@link #start} builds or
 * reuses the binaries of the release ({@link Binaries}), writes a private work directory and
 * config ({@link ContainerdConfig}), starts containerd as root in a private mount namespace under
 * a reaping supervisor ({@link Supervisor}), waits until CRI answers and imports the test image
 * ({@link TinyImage}). Drive it with {@link #crictl()} and {@link #pods()}; {@link #restart()}
 * stops and starts containerd on the same state (running containers survive, as on a node).
 * {@link #close()} ends every process it started, removes the cgroups its pods made and deletes
 * the work directory, also after a failure. See docs/containerd-harness.md.
 *
 * <p>Not thread-safe: one test thread drives one instance.
 */
public final class Containerd implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(60);
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final ContainerdOptions options;
  private final Binaries binaries;
  private final Layout layout;
  private final Path log;
  private final CgroupParent cgroups;
  private final Supervisor supervisor;
  private final Crictl crictl;
  private final CriPods pods;
  private long pid = -1;

  private Containerd(ContainerdOptions options, Binaries binaries, Layout layout, Path log, CgroupParent cgroups) {
    this.options = options;
    this.binaries = binaries;
    this.layout = layout;
    this.log = log;
    this.cgroups = cgroups;
    this.supervisor = Supervisor.start(binaries.tiny(), Map.of("PATH", binaries.containerd().getParent() + ":"
        + binaries.runc().getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin")), log);
    this.crictl = new Crictl(layout.grpc());
    this.pods = new CriPods(crictl, layout.pods(), cgroups.path());
  }

  /**
   * Starts containerd. Skips the calling test when this machine cannot run it (not root, no
   * {@code unshare}, no cgroups, no Go), and fails instead when {@code CI=true}.
   */
  public static Containerd start(ContainerdOptions options) {
    Binaries binaries;
    try {
      checkMachine();
      binaries = Binaries.of(options.version());
    } catch (HarnessUnavailable e) {
      if (!"true".equals(System.getenv("CI"))) {
        Assumptions.abort("cannot run containerd here: " + e.getMessage());
      }
      throw new AssertionError("CI=true requires a machine that runs containerd: " + e.getMessage(), e);
    }
    Layout layout = new Layout(newWorkDir());
    Path log = logFile(options.version());
    Containerd c = null;
    try {
      for (Path d : List.of(layout.root(), layout.state(), layout.shimSockets(), layout.runcRoot(), layout.plugins(),
          layout.pluginConfig(), layout.cniBin(), layout.cniConf(), layout.pods())) {
        Files.createDirectories(d);
      }
      Files.writeString(layout.config(), ContainerdConfig.toml(layout, options, binaries));
      c = new Containerd(options, binaries, layout, log, CgroupParent.create());
      c.launch();
      c.ctr("images", "import", image(binaries).toString());
      return c;
    } catch (IOException e) {
      cleanUp(c, layout);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      cleanUp(c, layout);
      throw e;
    }
  }

  private static void cleanUp(Containerd c, Layout layout) {
    if (c != null) {
      c.close();
    } else {
      GoBuild.deleteTree(layout.dir());
    }
  }

  private void launch() {
    pid = supervisor.run(List.of(binaries.containerd().toString(), "--config", layout.config().toString()));
    Path proc = Path.of("/proc/" + pid);
    io.nrivertx.testing.Waiting.until(() -> crictl.run("version").exit(), exit -> exit == 0,
        () -> !Files.exists(proc), READY, exit -> (Files.exists(proc)
            ? "containerd's CRI did not answer within " + READY.toSeconds() + " s"
            : "containerd " + options.version() + " exited at start") + "; its log " + log + ":\n" + tail(40));
  }

  /** Stops containerd with SIGTERM and starts it again on the same state; returns once CRI answers. */
  public void restart() {
    stopContainerd(15);
    launch();
  }

  /** Kills containerd (SIGKILL, as a crash) without starting it again; {@link #startAgain()} does. */
  public void kill() {
    stopContainerd(9);
  }

  /** SIGTERM to containerd; it stays down until {@link #startAgain()}. */
  public void stop() {
    stopContainerd(15);
  }

  public void startAgain() {
    if (pid >= 0) {
      throw new IllegalStateException("containerd is running (pid " + pid + ")");
    }
    launch();
  }

  private void stopContainerd(int signal) {
    if (pid < 0) {
      throw new IllegalStateException("containerd is not running");
    }
    supervisor.signal(pid, signal);
    pid = -1;
  }

  public String version() {
    return options.version();
  }

  /** containerd's pid, or -1 while it is stopped. */
  public long pid() {
    return pid;
  }

  /** The CRI endpoint (containerd's gRPC socket). */
  public Path criSocket() {
    return layout.grpc();
  }

  /** Where containerd's NRI accepts plugins. */
  public Path nriSocket() {
    return options.nriSocket() != null ? options.nriSocket() : layout.nriSocket();
  }

  /** containerd's {@code root} (persistent state: the CRI sandboxes' hosts, hostname and resolv.conf files). */
  public Path rootDir() {
    return layout.root();
  }

  /** containerd's {@code state} (runtime state: the CRI sandboxes' /dev/shm). */
  public Path stateDir() {
    return layout.state();
  }

  /** The cgroup parent of this instance's pods (below the JVM's own cgroup). */
  public String cgroupParent() {
    return cgroups.path();
  }

  /** The private work directory (root, state, sockets, configs); deleted on close. */
  public Path workDir() {
    return layout.dir();
  }

  /** containerd's own log (kept under the build directory after close). */
  public Path logFile() {
    return log;
  }

  public Crictl crictl() {
    return crictl;
  }

  /** Pods and containers through crictl, on the test image, with the cgroup parent of this instance. */
  public CriPods pods() {
    return pods;
  }

  /** Runs ctr against this containerd in the {@code k8s.io} namespace; fails on a non-zero exit. */
  public String ctr(String... args) {
    List<String> cmd = new ArrayList<>(List.of(binaries.ctr().toString(), "--address", layout.grpc().toString(),
        "--namespace", "k8s.io"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("ctr " + String.join(" ", args) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running ctr", e);
    }
  }

  /** The last lines of containerd's log, for assertion messages. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /**
   * Removes every pod (best effort), then ends containerd, its shims and containers, removes the
   * cgroups and the work directory. Fails if cgroup directories it created cannot be removed.
   */
  @Override
  public void close() {
    List<String> left;
    try {
      if (pid >= 0) {
        crictl.run("rmp", "--all", "--force");
      }
    } finally {
      supervisor.close();
      left = cgroups.remove();
      GoBuild.deleteTree(layout.dir());
    }
    if (!left.isEmpty()) {
      throw new AssertionError("cgroup directories left behind: " + left);
    }
  }

  private static void checkMachine() {
    if (!"0".equals(uid())) {
      throw new HarnessUnavailable("containerd needs root; this JVM runs as uid " + uid());
    }
    if (Files.notExists(Path.of("/usr/bin/unshare")) && Files.notExists(Path.of("/bin/unshare"))) {
      throw new HarnessUnavailable("no unshare (util-linux) for a private mount namespace");
    }
    if (!CgroupParent.available()) {
      throw new HarnessUnavailable("no cgroup hierarchy mounted");
    }
  }

  private static String uid() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
          .map(l -> l.split("\\s+")[1]).findFirst().orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static Path newWorkDir() {
    try {
      // Short: the shims' sockets live under it (unix socket paths are limited to 108 bytes).
      return Files.createTempDirectory(Path.of("/tmp"), "nctd",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory under /tmp", e);
    }
  }

  private static Path logFile(String version) {
    Path dir = GoPeers.buildDir().resolve("containerd").resolve("logs");
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir.resolve("containerd-" + version + "-" + ProcessHandle.current().pid() + "-"
        + COUNTER.incrementAndGet() + ".log");
  }

  private static synchronized Path image(Binaries b) throws IOException {
    // Named by the image layout's revision: TinyImage can change while tiny does not.
    Path file = b.tiny().resolveSibling("image-2.tar");
    if (Files.notExists(file)) {
      // Written aside and renamed: another JVM may be reading or writing the same file.
      Path tmp = TinyImage.write(b.tiny(), Files.createTempFile(file.getParent(), "image-", ".tar"));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return file;
  }
}
