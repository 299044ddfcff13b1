package io.nrivertx.testing;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * Clustered Vert.x for tests, on the examples' loopback-only Hazelcast configuration
 * (examples/cluster/hazelcast-loopback.xml), so that tests and documentation use the same one.
 * Every test cluster gets a name of its own: parallel builds on this machine never merge.
 */
public final class LoopbackCluster {
  private static final String EXAMPLE_NAME = "<cluster-name>nri-vertx-examples</cluster-name>";

  private LoopbackCluster() {
  }

  public static Path configFile() {
    return Path.of(System.getProperty("nri.project.dir", ".")).toAbsolutePath()
        .resolve("examples/cluster/hazelcast-loopback.xml");
  }

  /** A cluster name no other test run uses. */
  public static String uniqueName() {
    return "nri-it-" + UUID.randomUUID();
  }

  /** A Vert.x with native transport joined to cluster {@code name}, everything on 127.0.0.1. */
  public static Future<Vertx> join(String name) {
    Config config;
    try {
      config = new XmlConfigBuilder(configFile().toString()).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config.setClusterName(name);
    VertxOptions options = new VertxOptions().setPreferNativeTransport(true)
        .setEventBusOptions(new EventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1"));
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(config)).buildClustered();
  }

  /** A copy of the examples' configuration naming cluster {@code name}, for child processes. */
  public static Path configCopy(Path dir, String name) {
    try {
      String xml = Files.readString(configFile());
      if (!xml.contains(EXAMPLE_NAME)) {
        throw new AssertionError(configFile() + " no longer contains " + EXAMPLE_NAME);
      }
      return Files.writeString(dir.resolve("hazelcast-" + name + ".xml"),
          xml.replace(EXAMPLE_NAME, "<cluster-name>" + name + "</cluster-name>"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The jars of vertx-hazelcast and Hazelcast this test runs with, linked into {@code dir}: what
   * the README's {@code mvn dependency:copy-dependencies} puts into target/cluster-libs.
   */
  public static Path clusterLibs(Path dir) {
    try {
      Files.createDirectories(dir);
      // Found through their classes: the forked test JVM's class path may be a manifest-only jar.
      for (Class<?> c : List.of(HazelcastClusterManager.class, com.hazelcast.core.Hazelcast.class)) {
        Path jar = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.createSymbolicLink(dir.resolve(jar.getFileName()), jar);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
