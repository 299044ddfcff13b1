package io.nrivertx.plugin.wasm;

import io.nrivertx.NriOptions;
import io.nrivertx.testing.GoWasm;
import io.nrivertx.testing.LogCapture;
import io.nrivertx.testing.RuntimeFixture;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runtime with a plugin directory of WASM plugins (the Go test module under several NN-name
 * links, each with its drop-in configuration) and the lines the guests log through env.log.
 */
final class WasmFixture implements AutoCloseable {
  /** Loaded modules shared by the tests of this JVM, as an embedder may share them between runtimes. */
  static final WasmModuleCache MODULES = new WasmModuleCache();
  private static final Pattern LINE = Pattern.compile("plugin (\\S+): (\\{.*)", Pattern.DOTALL);

  final RuntimeFixture rt = new RuntimeFixture();
  final LogCapture output = new LogCapture("io.nrivertx.plugin.output");
  final Path plugins;
  final Path conf;

  WasmFixture() throws IOException {
    plugins = Files.createDirectories(rt.dir.resolve("plugins"));
    conf = Files.createDirectories(rt.dir.resolve("conf.d"));
  }

  /** Links the WASM module as {@code id} with {@code settings} (cmd/wasmplugin's Settings) as its drop-in file. */
  WasmFixture plugin(String id, JsonObject settings) throws IOException {
    Files.createSymbolicLink(plugins.resolve(id), GoWasm.plugin());
    Files.writeString(conf.resolve(id + ".conf"), settings.copy().put("plugin", id).encode());
    return this;
  }

  NriOptions options() {
    return new NriOptions().setPluginPath(plugins.toString()).setPluginConfigPath(conf.toString())
        .setRequestTimeout(Duration.ofSeconds(5))
        .setWasm(new WasmOptions().setCacheDir(GoWasm.compiledCache().toString()).setModuleCache(MODULES));
  }

  /** The JSON lines {@code plugin} logged so far. */
  List<JsonObject> lines(String plugin) {
    List<JsonObject> out = new ArrayList<>();
    for (String m : output.messages()) {
      Matcher matcher = LINE.matcher(m);
      if (matcher.matches() && matcher.group(1).equals(plugin)) {
        out.add(new JsonObject(matcher.group(2)));
      }
    }
    return out;
  }

  List<String> events(String plugin) {
    return lines(plugin).stream().map(l -> l.getString("event")).toList();
  }

  @Override
  public void close() {
    try {
      rt.close();
    } finally {
      output.close();
    }
  }
}
