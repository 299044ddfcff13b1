package io.nrivertx.conformance;

import static io.nrivertx.conformance.Rand.value;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Random LinuxResources as proto3 JSON, from small value pools so that plugins collide on the
 * same fields and keys. Zero values appear on purpose: an Optional holding 0 is set, not absent.
 */
final class ResourcesGen {
  private static final List<String> MEMORY = List.of("limit", "reservation", "swap", "kernel", "kernelTcp");
  private static final List<String> CPU = List.of("shares", "quota", "period", "realtimeRuntime", "realtimePeriod");

  private ResourcesGen() {
  }

  /**
   * @param fewKeys at most one unified key: with ignore_failure, which keys of a map NRI claims
   *                before a conflict depends on Go's random map order
   */
  static JsonObject resources(Rand r, boolean fewKeys) {
    JsonObject res = new JsonObject();
    if (r.chance(0.5)) {
      res.put("memory", memory(r));
    }
    if (r.chance(0.5)) {
      res.put("cpu", cpu(r));
    }
    if (r.chance(0.2)) {
      JsonArray pages = new JsonArray();
      for (String size : r.some(List.of("2MB", "1GB", "64KB"), 1, 2)) {
        pages.add(new JsonObject().put("pageSize", size).put("limit", r.pick("0", "1073741824", "2147483648")));
      }
      res.put("hugepageLimits", pages);
    }
    if (r.chance(0.2)) {
      JsonObject unified = new JsonObject();
      for (String key : r.some(List.of("memory.high", "cpu.weight", "io.max"), 1, fewKeys ? 1 : 2)) {
        unified.put(key, r.pick("max", "100", "8:0 rbps=1048576"));
      }
      res.put("unified", unified);
    }
    if (r.chance(0.15)) {
      res.put("blockioClass", value(r.pick("gold", "silver", "")));
    }
    if (r.chance(0.15)) {
      res.put("rdtClass", value(r.pick("class-a", "class-b")));
    }
    if (r.chance(0.15)) {
      res.put("pids", new JsonObject().put("limit", r.pick("0", "100", "4096")));
    }
    if (r.chance(0.1)) {
      res.put("devices", new JsonArray().add(new JsonObject().put("allow", r.chance(0.5)).put("type", "c")
          .put("major", value(r.pick("1", "10"))).put("minor", value(r.pick("3", "200"))).put("access", "rwm")));
    }
    return res;
  }

  static JsonObject memory(Rand r) {
    JsonObject m = new JsonObject();
    for (String f : r.some(MEMORY, 1, 2)) {
      m.put(f, value(r.pick("0", "268435456", "536870912", "1073741824")));
    }
    if (r.chance(0.2)) {
      m.put("swappiness", value(r.pick("0", "60")));
    }
    if (r.chance(0.15)) {
      m.put(r.pick("disableOomKiller", "useHierarchy"), value(r.chance(0.5)));
    }
    return m;
  }

  static JsonObject cpu(Rand r) {
    JsonObject c = new JsonObject();
    for (String f : r.some(CPU, 1, 2)) {
      c.put(f, value(r.pick("0", "512", "1024", "100000", "50000")));
    }
    if (r.chance(0.3)) {
      c.put("cpus", r.pick("0-1", "2", "0-3"));
    }
    if (r.chance(0.2)) {
      c.put("mems", r.pick("0", "0-1"));
    }
    return c;
  }
}
