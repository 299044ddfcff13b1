package io.nrivertx.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM flags nri-vertx ships with ({@code conf/jvm.options}, as bin/nri-vertx reads it):
 * every nri-vertx runner and the start-up case use exactly these, so that the report's RSS and
 * latencies are what an operator gets.
 */
final class ShippedJvmFlags {
  private ShippedJvmFlags() {
  }

  static Path file() {
    return Path.of(System.getProperty("nri.project.dir", ".")).resolve("conf/jvm.options");
  }

  static List<String> read() {
    try {
      return parse(Files.readAllLines(file()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped JVM flags " + file(), e);
    }
  }

  /** One flag a line; '#' starts a comment; blank lines are skipped (bin/nri-vertx's rules). */
  static List<String> parse(List<String> lines) {
    return lines.stream().map(l -> l.contains("#") ? l.substring(0, l.indexOf('#')) : l).map(String::strip)
        .filter(l -> !l.isEmpty()).toList();
  }
}
