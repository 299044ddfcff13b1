package io.nrivertx.interop;

import com.google.protobuf.Message;
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
 * malformed ones — and reads mux frames back with a deadline. Blocking; test threads only.
 */
final class RawPeer implements AutoCloseable {
  private final SocketChannel ch;


  RawPeer(Path socket) throws IOException {
    ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
  }

  void write(byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  /** One mux frame carrying one whole ttrpc Request for the Runtime service on conn 2. */
  void request(int streamId, String method, Message payload) throws IOException {
    byte[] body = Request.newBuilder().setService("nri.pkg.api.v1alpha1.Runtime").setMethod(method)
        .setPayload(payload.toByteString()).build().toByteArray();
    ByteBuffer frame = ByteBuffer.allocate(8 + 10 + body.length);
    frame.putInt(2).putInt(10 + body.length).putInt(body.length).putInt(streamId).put((byte) 1).put((byte) 0)
        .put(body);
    write(frame.array());
  }

  /** Reads conn-2 frames until one complete ttrpc Response arrives (small responses fit one frame). */
  Response response(Duration timeout) throws IOException {
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
  boolean closedWithin(Duration timeout) throws IOException {
    ch.configureBlocking(false);
    long end = System.nanoTime() + timeout.toNanos();
    ByteBuffer sink = ByteBuffer.allocate(8192);
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
        awaitReadable(end);
      }
    }
    return false;
  }

  private ByteBuffer readFully(int n, long end) throws IOException {
    ch.configureBlocking(false);
    ByteBuffer buf = ByteBuffer.allocate(n);
    while (buf.hasRemaining()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out reading " + n + " bytes");
      }
      if (ch.read(buf) < 0) {
        throw new AssertionError("runtime closed the connection");
      }
      if (buf.hasRemaining()) {
        awaitReadable(end);
      }
    }
    return buf.flip();
  }

  /** Blocks until the socket has something to read (or hung up), or {@code end} passes. */
  private void awaitReadable(long end) throws IOException {
    long left = Math.max(1, (end - System.nanoTime()) / 1_000_000);
    try (Selector selector = Selector.open()) {
      ch.register(selector, SelectionKey.OP_READ);
      selector.select(left);
    }
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
