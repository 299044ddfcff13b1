package io.nrivertx.plugin.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nrivertx.testing.ChildProcesses;
import io.nrivertx.testing.LogCapture;
import io.vertx.core.Promise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spawned plugin process: output into the log, exit status, reaping, and its whole group stopped. */
class ChildProcessTest {
  @TempDir
  Path dir;

  private final LogCapture output = new LogCapture(PluginLauncher.OUTPUT_LOGGER);

  @AfterEach
  void nothingLeft() {
    output.close();
    ChildProcesses.assertNoLeftovers(Set.of(), Duration.ofSeconds(5));
  }

  private Path script(String name, String body) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private ChildProcess start(String id, Path file) throws Exception {
    int[] pair = Native.socketPair();
    Native.close(pair[0]);
    return ChildProcess.spawn(id, file.toString(), List.of("NRI_PLUGIN_SOCKET=3"), pair[1], Promise.promise());
  }

  private static ExitStatus await(ChildProcess child) throws Exception {
    return child.exit().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void stdoutAndStderrGoToTheLogWithTheIdentityAndTheExitStatusIsKept() throws Exception {
    ChildProcess child = start("07-talker", script("07-talker", "echo hello out\necho hello err >&2\nprintf 'no newline'\nexit 3"));
    ExitStatus status = await(child);
    assertEquals(3, status.code());
    assertTrue(status.failed());
    assertEquals("exit status 3", status.toString());
    assertFalse(child.isAlive());
    String prefix = "plugin 07-talker (pid " + child.pid() + ") ";
    output.await(m -> m.equals(prefix + "stdout: hello out"), Duration.ofSeconds(5));
    output.await(m -> m.equals(prefix + "stderr: hello err"), Duration.ofSeconds(5));
    output.await(m -> m.equals(prefix + "stdout: no newline"), Duration.ofSeconds(5));
  }

  @Test
  void aSignalReachesTheWholeGroupAndTheChildIsReaped() throws Exception {
    ChildProcess child = start("08-parent", script("08-parent", "/bin/sleep 300 &\necho sleeper $!\nwait"));
    String line = output.await(m -> m.contains("stdout: sleeper "), Duration.ofSeconds(5));
    long sleeper = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    child.signal(Native.SIGTERM);
    ExitStatus status = await(child);
    assertEquals(Native.SIGTERM, status.signal(), status.toString());
    assertEquals("killed by signal 15 (SIGTERM)", status.toString());
    ChildProcesses.assertNoLeftovers(Set.of((long) child.pid()), Duration.ofSeconds(5));
    assertTrue(ChildProcesses.all().stream().noneMatch(p -> p.pid() == sleeper && p.state() != 'Z'));
    child.signal(Native.SIGKILL); // reaped: a no-op that must not reach whoever has the pid now
  }

  @Test
  void whatAPluginLeftRunningDiesWithIt() throws Exception {
    // The plugin exits at once but leaves a child in its group: nothing of it may outlive it.
    ChildProcess child = start("09-leaver", script("09-leaver", "/bin/sleep 300 &\necho sleeper $!\nexit 0"));
    ExitStatus status = await(child);
    assertFalse(status.failed(), status.toString());
    String line = output.await(m -> m.contains("stdout: sleeper "), Duration.ofSeconds(5));
    long sleeper = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    ChildProcesses.assertNoLeftovers(Set.of((long) child.pid()), Duration.ofSeconds(5));
    assertTrue(ChildProcesses.all().stream().noneMatch(p -> p.pid() == sleeper && p.state() != 'Z'));
  }
}
