package io.nrivertx.plugin.wasm.impl;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasm.ChicoryException;
import java.nio.charset.StandardCharsets;

/**
 * One instantiated plugin module and NRI's WASM calling convention (docs/wasm.md): the request's
 * protobuf bytes are copied into memory the guest's {@code malloc} returned, the
 * {@code plugin_<method>} export is called with (pointer, length) and answers one i64 packing the
 * reply's pointer (high 32 bits) and length (low 31 bits; bit 31 set means the bytes are an error
 * text); the host frees both buffers. Not thread-safe: one {@link GuestWorker} thread calls it.
 */
public final class GuestInstance {
  private static final long ERROR_FLAG = 1L << 31;

  private final String plugin;
  private final Instance instance;
  private final ExportFunction malloc;
  private final ExportFunction free;

  GuestInstance(String plugin, Instance instance) {
    this.plugin = plugin;
    this.instance = instance;
    this.malloc = instance.export("malloc");
    this.free = instance.export("free");
  }

  /**
   * @param export e.g. "plugin_create_container"
   * @return the reply's protobuf bytes
   * @throws GuestException for an error reply, garbage, a trap or an interrupted call
   */
  public byte[] call(String export, byte[] request) {
    try {
      long in = 0;
      if (request.length > 0) {
        in = malloc.apply(request.length)[0];
        write(in, request, "malloc(" + request.length + ")");
      }
      long packed = instance.export(export).apply(in, request.length)[0];
      if (in != 0) {
        free.apply(in);
      }
      int out = (int) (packed >>> 32);
      long length = packed & 0xffffffffL;
      boolean error = (length & ERROR_FLAG) != 0;
      length &= ~ERROR_FLAG;
      byte[] reply = read(out, length, export);
      if (out != 0) {
        free.apply(out);
      }
      if (error) {
        throw new GuestException(GuestException.Kind.REFUSAL, new String(reply, StandardCharsets.UTF_8));
      }
      return reply;
    } catch (GuestException e) {
      throw e;
    } catch (ChicoryInterruptedException e) {
      throw new GuestException(GuestException.Kind.TIMEOUT, "stopped while running " + export, e);
    } catch (WasiExitException e) {
      throw new GuestException(GuestException.Kind.TRAP, "the module exited with status " + e.exitCode()
          + " in " + export + " (a Go plugin does so when it panics or runs out of memory)", e);
    } catch (ChicoryException | ArithmeticException | IndexOutOfBoundsException e) {
      throw new GuestException(GuestException.Kind.TRAP, "trapped in " + export + ": " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw new GuestException(GuestException.Kind.TRAP, "overflowed its stack in " + export, e);
    } catch (OutOfMemoryError e) {
      throw new GuestException(GuestException.Kind.TRAP, "the JVM ran out of memory in " + export, e);
    }
  }

  private void write(long at, byte[] data, String what) {
    if (!inBounds(at, data.length)) {
      throw garbage(what + " returned 0x" + Long.toHexString(at) + ", outside its memory");
    }
    instance.memory().write((int) at, data);
  }

  private byte[] read(int at, long length, String export) {
    long from = Integer.toUnsignedLong(at);
    if (!inBounds(from, length)) {
      throw garbage(export + " answered a reply of " + length + " bytes at 0x" + Long.toHexString(from)
          + ", outside its memory of " + memoryBytes() + " bytes");
    }
    return length == 0 ? new byte[0] : instance.memory().readBytes(at, (int) length);
  }

  private boolean inBounds(long at, long length) {
    return at >= 0 && length >= 0 && at + length <= memoryBytes();
  }

  private long memoryBytes() {
    Memory memory = instance.memory();
    return memory == null ? 0 : (long) memory.pages() * Memory.PAGE_SIZE;
  }

  private GuestException garbage(String what) {
    return new GuestException(GuestException.Kind.GARBAGE, "plugin " + plugin + ": " + what);
  }

  /** Bytes of linear memory in use now, for logs. */
  public long memoryInUse() {
    return memoryBytes();
  }
}
