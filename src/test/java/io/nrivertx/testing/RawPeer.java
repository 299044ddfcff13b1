package io.nrivertx.testing;

import com.google.protobuf.Message;
import io.nrivertx.api.RegisterPluginRequest;
import io.nrivertx.api.ttrpc.Request;
import io.nrivertx.api.ttrpc.Response;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A hand-driven client on the NRI socket that writes exactly the bytes a test wants — including
 * malformed ones and frames announcing more than they send — and reads mux frames back with a
 * deadline. Test threads only; every wait is bounded.
 */
public final class RawPeer implements AutoCloseable {
  private static final long WRITE_STALL_MILLIS = 30_000;

  private final SocketChannel ch;
  private final Selector selector;
  private final SelectionKey key;

  public RawPeer(Path socket) throws IOException {
    ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    ch.configureBlocking(false);
    selector = Selector.open();
    key = ch.register(selector, 0);
  }

  public static RawPeer connect(Path socket) throws IOException {
    return new RawPeer(socket);
  }

  /** An 8-byte mux header: conn id, payload length. */
  public static byte[] muxHeader(int connId, long length) {
    return ByteBuffer.allocate(8).putInt(connId).putInt((int) length).array();
  }

  /** Writes all of {@code bytes}; fails when the runtime closed the connection or stopped reading for 30 s. */
  public void write(byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      if (ch.write(buf) == 0 && !await(SelectionKey.OP_WRITE, System.nanoTime() + WRITE_STALL_MILLIS * 1_000_000)) {
        throw new IOException("the runtime stopped reading");
      }
    }
  }

  /** As {@link #write}; false instead of an exception once the runtime has hung up. */
  public boolean tryWrite(byte[] bytes) {
    try {
      write(bytes);
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /** One mux frame carrying one whole ttrpc Request for the Runtime service on conn 2. */
  public void request(int streamId, String method, Message payload) throws IOException {
    byte[] body = Request.newBuilder().setService("nri.pkg.api.v1alpha1.Runtime").setMethod(method)
        .setPayload(payload.toByteString()).build().toByteArray();
    ByteBuffer frame = ByteBuffer.allocate(8 + 10 + body.length);
    frame.putInt(2).putInt(10 + body.length).putInt(body.length).putInt(streamId).put((byte) 1).put((byte) 0)
        .put(body);
    write(frame.array());
  }

  /** Registers as {@code index-name} (stream 1) and checks that the runtime accepted it. */
  public void register(String name, String index, Duration timeout) throws IOException {
    request(1, "RegisterPlugin", RegisterPluginRequest.newBuilder().setPluginName(name).setPluginIdx(index)
        .setNRIVersion("v0.12.5").build());
    Response r = response(timeout);
    if (r.getStatus().getCode() != 0) {
      throw new IOException("RegisterPlugin refused: " + r.getStatus().getMessage());
    }
  }

  /** Reads conn-2 frames until one complete ttrpc Response arrives (small responses fit one frame). */
  public Response response(Duration timeout) throws IOException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      ByteBuffer head = readFully(8, end);
      int conn = head.getInt();
      byte[] payload = readFully(head.getInt(), end).array();
      if (conn != 2) {
        continue;
      }
      ByteBuffer ttrpc = ByteBuffer.wrap(payload);
      int length = ttrpc.getInt();
      ttrpc.getInt();
      byte type = ttrpc.get();
      ttrpc.get();
      if (type != 2) {
        throw new AssertionError("expected a Response on conn 2, got type " + type);
      }
      byte[] body = new byte[length];
      ttrpc.get(body);
      return Response.parseFrom(body);
    }
    throw new AssertionError("no response within " + timeout);
  }

  /** True when the runtime hangs up (EOF) within the timeout; bytes sent before are skipped. */
  public boolean closedWithin(Duration timeout) throws IOException {
    long end = System.nanoTime() + timeout.toNanos();
    ByteBuffer sink = ByteBuffer.allocate(64 << 10);
    while (System.nanoTime() < end) {
      sink.clear();
      int n;
      try {
        n = ch.read(sink);
      } catch (IOException reset) {
        return true;
      }
      if (n < 0) {
        return true;
      }
      if (n == 0) {
        await(SelectionKey.OP_READ, end);
      }
    }
    return false;
  }

  private ByteBuffer readFully(int n, long end) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(n);
    while (buf.hasRemaining()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out reading " + n + " bytes");
      }
      if (ch.read(buf) < 0) {
        throw new AssertionError("runtime closed the connection");
      }
      if (buf.hasRemaining()) {
        await(SelectionKey.OP_READ, end);
      }
    }
    return buf.flip();
  }

  /** Blocks until the socket is ready for {@code op} (or hung up); false when {@code end} passed first. */
  private boolean await(int op, long end) throws IOException {
    long left = (end - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      return false;
    }
    key.interestOps(op);
    boolean ready = selector.select(left) > 0;
    selector.selectedKeys().clear();
    return ready;
  }

  @Override
  public void close() throws IOException {
    selector.close();
    ch.close();
  }
}
