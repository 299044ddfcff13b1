package io.nrivertx.bench;

import com.google.protobuf.util.JsonFormat;
import io.nrivertx.NriOptions;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.plugin.wasm.WasmOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nri-vertx half of the benchmark: runs one case in this JVM and prints one JSON line, with
 * the same flags and output as benchrunner (Go). {@link Bench} starts it as a child JVM, one
 * process per case and round, as it starts benchrunner.
 *
 * <pre>java -cp CLASSPATH io.nrivertx.bench.BenchRun -case create -plugins 3 -adjuster BIN ...</pre>
 */
public final class BenchRun {
  private BenchRun() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = flags(args);
    String kind = o.getOrDefault("case", "");
    CreateContainerRequest tmpl = request(Path.of(o.get("request")));
    JsonObject result;
    if (kind.equals("floor")) {
      result = JavaFloor.run(Path.of(o.get("peer")), tmpl, num(o, "warmup", 5000), num(o, "events", 20000));
    } else if (kind.equals("relay-create")) {
      Path dir = Files.createTempDirectory("benchrelay-");
      try {
        result = RelayCase.run(o, dir);
      } finally {
        try (var files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    } else {
      result = runWithRuntime(kind, o, tmpl);
    }
    System.out.println(result.put("runtime", "nri-vertx").put("case", kind).encode());
    System.exit(0); // the plugins' and Vert.x's threads are gone; do not wait for stragglers
  }

  private static JsonObject runWithRuntime(String kind, Map<String, String> o, CreateContainerRequest tmpl)
      throws Exception {
    Path dir = Files.createTempDirectory("benchrun-");
    int plugins = num(o, "plugins", 1);
    Path adjuster = Path.of(o.getOrDefault("adjuster", "adjuster"));
    if (kind.equals("wasm-create")) {
      return wasmCreate(o, tmpl, dir);
    }
    try (JavaHarness h = new JavaHarness(dir); PluginProcesses ps = new PluginProcesses(dir, h.socket)) {
      switch (kind) {
        case "sync" -> {
          int containers = num(o, "containers", 1000);
          JavaCases.fill(h, tmpl, containers / 5, 5);
          return JavaCases.sync(h, ps, adjuster, plugins);
        }
        default -> {
        }
      }
      ps.startAdjusters(adjuster, plugins);
      if (kind.equals("lifecycle")) {
        ps.startRecorder(Path.of(o.get("recorder")));
      }
      h.awaitPlugins(ps.ids());
      return switch (kind) {
        case "create" -> JavaCases.create(h, tmpl, num(o, "warmup", 5000), num(o, "events", 20000));
        case "lifecycle" -> JavaCases.lifecycle(h, tmpl, num(o, "clients", 1), num(o, "warmup", 5000),
            num(o, "pods", 1000));
        case "memory" -> JavaCases.memory(h, tmpl, num(o, "pods", 1000),
            num(o, "containers", 1000) / num(o, "pods", 1000));
        default -> throw new IllegalArgumentException("unknown -case \"" + kind + "\"");
      };
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /**
   * CreateContainer through one pre-installed WASM adjuster ("10-bench0", the WASM test plugin
   * answering as socket adjuster 0 does), as benchrunner's wasm-create; compiled modules are kept
   * in {@code -wasmCache} so the measured run does not include the compiler.
   */
  private static JsonObject wasmCreate(Map<String, String> o, CreateContainerRequest tmpl, Path dir) throws Exception {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path conf = Files.createDirectories(dir.resolve("conf.d"));
    Files.createSymbolicLink(plugins.resolve("10-bench0"), Path.of(o.get("wasm")).toAbsolutePath());
    Files.writeString(conf.resolve("10-bench0.conf"), new JsonObject().put("plugin", "10-bench0").put("quiet", true)
        .put("answers", new JsonObject().put("*", new JsonObject().put("adjust", new JsonObject()
            .put("annotations", new JsonObject().put("bench.nri.io/p0", "adjusted"))
            .put("env", new io.vertx.core.json.JsonArray().add(new JsonObject().put("key", "BENCH_P0").put("value", "1"))))))
        .encode());
    NriOptions options = new NriOptions().setPluginPath(plugins.toString()).setPluginConfigPath(conf.toString())
        .setWasm(new WasmOptions().setCompile(!"false".equals(o.get("wasmCompile"))).setCacheDir(o.get("wasmCache")));
    long start = System.nanoTime();
    try (JavaHarness h = new JavaHarness(dir, options)) {
      h.awaitPlugins(List.of("10-bench0"));
      long loadMillis = (System.nanoTime() - start) / 1_000_000;
      return JavaCases.create(h, tmpl, num(o, "warmup", 5000), num(o, "events", 20000)).put("loadMillis", loadMillis);
    }
  }

  /** The CreateContainerRequest fixture (protojson), shared with benchrunner. */
  static CreateContainerRequest request(Path file) throws Exception {
    CreateContainerRequest.Builder b = CreateContainerRequest.newBuilder();
    JsonFormat.parser().merge(Files.readString(file), b);
    return b.build();
  }

  /** "-name value" pairs, benchrunner's flag syntax. */
  static Map<String, String> flags(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("-")) {
        throw new IllegalArgumentException("expected -flag value pairs, got " + args[i]);
      }
      o.put(args[i].replaceFirst("^--?", ""), args[i + 1]);
    }
    return o;
  }

  private static int num(Map<String, String> o, String key, int def) {
    return o.containsKey(key) ? Integer.parseInt(o.get(key)) : def;
  }
}
