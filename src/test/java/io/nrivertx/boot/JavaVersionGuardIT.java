package io.nrivertx.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code java -jar nri-vertx.jar} under a JVM older than 25 (this machine's default java is 17). */
class JavaVersionGuardIT {
  private static final Path JAR = Path.of(System.getProperty("nri.build.dir", "target"), "nri-vertx.jar");

  /** The newest installed JVM older than 25; the project's machines ship OpenJDK 17 as the default. */
  private static Path oldJava() throws IOException {
    try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
      return jvms.filter(d -> Files.isExecutable(d.resolve("bin/java")) && !Files.isSymbolicLink(d))
          .filter(d -> d.getFileName().toString().matches("(java|temurin|jdk)-(8|11|17|21)[-.].*"))
          .sorted().reduce((a, b) -> b).map(d -> d.resolve("bin/java"))
          .orElseThrow(() -> new AssertionError("no JVM older than 25 under /usr/lib/jvm to test the guard with "
              + "(install openjdk-17-jre-headless)"));
    }
  }

  @Test
  void anOldJavaPrintsOneClearLineAndExitsOne() throws Exception {
    Path java = oldJava();
    Process p = new ProcessBuilder(java.toString(), "-jar", JAR.toString(), "run").redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertEquals(1, p.exitValue(), String.join("\n", lines));
    assertEquals(1, lines.size(), "one line: " + lines);
    String line = lines.get(0);
    assertTrue(line.startsWith("nri-vertx needs Java 25 or newer, but this is Java "), line);
    assertTrue(line.contains("JAVA_HOME"), line);
    assertTrue(!line.contains("UnsupportedClassVersionError"), line);
  }
}
