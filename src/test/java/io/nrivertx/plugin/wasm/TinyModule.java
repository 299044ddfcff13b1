package io.nrivertx.plugin.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small WebAssembly modules with the exports of NRI's WASM plugin API, each function's body
 * given as raw instructions, so tests can make a guest that answers anything: error replies,
 * pointers outside memory, bytes that are not protobuf, endless loops, traps.
 */
final class TinyModule {
  static final List<String> METHODS = List.of("configure", "synchronize", "shutdown", "run_pod_sandbox",
      "update_pod_sandbox", "post_update_pod_sandbox", "stop_pod_sandbox", "remove_pod_sandbox", "create_container",
      "post_create_container", "start_container", "post_start_container", "update_container",
      "post_update_container", "stop_container", "remove_container", "state_change",
      "validate_container_adjustment");
  static final int DATA_AT = 2048;
  /** i64.const 0: an empty reply. */
  static final byte[] EMPTY = i64(0);
  /** loop br 0 end, then a result never reached. */
  static final byte[] SPIN = concat(new byte[] {0x03, 0x40, 0x0c, 0x00, 0x0b}, i64(0));
  static final byte[] TRAP = {0x00};

  private final Map<String, byte[]> bodies = new LinkedHashMap<>();
  private long apiVersion = 1;
  private byte[] data = new byte[0];
  private boolean withConfigure = true;

  TinyModule() {
    METHODS.forEach(m -> bodies.put("plugin_" + m, EMPTY));
  }

  TinyModule body(String export, byte[] instructions) {
    bodies.put(export, instructions);
    return this;
  }

  /** Bytes placed at {@link #DATA_AT}. */
  TinyModule data(byte[] bytes) {
    data = bytes;
    return this;
  }

  TinyModule apiVersion(long v) {
    apiVersion = v;
    return this;
  }

  TinyModule withoutConfigure() {
    withConfigure = false;
    return this;
  }

  /** The packed reply of NRI's ABI: pointer in the high half, length (bit 31: error) in the low. */
  static byte[] reply(long pointer, long length, boolean error) {
    return i64((pointer << 32) | length | (error ? 1L << 31 : 0));
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    // Types: 0 () -> i64, 1 (i32) -> i32, 2 (i32) -> (), 3 (i32, i32) -> i64.
    section(out, 1, vec(4, concat(new byte[] {0x60, 0, 1, 0x7e}, new byte[] {0x60, 1, 0x7f, 1, 0x7f},
        new byte[] {0x60, 1, 0x7f, 0}, new byte[] {0x60, 2, 0x7f, 0x7f, 1, 0x7e})));
    List<String> methods = bodies.keySet().stream().filter(e -> withConfigure || !e.equals("plugin_configure")).toList();
    ByteArrayOutputStream funcs = new ByteArrayOutputStream();
    funcs.writeBytes(new byte[] {0, 1, 2});
    methods.forEach(m -> funcs.write(3));
    section(out, 3, vec(3 + methods.size(), funcs.toByteArray()));
    section(out, 5, vec(1, new byte[] {0x00, 0x01}));
    ByteArrayOutputStream exports = new ByteArrayOutputStream();
    exports.writeBytes(export("memory", 2, 0));
    exports.writeBytes(export("plugin_api_version", 0, 0));
    exports.writeBytes(export("malloc", 0, 1));
    exports.writeBytes(export("free", 0, 2));
    for (int i = 0; i < methods.size(); i++) {
      exports.writeBytes(export(methods.get(i), 0, 3 + i));
    }
    section(out, 7, vec(4 + methods.size(), exports.toByteArray()));
    ByteArrayOutputStream code = new ByteArrayOutputStream();
    code.writeBytes(function(i64(apiVersion)));
    code.writeBytes(function(new byte[] {0x41, (byte) 0x80, 0x08})); // malloc: always 1024
    code.writeBytes(function(new byte[0]));
    methods.forEach(m -> code.writeBytes(function(bodies.get(m))));
    section(out, 10, vec(3 + methods.size(), code.toByteArray()));
    section(out, 11, vec(1, concat(new byte[] {0x00, 0x41}, sleb(DATA_AT), new byte[] {0x0b}, uleb(data.length), data)));
    return out.toByteArray();
  }

  private static byte[] function(byte[] instructions) {
    byte[] body = concat(new byte[] {0}, instructions, new byte[] {0x0b});
    return concat(uleb(body.length), body);
  }

  private static byte[] export(String name, int kind, int index) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    return concat(uleb(n.length), n, new byte[] {(byte) kind}, uleb(index));
  }

  private static void section(ByteArrayOutputStream out, int id, byte[] content) {
    out.write(id);
    out.writeBytes(uleb(content.length));
    out.writeBytes(content);
  }

  private static byte[] vec(int count, byte[] items) {
    return concat(uleb(count), items);
  }

  static byte[] i64(long v) {
    return concat(new byte[] {0x42}, sleb(v));
  }

  private static byte[] uleb(long v) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    do {
      int x = (int) (v & 0x7f);
      v >>>= 7;
      b.write(v != 0 ? x | 0x80 : x);
    } while (v != 0);
    return b.toByteArray();
  }

  private static byte[] sleb(long v) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (true) {
      int x = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (x & 0x40) == 0) || (v == -1 && (x & 0x40) != 0);
      b.write(done ? x : x | 0x80);
      if (done) {
        return b.toByteArray();
      }
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }
}
