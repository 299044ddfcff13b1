package io.nrivertx.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the report says about the machine: CPU, memory, kernel, JDK, Go and the load average. */
final class Machine {
  private Machine() {
  }

  static String cpu() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
    String model = lines.stream().filter(l -> l.startsWith("model name")).findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    long cpus = lines.stream().filter(l -> l.startsWith("processor")).count();
    return model + ", " + cpus + " logical CPU" + (cpus == 1 ? "" : "s");
  }

  static String memory() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (l.startsWith("MemTotal:")) {
        long kib = Long.parseLong(l.replaceAll("[^0-9]", ""));
        return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
      }
    }
    return "unknown";
  }

  static String loadAverage() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return f[0] + " " + f[1] + " " + f[2];
  }

  static double load1() throws IOException {
    return Double.parseDouble(loadAverage().split(" ")[0]);
  }

  static String kernel() throws IOException {
    return Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
  }

  static String jdk(Path java) {
    return firstLine(List.of(java.toString(), "-version"));
  }

  static String go(Path benchrunnerDir) {
    String out = firstLine(List.of("go", "version", benchrunnerDir.resolve("benchrunner").toString()));
    return out.contains(": ") ? out.substring(out.indexOf(": ") + 2) : out;
  }

  /** First line of a command's combined output, or why there is none. */
  private static String firstLine(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
      p.waitFor(30, TimeUnit.SECONDS);
      return out.trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
