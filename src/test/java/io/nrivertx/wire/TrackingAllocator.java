package io.nrivertx.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocator that remembers every buffer it hands out, so a test can assert that all of them were
 * released: a leak check that fails the test, unlike the leak detector's log lines.
 */
public final class TrackingAllocator extends AbstractByteBufAllocator {

  private final List<ByteBuf> allocated = new ArrayList<>();

  public TrackingAllocator() {
    super(false);
  }

  @Override
  protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
    return track(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
  }

  @Override
  protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
    return track(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
  }

  @Override
  public boolean isDirectBufferPooled() {
    return false;
  }

  private synchronized ByteBuf track(ByteBuf buf) {
    allocated.add(buf);
    return buf;
  }

  /** A buffer holding {@code bytes}, tracked. */
  public ByteBuf of(byte... bytes) {
    return heapBuffer(Math.max(bytes.length, 1)).writeBytes(bytes);
  }

  public synchronized int allocations() {
    return allocated.size();
  }

  /** Fails if any buffer handed out is still referenced. */
  public synchronized void assertAllReleased() {
    for (int i = 0; i < allocated.size(); i++) {
      assertEquals(0, allocated.get(i).refCnt(), "buffer #" + i + " of " + allocated.size()
          + " (" + allocated.get(i).capacity() + " bytes) was not released");
    }
  }
}
