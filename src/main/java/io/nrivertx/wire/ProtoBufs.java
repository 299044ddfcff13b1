package io.nrivertx.wire;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Protobuf serialization straight into a direct buffer of exactly the message's size, the only
 * place the bytes are produced on their way to a socket (a native transport writes direct buffers
 * as they are; a heap buffer would be copied into one first).
 */
public final class ProtoBufs {
  private ProtoBufs() {
  }

  /** What writes {@code size} bytes of protobuf into the stream. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(CodedOutputStream out) throws IOException;
  }

  /** A new buffer holding exactly what {@code writer} writes; it must write exactly {@code size} bytes. */
  public static ByteBuf write(ByteBufAllocator alloc, int size, Writer writer) {
    if (size == 0) {
      return Unpooled.EMPTY_BUFFER;
    }
    ByteBuf buf = alloc.directBuffer(size, size);
    try {
      // A view of the buffer's own memory (never a composite here), so the writes land in it.
      CodedOutputStream out = CodedOutputStream.newInstance(buf.nioBuffer(0, size));
      writer.writeTo(out);
      out.flush();
      if (out.spaceLeft() != 0) {
        throw new IllegalStateException("protobuf writer wrote " + (size - out.spaceLeft()) + " of " + size
            + " bytes");
      }
      buf.writerIndex(size);
      return buf;
    } catch (IOException e) {
      buf.release();
      throw new UncheckedIOException(e); // out of space: the size was computed wrongly
    } catch (RuntimeException e) {
      buf.release();
      throw e;
    }
  }

  /** {@code message} serialized into a new buffer. */
  public static ByteBuf write(ByteBufAllocator alloc, com.google.protobuf.MessageLite message) {
    return write(alloc, message.getSerializedSize(), message::writeTo);
  }

  /** A length-delimited field {@code number} holding {@code message}, as its parent would serialize it. */
  public static ByteBuf field(ByteBufAllocator alloc, int number, com.google.protobuf.MessageLite message) {
    return write(alloc, CodedOutputStream.computeMessageSize(number, message), out -> out.writeMessage(number, message));
  }
}
