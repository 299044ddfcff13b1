package io.nrivertx.plugin.wasm;

import io.vertx.core.json.JsonObject;

/**
 * How WASM plugins are run: the memory limit of each instance, whether modules are compiled to
 * JVM bytecode when loaded (else interpreted), and where compiled modules are kept between
 * starts. Copyable and JSON-convertible like the other options.
 */
public final class WasmOptions {
  /** WebAssembly's page size; limits are whole pages. */
  public static final long PAGE = 64 * 1024;
  /** 4 GiB, all a 32-bit WebAssembly memory can address. */
  public static final long MAX_MEMORY = 65536 * PAGE;
  public static final long DEFAULT_MEMORY_LIMIT = 512L << 20;

  private long memoryLimit = DEFAULT_MEMORY_LIMIT;
  private boolean compile = true;
  private String cacheDir;
  private WasmModuleCache moduleCache;

  public WasmOptions() {
  }

  /** A copy; a shared module cache stays shared. */
  public WasmOptions(WasmOptions other) {
    this(other.toJson());
    moduleCache = other.moduleCache;
  }

  public WasmOptions(JsonObject json) {
    setMemoryLimit(json.getLong("memoryLimit", memoryLimit));
    compile = json.getBoolean("compile", compile);
    cacheDir = json.getString("cacheDir", cacheDir);
  }

  public JsonObject toJson() {
    return new JsonObject().put("memoryLimit", memoryLimit).put("compile", compile).put("cacheDir", cacheDir);
  }

  /** Bytes one plugin instance's linear memory may grow to; a guest asking for more runs out of memory. */
  public long getMemoryLimit() {
    return memoryLimit;
  }

  /** @throws IllegalArgumentException unless it is between one page (64 KiB) and 4 GiB */
  public WasmOptions setMemoryLimit(long memoryLimit) {
    if (memoryLimit < PAGE || memoryLimit > MAX_MEMORY) {
      throw new IllegalArgumentException("wasmMemoryLimit must be between 64KiB and 4GiB, got " + memoryLimit + " bytes");
    }
    this.memoryLimit = memoryLimit;
    return this;
  }

  /** The limit in whole pages (rounded down). */
  public int memoryLimitPages() {
    return (int) (memoryLimit / PAGE);
  }

  /** True (default): compile each module to JVM bytecode at load; false: interpret it. */
  public boolean isCompile() {
    return compile;
  }

  public WasmOptions setCompile(boolean compile) {
    this.compile = compile;
    return this;
  }

  /** Directory (created 0700) keeping compiled modules by content digest; null: compile at every load. */
  public String getCacheDir() {
    return cacheDir;
  }

  public WasmOptions setCacheDir(String cacheDir) {
    this.cacheDir = cacheDir == null || cacheDir.isBlank() ? null : cacheDir;
    return this;
  }

  /** Modules shared with other runtimes of this JVM; null (default): each runtime keeps its own. Not part of the JSON form. */
  public WasmModuleCache getModuleCache() {
    return moduleCache;
  }

  public WasmOptions setModuleCache(WasmModuleCache moduleCache) {
    this.moduleCache = moduleCache;
    return this;
  }
}
