package io.nrivertx.plugin;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.PodSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serializes the requests of one event without doing the same work once per plugin. An event
 * goes to every subscribed plugin: most events send one request object to all of them, so its
 * bytes are reused; CreateContainer sends each plugin a new container but the same pod, so the
 * pod's bytes are. Protobuf-java re-encodes maps and strings on every {@code toByteArray}; this
 * was a quarter of an event's CPU time with three plugins. The bytes are exactly those of
 * {@code toByteArray} (fields in number order).
 *
 * <p>One instance per event, created by the runtime core and passed in {@link CallOptions};
 * confined to the thread that sends the event's calls (the core's event loop). An entry holds its
 * message strongly, so identity cannot be confused with a new object at the same place. The
 * returned array is shared: callers must not modify it (ttrpc only reads it).
 */
public final class RequestBytes {
  private Message message;
  private byte[] bytes;
  private PodSandbox pod;
  private byte[] podBytes;

  public RequestBytes() {
  }

  /** The request's bytes; {@code cache} may be null (no sharing). */
  static byte[] of(RequestBytes cache, Message request) {
    return cache == null ? request.toByteArray() : cache.of(request);
  }

  public byte[] of(Message request) {
    if (request != message) {
      bytes = request instanceof CreateContainerRequest create && create.getUnknownFields().asMap().isEmpty()
          ? create(create) : request.toByteArray();
      message = request;
    }
    return bytes;
  }

  /** CreateContainerRequest: pod (1) then container (2), the pod's bytes shared by the event's plugins. */
  private byte[] create(CreateContainerRequest request) {
    if (!request.hasPod()) {
      return request.toByteArray();
    }
    if (request.getPod() != pod) {
      pod = request.getPod();
      podBytes = pod.toByteArray();
    }
    int size = CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(podBytes.length)
        + podBytes.length + (request.hasContainer()
        ? CodedOutputStream.computeMessageSize(2, request.getContainer()) : 0);
    byte[] out = new byte[size];
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      cos.writeByteArray(1, podBytes);
      if (request.hasContainer()) {
        cos.writeMessage(2, request.getContainer());
      }
      cos.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: the array has exactly the computed size
    }
    return out;
  }
}
