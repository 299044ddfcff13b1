package io.nrivertx.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's CPU time (every thread: event loops, JIT, GC) and context switches (summed over
 * its threads) at one moment, as benchrunner's getrusage gives them: what an event costs the
 * runtime besides its latency.
 */
record Usage(long cpuNanos, long switches) {

  static Usage now() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long switches = 0;
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path t : tasks.toList()) {
        try {
          for (String line : Files.readAllLines(t.resolve("status"))) {
            if (line.contains("ctxt_switches:")) {
              switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (IOException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      switches = -1;
    }
    return new Usage(os.getProcessCpuTime(), switches);
  }

  /** Adds cpuUsPerEvent and switchesPerEvent since {@code before}. */
  void since(Usage before, int events, JsonObject out) {
    out.put("cpuUsPerEvent", (cpuNanos - before.cpuNanos) / 1000.0 / events)
        .put("switchesPerEvent", (switches - before.switches) / (double) events);
  }
}
