package io.nrivertx.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Objects;

/**
 * Reassembles the ttrpc messages of one logical connection from the chunks the mux delivers; chunk
 * boundaries need not match message boundaries.
 *
 * <p>A message whose header announces more than {@link WireLimits#MAX_TTRPC_MESSAGE} bytes is
 * skipped as its bytes arrive and reported as {@link TtrpcOversized} once fully skipped, as the Go
 * ttrpc channel does; nothing is allocated for it. An unknown message type is a {@link
 * WireException}, after which the decoder ignores all input.
 *
 * <p>Thread-safety: none; confine each instance to one thread (the channel's event loop).
 */
public final class TtrpcStreamDecoder implements AutoCloseable {

  private enum State { HEADER, BODY, DISCARD, CLOSED }

  /** Initial body buffer size when a message spans several chunks; it grows up to the length. */
  private static final int INITIAL_BODY_CAPACITY = 64 * 1024;

  private final ByteBufAllocator alloc;
  private final InboundLimits limits;
  private final int connId;
  private final byte[] header = new byte[WireLimits.TTRPC_HEADER_LENGTH];
  private int headerFill;
  private State state = State.HEADER;
  private int streamId;
  private byte type;
  private byte flags;
  private long length;
  private long remaining;
  private ByteBuf body;

  public TtrpcStreamDecoder(ByteBufAllocator alloc) {
    this(alloc, InboundLimits.unlimited(), 0);
  }

  /** @param limits where the bytes of a message spanning frames are counted, as held by {@code connId} */
  public TtrpcStreamDecoder(ByteBufAllocator alloc, InboundLimits limits, int connId) {
    this.alloc = Objects.requireNonNull(alloc, "alloc");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.connId = connId;
  }

  /**
   * Consumes all readable bytes of {@code chunk} (the caller keeps ownership of it) and adds each
   * completed {@link TtrpcMessage} to {@code out}; the receiver owns those.
   *
   * @throws WireException on an unknown message type
   */
  public void feed(ByteBuf chunk, List<Object> out) {
    while (chunk.isReadable()) {
      switch (state) {
        case HEADER -> readHeader(chunk, out);
        case BODY -> readBody(chunk, out);
        case DISCARD -> discard(chunk, out);
        case CLOSED -> chunk.skipBytes(chunk.readableBytes());
      }
    }
  }

  /** Releases a partly received message; all later input is ignored. */
  @Override
  public void close() {
    state = State.CLOSED;
    if (body != null) {
      limits.messageBytes(connId, -body.readableBytes());
      body.release();
      body = null;
    }
  }

  private void readHeader(ByteBuf chunk, List<Object> out) {
    int n = Math.min(header.length - headerFill, chunk.readableBytes());
    chunk.readBytes(header, headerFill, n);
    headerFill += n;
    if (headerFill < header.length) {
      return;
    }
    headerFill = 0;
    length = Integer.toUnsignedLong(intAt(0));
    streamId = intAt(4);
    type = header[8];
    flags = header[9];
    if (!WireLimits.isKnownType(type)) {
      close();
      throw new WireException("unknown ttrpc message type " + (type & 0xff) + " on stream "
          + Integer.toUnsignedString(streamId) + " (length " + length + ")");
    }
    if (length > WireLimits.MAX_TTRPC_MESSAGE) {
      remaining = length;
      state = State.DISCARD;
    } else if (length == 0) {
      out.add(new TtrpcFrame(streamId, type, flags, Unpooled.EMPTY_BUFFER));
    } else {
      state = State.BODY;
    }
  }

  private void readBody(ByteBuf chunk, List<Object> out) {
    int len = (int) length;
    if (body == null && chunk.readableBytes() >= len) {
      // Whole body in this chunk: share it instead of copying.
      emit(chunk.readRetainedSlice(len), out);
      return;
    }
    if (body == null) {
      body = alloc.buffer(Math.min(len, INITIAL_BODY_CAPACITY), len);
    }
    int n = Math.min(chunk.readableBytes(), len - body.readableBytes());
    body.writeBytes(chunk, n);
    limits.messageBytes(connId, n);
    if (body.readableBytes() == len) {
      ByteBuf complete = body;
      body = null;
      limits.messageBytes(connId, -len);
      emit(complete, out);
    }
  }

  private void emit(ByteBuf data, List<Object> out) {
    state = State.HEADER;
    out.add(new TtrpcFrame(streamId, type, flags, data));
  }

  private int intAt(int i) {
    return (header[i] & 0xff) << 24 | (header[i + 1] & 0xff) << 16
        | (header[i + 2] & 0xff) << 8 | header[i + 3] & 0xff;
  }

  private void discard(ByteBuf chunk, List<Object> out) {
    int n = (int) Math.min(chunk.readableBytes(), remaining);
    chunk.skipBytes(n);
    remaining -= n;
    if (remaining == 0) {
      state = State.HEADER;
      out.add(new TtrpcOversized(streamId, type, length));
    }
  }
}
