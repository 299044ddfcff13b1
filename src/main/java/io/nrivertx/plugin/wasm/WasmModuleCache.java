package io.nrivertx.plugin.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Parsed and compiled WASM modules by content digest, so loading the same file again (a restart
 * after a crash, another runtime sharing this cache) skips parsing and compiling, which take
 * seconds for a Go module of 10 MB. Each runtime has its own unless its {@link WasmOptions} name a
 * shared one. Holds at most {@value #MAX_ENTRIES} modules, least recently used dropped first.
 *
 * <p>Thread-safety: safe for concurrent use; a module being prepared is prepared once.
 */
public final class WasmModuleCache {
  static final int MAX_ENTRIES = 16;

  /** A module ready to instantiate: parsed, and compiled unless interpreted. */
  public record Prepared(WasmModule module, Function<Instance, Machine> machine, long parseMillis, long compileMillis) {
  }

  private final Map<String, Prepared> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Prepared> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** @param key content digest plus anything that changes the result (the compile setting) */
  public synchronized Prepared get(String key, Supplier<Prepared> prepare) {
    Prepared p = entries.get(key);
    if (p == null) {
      p = prepare.get();
      entries.put(key, p);
    }
    return p;
  }

  public synchronized int size() {
    return entries.size();
  }
}
