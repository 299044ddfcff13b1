package io.nrivertx.testing;

import io.nrivertx.api.RegisterPluginRequest;
import io.nrivertx.api.ttrpc.Request;
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
 * A plugin-socket peer that writes raw bytes: RegisterPlugin when asked, then whatever a test
 * needs (frames announcing more than they send, garbage), and tells when the runtime hung up.
 */
public final class RawPeer implements AutoCloseable {
  private final SocketChannel ch;
  private final Selector selector;
  private final SelectionKey key;

  private RawPeer(SocketChannel ch) throws IOException {
    this.ch = ch;
    ch.configureBlocking(false);
    this.selector = Selector.open();
    this.key = ch.register(selector, 0);
  }

  public static RawPeer connect(Path socket) throws IOException {
    SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
    ch.connect(UnixDomainSocketAddress.of(socket));
    return new RawPeer(ch);
  }

  /** An 8-byte mux header: conn id, payload length. */
  public static byte[] muxHeader(int connId, long length) {
    return ByteBuffer.allocate(8).putInt(connId).putInt((int) length).array();
  }

  /**
   * Writes all of {@code bytes}; false when the runtime closed the connection, or stopped reading
   * for {@code 30 s} (a peer it cut may also just stop being read before the close arrives).
   */
  public boolean write(byte[] bytes) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        if (ch.write(b) == 0) {
          key.interestOps(SelectionKey.OP_WRITE);
          if (selector.select(30_000) == 0) {
            return false;
          }
          selector.selectedKeys().clear();
        }
      }
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  /** Sends RegisterPlugin (stream 1 on the runtime's service connection) and waits for any answer. */
  public void register(String name, String index, Duration timeout) throws IOException {
    byte[] payload = RegisterPluginRequest.newBuilder().setPluginName(name).setPluginIdx(index)
        .setNRIVersion("v0.12.5").build().toByteArray();
    byte[] request = Request.newBuilder().setService("nri.pkg.api.v1alpha1.Runtime").setMethod("RegisterPlugin")
        .setPayload(com.google.protobuf.ByteString.copyFrom(payload)).build().toByteArray();
    ByteBuffer frame = ByteBuffer.allocate(8 + 10 + request.length).putInt(2).putInt(10 + request.length)
        .putInt(request.length).putInt(1).put((byte) 1).put((byte) 0).put(request);
    if (!write(frame.array())) {
      throw new IOException("runtime hung up before RegisterPlugin");
    }
    if (read(timeout) <= 0) {
      throw new IOException("no answer to RegisterPlugin within " + timeout);
    }
  }

  /** True once the runtime has closed the connection, reading and dropping what it sends meanwhile. */
  public boolean awaitClosed(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (read(Duration.ofNanos(deadline - System.nanoTime())) < 0) {
        return true;
      }
    }
    return false;
  }

  /** Bytes read within {@code timeout} (0 if none), or -1 at end of stream. */
  private int read(Duration timeout) throws IOException {
    key.interestOps(SelectionKey.OP_READ);
    if (selector.select(Math.max(1, timeout.toMillis())) == 0) {
      return 0;
    }
    selector.selectedKeys().clear();
    try {
      return ch.read(ByteBuffer.allocate(64 << 10));
    } catch (IOException reset) {
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    selector.close();
    ch.close();
  }
}
