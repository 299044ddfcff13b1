package io.nrivertx.wire;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * A value that owns one {@link ByteBuf} and is reference counted through it, so that Netty's
 * codecs and the pipeline tail release it like any other buffer-carrying message.
 *
 * <p>Thread-safety: as that of the buffer (reference counting is atomic; content is not).
 */
public interface BufferHolder extends ReferenceCounted {

  /** The owned buffer. */
  ByteBuf content();

  @Override
  default int refCnt() {
    return content().refCnt();
  }

  @Override
  default BufferHolder retain() {
    content().retain();
    return this;
  }

  @Override
  default BufferHolder retain(int increment) {
    content().retain(increment);
    return this;
  }

  @Override
  default BufferHolder touch() {
    content().touch();
    return this;
  }

  @Override
  default BufferHolder touch(Object hint) {
    content().touch(hint);
    return this;
  }

  @Override
  default boolean release() {
    return content().release();
  }

  @Override
  default boolean release(int decrement) {
    return content().release(decrement);
  }
}
