package io.nrivertx.conformance;

import io.nrivertx.testing.GoWasm;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --wasm} form of a case: every plugin becomes the project's WASM test plugin
 * (src/test/go/cmd/wasmplugin) pre-installed in a plugin directory under its "NN-name", its flags
 * and adjuster config turned into that plugin's drop-in JSON. Both runtimes load the same module
 * file from such a directory: nri-vertx with Chicory, the Go adaptation with wazero. A recorder on
 * an old stub becomes a current one (a WASM plugin has no stub); a case whose plugins need what a
 * WASM guest cannot do (-delay: it has no clock to wait on that both hosts drive alike) is not
 * expressible.
 */
final class WasmPlugins {
  private static final Pattern LINE = Pattern.compile("plugin (\\S+): (\\{.*)", Pattern.DOTALL);

  private WasmPlugins() {
  }

  /** Why {@code c} cannot run with WASM plugins, or null. */
  static String problem(ConformanceCase c) {
    for (PluginSpec p : c.plugins()) {
      for (int i = 0; i < p.args().size(); i++) {
        String a = p.args().get(i);
        if (a.equals("-delay") || a.equals("-delay-on")) {
          return "plugin " + p.id() + " uses " + a + ", which the WASM test plugin does not have";
        }
      }
    }
    return null;
  }

  /** The drop-in JSON of one plugin (cmd/wasmplugin's Settings). */
  static JsonObject settings(PluginSpec p) {
    JsonObject s = new JsonObject().put("plugin", p.id());
    if (p.kind().equals(PluginSpec.ADJUSTER)) {
      s.put("answers", p.config().copy());
    }
    List<String> args = p.args();
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "-events" -> s.put("events", args.get(++i));
        case "-fail-on" -> s.put("failOn", args.get(++i));
        case "-fail-request" -> s.put("failRequest", true);
        case "-keep-connected" -> s.put("keepConnected", true);
        default -> throw new IllegalArgumentException("plugin " + p.id() + ": no WASM form of " + args.get(i));
      }
    }
    return s;
  }

  /** Lays out {@code dir/plugins} and {@code dir/conf.d} for the case's plugins. */
  static Path install(List<PluginSpec> plugins, Path dir) {
    try {
      Path bin = Files.createDirectories(dir.resolve("plugins"));
      Path conf = Files.createDirectories(dir.resolve("conf.d"));
      for (PluginSpec p : plugins) {
        Files.createSymbolicLink(bin.resolve(p.id()), GoWasm.plugin());
        Files.writeString(conf.resolve(p.id() + ".conf"), settings(p).encode());
      }
      return bin;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The plugins' JSON lines among nri-vertx's plugin output messages, by "NN-name" in the case's order. */
  static Map<String, List<JsonObject>> logs(List<PluginSpec> plugins, List<String> messages) {
    Map<String, List<JsonObject>> out = new LinkedHashMap<>();
    plugins.forEach(p -> out.put(p.id(), new ArrayList<>()));
    for (String m : messages) {
      Matcher matcher = LINE.matcher(m);
      if (matcher.matches() && out.containsKey(matcher.group(1))) {
        out.get(matcher.group(1)).add(new JsonObject(matcher.group(2)));
      }
    }
    return out;
  }

  /** The lines the Go side wrote (refrunner -wasm-log-dir), by "NN-name" in the case's order. */
  static Map<String, List<JsonObject>> logs(List<PluginSpec> plugins, Path logDir) {
    Map<String, List<JsonObject>> out = new LinkedHashMap<>();
    plugins.forEach(p -> out.put(p.id(), PluginProcesses.readLines(logDir.resolve(p.id() + ".jsonl"))));
    return out;
  }

  /**
   * The case as it runs with WASM plugins: old-stub recorders become current ones, and the steps'
   * {@code expect} clauses go, since they were written for socket plugins (a WASM plugin's error
   * comes back as its bare text, without ttrpc's "rpc error: code = ... desc =" around it). The
   * comparison of both runtimes' results stays.
   */
  static ConformanceCase translate(ConformanceCase c) {
    List<PluginSpec> plugins = c.plugins().stream().map(p -> switch (p.kind()) {
      case PluginSpec.OLD_RECORDER, PluginSpec.V030_RECORDER ->
          new PluginSpec(PluginSpec.RECORDER, p.idx(), p.name(), p.args(), null);
      default -> p;
    }).toList();
    JsonObject scenario = c.scenario().copy();
    io.vertx.core.json.JsonArray steps = scenario.getJsonArray("steps");
    if (steps != null) {
      steps.forEach(step -> {
        if (step instanceof JsonObject o) {
          o.remove("expect");
        }
      });
    }
    return new ConformanceCase(c.name(), c.seed(), c.requestTimeout(), c.defaultValidator(), plugins, scenario);
  }
}
