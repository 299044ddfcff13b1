package io.nrivertx.plugin.wasm.impl;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.UnlinkableException;
import io.nrivertx.plugin.wasm.WasmModuleCache;
import io.nrivertx.plugin.wasm.WasmOptions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads a plugin module the way NRI does (docs/wasm.md): parse it, check that it exports what
 * NRI's WASM plugin API requires, instantiate it with WASI preview 1 and {@code env.log} (no
 * arguments, environment or files), run its {@code _initialize} and check
 * {@code plugin_api_version}. Blocking and slow for big modules: call it on the plugin's worker.
 */
public final class GuestModule {
  /** Logger of plugins' output (also that of launched processes): env.log, WASI stdout and stderr. */
  public static final String OUTPUT_LOGGER = "io.nrivertx.plugin.output";
  /** The version of NRI's WASM plugin API this host speaks. */
  public static final long API_VERSION = 1;

  /** Timings of one load, for logs and benchmarks. */
  /** @param cached true when parse and compile were done by an earlier load (their times are that load's) */
  public record LoadTimes(boolean cached, long parseMillis, long compileMillis, long initializeMillis) {
  }

  /** A loaded instance and what loading it cost. */
  public record Loaded(GuestInstance instance, LoadTimes times, WasiPreview1 wasi) {
  }

  private GuestModule() {
  }

  /**
   * @param cache parsed and compiled modules; a file seen before is only instantiated
   * @throws IllegalArgumentException naming the plugin, the file and what is wrong
   */
  public static Loaded load(String plugin, Path file, WasmOptions options, WasmModuleCache cache) {
    String where = "WASM plugin " + plugin + " (" + file + ")";
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": cannot read it: " + e.getMessage(), e);
    }
    String key = digest(bytes) + (options.isCompile() ? "/compiled" : "/interpreted");
    boolean[] fresh = {false};
    WasmModuleCache.Prepared prepared = cache.get(key, () -> {
      fresh[0] = true;
      return prepare(bytes, options, where);
    });
    MemoryLimits limits = limits(prepared.module(), options, where);
    long t0 = System.nanoTime();
    WasiPreview1 wasi = WasiPreview1.builder().withOptions(WasiOptions.builder()
        .withStdout(new GuestOutput(plugin, "stdout")).withStderr(new GuestOutput(plugin, "stderr")).build()).build();
    ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions())
        .addFunction(HostLog.function(plugin)).build();
    Instance.Builder builder = Instance.builder(prepared.module()).withImportValues(imports).withMemoryLimits(limits)
        .withStart(false);
    if (prepared.machine() != null) {
      builder.withMachineFactory(prepared.machine());
    }
    try {
      Instance instance = builder.build();
      GuestInstance guest = new GuestInstance(plugin, instance);
      if (exportsFunction(prepared.module(), "_initialize")) {
        instance.export("_initialize").apply();
      }
      long version = instance.export("plugin_api_version").apply()[0];
      if (version != API_VERSION) {
        throw new IllegalArgumentException(where + ": API version mismatch, host: " + API_VERSION + ", plugin: " + version);
      }
      return new Loaded(guest, new LoadTimes(!fresh[0], prepared.parseMillis(), prepared.compileMillis(),
          ms(System.nanoTime() - t0)), wasi);
    } catch (UnlinkableException e) {
      wasi.close();
      throw new IllegalArgumentException(where + ": cannot instantiate it: " + e.getMessage()
          + " (NRI gives a WASM plugin only WASI preview 1 and env.log)", e);
    } catch (ChicoryException | StackOverflowError e) {
      wasi.close();
      throw new IllegalArgumentException(where + ": its initialisation failed: " + e, e);
    } catch (RuntimeException e) {
      wasi.close();
      throw e;
    }
  }

  private static WasmModuleCache.Prepared prepare(byte[] bytes, WasmOptions options, String where) {
    long t0 = System.nanoTime();
    WasmModule module;
    try {
      module = Parser.parse(bytes);
    } catch (ChicoryException e) {
      throw new IllegalArgumentException(where + ": not a valid WebAssembly module: " + e.getMessage(), e);
    }
    List<String> missing = missingExports(module);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(where + ": " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
          + " not exported; build the plugin on github.com/containerd/nri/pkg/api (api.RegisterPlugin) with"
          + " GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared");
    }
    long t1 = System.nanoTime();
    Function<Instance, Machine> machine = null;
    if (options.isCompile()) {
      MachineFactoryCompiler.Builder compiler = MachineFactoryCompiler.builder(module)
          .withInterpreterFallback(InterpreterFallback.SILENT);
      if (options.getCacheDir() != null) {
        compiler.withCache(new CompiledCache(Path.of(options.getCacheDir())));
      }
      try {
        machine = compiler.compile();
      } catch (ChicoryException e) {
        throw new IllegalArgumentException(where + ": cannot compile it: " + e.getMessage()
            + " (wasmCompile: false interprets it instead)", e);
      }
    }
    return new WasmModuleCache.Prepared(module, machine, ms(t1 - t0), ms(System.nanoTime() - t1));
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean exportsFunction(WasmModule module, String name) {
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      Export e = module.exportSection().getExport(i);
      if (e.exportType() == ExternalType.FUNCTION && e.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> missingExports(WasmModule module) {
    Set<String> functions = new HashSet<>();
    boolean memory = false;
    for (int i = 0; i < module.exportSection().exportCount(); i++) {
      Export e = module.exportSection().getExport(i);
      if (e.exportType() == ExternalType.FUNCTION) {
        functions.add(e.name());
      } else if (e.exportType() == ExternalType.MEMORY) {
        memory = true;
      }
    }
    List<String> missing = new ArrayList<>();
    for (String name : GuestExports.REQUIRED) {
      if (!functions.contains(name)) {
        missing.add(name);
      }
    }
    if (!memory) {
      missing.add("memory");
    }
    return missing;
  }

  private static MemoryLimits limits(WasmModule module, WasmOptions options, String where) {
    int cap = options.memoryLimitPages();
    var declared = module.memorySection().map(s -> s.getMemory(0).limits()).orElse(null);
    if (declared == null) {
      return new MemoryLimits(0, cap);
    }
    if (declared.initialPages() > cap) {
      throw new IllegalArgumentException(where + ": it needs " + declared.initialPages() * (WasmOptions.PAGE >> 10)
          + " KiB of memory to start, more than wasmMemoryLimit (" + options.getMemoryLimit() + " bytes); raise the limit");
    }
    return new MemoryLimits(declared.initialPages(), Math.min(cap, declared.maximumPages()));
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }
}
