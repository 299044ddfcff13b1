package io.nrivertx.plugin.launch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.util.List;

/**
 * One spawned plugin process, leader of its own process group. A reaper thread waits for it with
 * waitid(WNOWAIT), so it stays a zombie (its pid, and so its group id, cannot be reused) until the
 * reaper has killed any straggler of its group and reaped it under the same lock that
 * {@link #signal} takes: a signal can never reach a stranger that inherited the number. The JDK
 * does not know this child, so nobody else reaps it.
 *
 * <p>Thread-safety: every method may be called from any thread.
 */
final class ChildProcess {
  private static final System.Logger LOG = System.getLogger(ChildProcess.class.getName());

  private final String id;
  private final int pid;
  private final Promise<ExitStatus> exit;
  private final Object lock = new Object();
  private boolean reaped; // guarded by lock

  private ChildProcess(String id, int pid, Promise<ExitStatus> exit) {
    this.id = id;
    this.pid = pid;
    this.exit = exit;
  }

  /**
   * Starts {@code path} with no arguments but its own path (as NRI does), exactly {@code env}, and
   * {@code socket} as fd 3. Blocking: call off the event loop. {@code socket} is closed here
   * whatever happens: after the spawn only the child holds it.
   *
   * @param exit completed with the exit status once the process is reaped
   */
  static ChildProcess spawn(String id, String path, List<String> env, int socket, Promise<ExitStatus> exit)
      throws IOException {
    int[] out = null;
    int[] err = null;
    try {
      out = Native.pipe();
      err = Native.pipe();
      int pid = Spawn.spawn(path, List.of(path), env, out[1], err[1], socket);
      ChildProcess child = new ChildProcess(id, pid, exit);
      OutputDrain.start(id, pid, out[0], err[0]);
      out[0] = -1;
      err[0] = -1;
      Thread.ofPlatform().daemon().name("nri-plugin-" + id + "-reaper").start(child::reap);
      return child;
    } finally {
      Native.close(socket);
      for (int[] pipe : new int[][] {out, err}) {
        if (pipe != null) {
          Native.close(pipe[0]);
          Native.close(pipe[1]);
        }
      }
    }
  }

  int pid() {
    return pid;
  }

  Future<ExitStatus> exit() {
    return exit.future();
  }

  boolean isAlive() {
    synchronized (lock) {
      return !reaped;
    }
  }

  /** Sends {@code signal} to the plugin's whole process group; a no-op once it is reaped. */
  void signal(int signal) {
    synchronized (lock) {
      if (!reaped) {
        int errno = Native.kill(-pid, signal);
        if (errno != 0 && errno != Native.ESRCH) {
          LOG.log(System.Logger.Level.WARNING, "cannot signal plugin " + id + " (pid " + pid + "): "
              + Native.strerror(errno));
        }
      }
    }
  }

  private void reap() {
    try {
      Native.waitExit(pid);
      ExitStatus status;
      synchronized (lock) {
        // Whatever the plugin started dies with it: no plugin process outlives its plugin.
        Native.kill(-pid, Native.SIGKILL);
        status = new ExitStatus(Native.reap(pid));
        reaped = true;
      }
      exit.tryComplete(status);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cannot wait for plugin " + id + " (pid " + pid + "): " + e.getMessage());
      exit.tryFail(e);
    }
  }
}
