package io.nrivertx.plugin.launch;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Copies a plugin's stdout and stderr into nri-vertx's log, one record per line, prefixed with
 * the plugin's identity and pid (NRI discards both streams, which leaves a failing plugin
 * mute). One platform thread per plugin waits in poll(2) on both pipes and ends when both are
 * closed, i.e. when the plugin and everything that inherited its output are gone. Not a Vert.x
 * worker: it blocks for the plugin's whole life, which would starve the pool and trip the
 * blocked-thread checker.
 */
final class OutputDrain implements Runnable {
  private static final System.Logger LOG = System.getLogger(PluginLauncher.OUTPUT_LOGGER);
  private static final int POLLIN = 0x1;
  private static final int MAX_LINE = 16 * 1024;

  private final String label;
  private final int[] fds;
  private final ByteArrayOutputStream[] lines = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
  private static final String[] STREAMS = {"stdout", "stderr"};

  private OutputDrain(String label, int stdout, int stderr) {
    this.label = label;
    this.fds = new int[] {stdout, stderr};
  }

  /** Starts draining; the thread closes both read ends when it is done. */
  static void start(String id, int pid, int stdout, int stderr) {
    Thread.ofPlatform().daemon().name("nri-plugin-" + id + "-output")
        .start(new OutputDrain("plugin " + id + " (pid " + pid + ")", stdout, stderr));
  }

  @Override
  public void run() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Native.CAPTURE);
      MemorySegment pollFds = arena.allocate(8L * fds.length, 8); // struct pollfd {int fd; short events, revents;}
      MemorySegment buf = arena.allocate(8192);
      int open = fds.length;
      while (open > 0) {
        for (int i = 0; i < fds.length; i++) {
          pollFds.set(JAVA_INT, 8L * i, fds[i]); // a negative fd is ignored by poll
          pollFds.set(JAVA_SHORT, 8L * i + 4, (short) POLLIN);
          pollFds.set(JAVA_SHORT, 8L * i + 6, (short) 0);
        }
        int ready = Native.poll(pollFds, fds.length, -1, state);
        if (ready < 0 && ready != -Native.EINTR) {
          LOG.log(System.Logger.Level.WARNING, label + ": cannot read its output any more: " + Native.strerror(-ready));
          break;
        }
        for (int i = 0; i < fds.length && ready > 0; i++) {
          if (fds[i] < 0 || pollFds.get(JAVA_SHORT, 8L * i + 6) == 0) {
            continue;
          }
          long n = Native.read(fds[i], buf, state);
          if (n > 0) {
            take(i, buf.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
          } else if (n == 0 || n != -Native.EINTR && n != -Native.EAGAIN) {
            flush(i);
            Native.close(fds[i]);
            fds[i] = -1;
            open--;
          }
        }
      }
    } finally {
      for (int i = 0; i < fds.length; i++) {
        if (fds[i] >= 0) {
          flush(i);
          Native.close(fds[i]);
        }
      }
    }
  }

  private void take(int stream, byte[] bytes) {
    for (byte b : bytes) {
      if (b == '\n') {
        flush(stream);
      } else {
        lines[stream].write(b);
        if (lines[stream].size() >= MAX_LINE) {
          flush(stream); // a line this long is logged in pieces rather than held without bound
        }
      }
    }
  }

  private void flush(int stream) {
    if (lines[stream].size() > 0) {
      String line = lines[stream].toString(StandardCharsets.UTF_8);
      lines[stream].reset();
      LOG.log(System.Logger.Level.INFO, label + " " + STREAMS[stream] + ": " + line);
    }
  }
}
