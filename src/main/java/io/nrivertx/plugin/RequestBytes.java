package io.nrivertx.plugin;

import com.google.protobuf.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.nrivertx.api.Container;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.wire.ProtoBufs;

/**
 * The one serialization of an event's request, shared by every plugin the event goes to. Most
 * events send one request object to all plugins: it is serialized once, into a direct buffer,
 * and each plugin's call gets a reference to that same memory, which ttrpc writes to the socket
 * without copying ({@code TtrpcConnection.call} with a buffer). CreateContainer sends each plugin
 * the same pod with the container as adjusted so far: the pod is serialized once, the container
 * once per version of it. The bytes are exactly those of {@code toByteArray} (fields in number
 * order). Protobuf-java re-encodes maps and strings on every {@code toByteArray}; that was a
 * quarter of an event's CPU time with three plugins, before the copies into the envelope and the
 * frame that this also avoids.
 *
 * <p>One instance per event, created by the runtime core and passed in {@link CallOptions};
 * confined to the thread that sends the event's calls (the core's event loop). An entry holds its
 * message strongly, so identity cannot be confused with a new object at the same place. The
 * event releases its buffers when it ends ({@link #release}); calls still writing keep their own
 * references, and anything asked for afterwards is serialized afresh and not kept.
 */
public final class RequestBytes {
  private Message message;
  private ByteBuf bytes;
  private PodSandbox pod;
  private ByteBuf podField;
  private Container container;
  private ByteBuf containerField;
  private int serializations;
  private boolean released;

  public RequestBytes() {
  }

  /** The request's bytes, a reference the caller owns; {@code cache} may be null (nothing shared). */
  static ByteBuf of(RequestBytes cache, Message request, ByteBufAllocator alloc) {
    return cache == null ? ProtoBufs.write(alloc, request) : cache.of(request, alloc);
  }

  /** The request's bytes: a new reference (the caller releases it, or hands it to ttrpc) to shared memory. */
  public ByteBuf of(Message request, ByteBufAllocator alloc) {
    if (released) {
      return ProtoBufs.write(alloc, request);
    }
    if (request != message) {
      ByteBuf fresh = request instanceof CreateContainerRequest create && create.hasPod()
          && create.getUnknownFields().asMap().isEmpty() ? create(create, alloc) : serialize(alloc, request);
      drop(bytes);
      bytes = fresh;
      message = request;
    }
    return bytes.retainedDuplicate();
  }

  /** How many protobuf serializations this event's requests took so far (messages and fields). */
  public int serializations() {
    return serializations;
  }

  /** Ends the sharing: the event is over. Idempotent. */
  public void release() {
    released = true;
    drop(bytes);
    drop(podField);
    drop(containerField);
    bytes = podField = containerField = null;
    message = null;
    pod = null;
    container = null;
  }

  /** CreateContainerRequest: pod (1) then container (2), each field serialized once per version. */
  private ByteBuf create(CreateContainerRequest request, ByteBufAllocator alloc) {
    if (request.getPod() != pod) {
      ByteBuf field = field(alloc, 1, request.getPod());
      drop(podField);
      podField = field;
      pod = request.getPod();
    }
    if (!request.hasContainer()) {
      return podField.retainedDuplicate();
    }
    if (request.getContainer() != container) {
      ByteBuf field = field(alloc, 2, request.getContainer());
      drop(containerField);
      containerField = field;
      container = request.getContainer();
    }
    CompositeByteBuf both = alloc.compositeDirectBuffer(2);
    both.addComponent(true, podField.retainedDuplicate());
    both.addComponent(true, containerField.retainedDuplicate());
    return both;
  }

  private ByteBuf serialize(ByteBufAllocator alloc, Message request) {
    serializations++;
    return ProtoBufs.write(alloc, request);
  }

  private ByteBuf field(ByteBufAllocator alloc, int number, Message value) {
    serializations++;
    return ProtoBufs.field(alloc, number, value);
  }

  private static void drop(ByteBuf buf) {
    if (buf != null) {
      buf.release();
    }
  }
}
