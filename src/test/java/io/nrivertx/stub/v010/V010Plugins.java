package io.nrivertx.stub.v010;

import io.nrivertx.testing.GoPeers;
import io.nrivertx.testing.JsonLines;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A v0.1 installation in a temporary directory, the seed's layout with other roots: {@code bin/}
 * holds v0.1 plugins (the shell scripts of src/test/resources/v010, copied so they are
 * executable, under any name) and {@code conf.json} lists the chain. The recorder script appends
 * each request it gets to {@code bin/calls.jsonl}.
 */
final class V010Plugins {
  final Path dir;
  final Path bin;
  final Path conf;

  V010Plugins() {
    try {
      dir = Files.createTempDirectory(Files.createDirectories(GoPeers.buildDir()), "v010-");
      bin = Files.createDirectory(dir.resolve("bin"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    conf = dir.resolve("conf.json");
  }

  /** Installs the test script {@code script} as the v0.1 plugin {@code type}. */
  V010Plugins install(String script, String type) {
    try (InputStream in = V010Plugins.class.getResourceAsStream("/v010/" + script)) {
      if (in == null) {
        throw new IllegalArgumentException("no test script " + script);
      }
      Path target = bin.resolve(type);
      Files.write(target, in.readAllBytes());
      if (!target.toFile().setExecutable(true)) {
        throw new IOException("cannot make " + target + " executable");
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes conf.json with these plugins; each conf is {"name": TYPE}. */
  V010Plugins configure(String... types) {
    JsonArray plugins = new JsonArray();
    for (String type : types) {
      plugins.add(new JsonObject().put("type", type).put("conf", new JsonObject().put("name", type)));
    }
    try {
      Files.writeString(conf, new JsonObject().put("version", "0.1").put("plugins", plugins).encodePrettily());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The requests the recorder copies got so far, in order. */
  List<JsonObject> calls() {
    return new JsonLines(bin.resolve("calls.jsonl")).read();
  }

  V010Options options() {
    return new V010Options().setConfPath(conf.toString()).setBinDirs(List.of(bin.toString()));
  }
}
