package io.nrivertx.testing;

import com.google.protobuf.InvalidProtocolBufferException;
import io.nrivertx.api.StateChangeEvent;
import io.nrivertx.api.ttrpc.Request;
import io.nrivertx.api.ttrpc.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A relay between plugins and the runtime's NRI socket that also decodes what crosses it: plugins
 * dial {@link #socket()}, the tap dials the runtime and copies bytes both ways unchanged, and
 * records every Plugin-service call (mux connection 1) the runtime makes — the ttrpc method, for
 * StateChange the event it carries, and the status code the plugin answered. This shows which
 * RPC really carried an event, whatever the plugin's handlers can tell.
 */
public final class NriTap implements AutoCloseable {
  private static final int PLUGIN_SERVICE_CONN = 1;
  private static final byte TYPE_REQUEST = 1;
  private static final byte TYPE_RESPONSE = 2;

  /**
   * One runtime-to-plugin call. {@code event} is the StateChangeEvent's event for StateChange and
   * null otherwise; {@code code} is the reply's gRPC status code, null while unanswered.
   */
  public record Call(String method, String event, Integer code) {
    /** "Method", or "StateChange:EVENT" for StateChange. */
    public String label() {
      return event == null ? method : method + ":" + event;
    }
  }

  private final Path socket;
  private final Path target;
  private final ServerSocketChannel server;
  private final List<SocketChannel> channels = new ArrayList<>();
  private final List<Call> calls = new ArrayList<>();
  private volatile boolean closed;

  /** Listens on {@code socket} and relays each connection to the runtime socket {@code target}. */
  public NriTap(Path socket, Path target) {
    this.socket = socket;
    this.target = target;
    try {
      Files.createDirectories(socket.getParent());
      server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + socket, e);
    }
    Thread.ofPlatform().daemon().name("nri-tap-accept").start(this::acceptLoop);
  }

  /** The socket plugins should dial. */
  public Path socket() {
    return socket;
  }

  /** Every call so far, in the order the runtime made them. */
  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** Polls until {@code condition} holds over all calls; returns them. */
  public List<Call> await(Predicate<List<Call>> condition, Duration timeout) {
    return Waiting.until(this::calls, condition, timeout,
        now -> "tap condition not met within " + timeout + "; calls: " + now);
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel plugin;
      SocketChannel runtime;
      try {
        plugin = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        runtime = SocketChannel.open(StandardProtocolFamily.UNIX);
        runtime.connect(UnixDomainSocketAddress.of(target));
      } catch (IOException e) {
        closeQuietly(plugin);
        continue;
      }
      synchronized (channels) {
        channels.add(plugin);
        channels.add(runtime);
      }
      // Stream IDs are per connection, so each relayed connection gets its own table.
      Map<Integer, Integer> pending = new HashMap<>();
      Thread.ofPlatform().daemon().name("nri-tap-to-plugin").start(
          () -> pump(runtime, plugin, new Decoder(true, pending)));
      Thread.ofPlatform().daemon().name("nri-tap-to-runtime").start(
          () -> pump(plugin, runtime, new Decoder(false, pending)));
    }
  }

  private void pump(SocketChannel from, SocketChannel to, Decoder decoder) {
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    try {
      while (from.read(buf) >= 0) {
        buf.flip();
        decoder.feed(buf.array(), buf.position(), buf.limit());
        while (buf.hasRemaining()) {
          to.write(buf);
        }
        buf.clear();
      }
    } catch (IOException ignored) { // either side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  /** Reassembles mux frames, then the ttrpc messages of conn 1, from one direction of one connection. */
  private final class Decoder {
    private final boolean toPlugin;
    private final Map<Integer, Integer> pending; // stream ID -> index into calls
    private final Growable mux = new Growable();
    private final Growable ttrpc = new Growable();

    Decoder(boolean toPlugin, Map<Integer, Integer> pending) {
      this.toPlugin = toPlugin;
      this.pending = pending;
    }

    void feed(byte[] data, int from, int to) {
      mux.append(data, from, to - from);
      while (mux.size() >= 8) {
        ByteBuffer head = ByteBuffer.wrap(mux.bytes(), 0, 8);
        int conn = head.getInt();
        int length = head.getInt();
        if (mux.size() < 8 + length) {
          return;
        }
        if (conn == PLUGIN_SERVICE_CONN) {
          ttrpc.append(mux.bytes(), 8, length);
          messages();
        }
        mux.consume(8 + length);
      }
    }

    private void messages() {
      while (ttrpc.size() >= 10) {
        ByteBuffer head = ByteBuffer.wrap(ttrpc.bytes(), 0, 10);
        int length = head.getInt();
        int stream = head.getInt();
        byte type = head.get();
        if (ttrpc.size() < 10 + length) {
          return;
        }
        byte[] body = java.util.Arrays.copyOfRange(ttrpc.bytes(), 10, 10 + length);
        ttrpc.consume(10 + length);
        try {
          if (toPlugin && type == TYPE_REQUEST) {
            onRequest(stream, Request.parseFrom(body));
          } else if (!toPlugin && type == TYPE_RESPONSE) {
            onResponse(stream, Response.parseFrom(body));
          }
        } catch (InvalidProtocolBufferException e) {
          record(stream, new Call("<undecodable: " + e.getMessage() + ">", null, null));
        }
      }
    }

    private void onRequest(int stream, Request req) throws InvalidProtocolBufferException {
      String event = null;
      if (req.getMethod().equals("StateChange")) {
        event = StateChangeEvent.parseFrom(req.getPayload()).getEvent().name();
      }
      record(stream, new Call(req.getMethod(), event, null));
    }

    private void record(int stream, Call call) {
      synchronized (calls) {
        pending.put(stream, calls.size());
        calls.add(call);
      }
    }

    private void onResponse(int stream, Response rsp) {
      synchronized (calls) {
        Integer at = pending.remove(stream);
        if (at != null) {
          Call c = calls.get(at);
          calls.set(at, new Call(c.method(), c.event(), rsp.getStatus().getCode()));
        }
      }
    }
  }

  /** A byte buffer that grows at the end and is consumed from the front. */
  private static final class Growable {
    private byte[] data = new byte[8192];
    private int size;

    void append(byte[] src, int from, int len) {
      if (size + len > data.length) {
        data = java.util.Arrays.copyOf(data, Math.max(data.length * 2, size + len));
      }
      System.arraycopy(src, from, data, size, len);
      size += len;
    }

    void consume(int n) {
      System.arraycopy(data, n, data, 0, size - n);
      size -= n;
    }

    byte[] bytes() {
      return data;
    }

    int size() {
      return size;
    }
  }

  private static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) { // already closed
    }
  }

  /** Stops listening, cuts every relayed connection and removes the socket file. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) { // already closed
    }
    synchronized (channels) {
      channels.forEach(NriTap::closeQuietly);
    }
    try {
      Files.deleteIfExists(socket);
    } catch (IOException ignored) { // lives in the fixture's temporary directory anyway
    }
  }
}
