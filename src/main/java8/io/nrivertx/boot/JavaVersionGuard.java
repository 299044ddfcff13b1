package io.nrivertx.boot;

import java.lang.reflect.InvocationTargetException;

/**
 * The fat jar's entry point. It is compiled for Java 8 (src/main/java8, its own compiler run in
 * pom.xml) so that an older JVM can load it and say in one line which Java is needed, instead of
 * failing on the real main class with UnsupportedClassVersionError. On Java 25 or newer it hands
 * over to {@code io.nrivertx.cli.Main}, which this class must not name directly (loading it here
 * would fail the same way).
 */
public final class JavaVersionGuard {
  static final int REQUIRED = 25;
  private static final String MAIN = "io.nrivertx.cli.Main";

  private JavaVersionGuard() {
  }

  public static void main(String[] args) throws Throwable {
    String problem = problem(System.getProperty("java.specification.version"), System.getProperty("java.home"));
    if (problem != null) {
      System.err.println(problem);
      System.exit(1);
    }
    try {
      Class.forName(MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The one-line complaint for this Java, or null when it is new enough. */
  static String problem(String specificationVersion, String javaHome) {
    int found = major(specificationVersion);
    if (found >= REQUIRED) {
      return null;
    }
    return "nri-vertx needs Java " + REQUIRED + " or newer, but this is Java " + specificationVersion + " ("
        + javaHome + "): set JAVA_HOME to a JDK " + REQUIRED + "+ and run \"$JAVA_HOME/bin/java -jar nri-vertx.jar\","
        + " or use bin/nri-vertx, which finds one";
  }

  /** "1.8" is 8, "17" is 17; anything unreadable counts as too old. */
  static int major(String version) {
    if (version == null) {
      return 0;
    }
    String v = version.startsWith("1.") ? version.substring(2) : version;
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
  }
}
