package io.nrivertx.plugin;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import io.nrivertx.api.CreateContainerRequest;
import io.nrivertx.api.PodSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serializes the requests sent to plugins without doing the same work once per plugin. An event
 * goes to every subscribed plugin: most events send one request object to all of them, so its
 * bytes are reused; CreateContainer sends each plugin a new container but the same pod, so the
 * pod's bytes are. Protobuf-java re-encodes maps and strings on every {@code toByteArray}; this
 * was a quarter of an event's CPU time with three plugins. The bytes are exactly those of
 * {@code toByteArray} (fields in number order).
 *
 * <p>Thread-safety: one cache per thread (the event loop sending the event); a cache entry holds
 * its message strongly, so identity cannot be confused with a new object at the same place.
 * The returned array is shared: callers must not modify it (ttrpc only reads it).
 */
final class RequestBytes {
  private static final ThreadLocal<RequestBytes> LAST = ThreadLocal.withInitial(RequestBytes::new);

  private Message message;
  private byte[] bytes;
  private PodSandbox pod;
  private byte[] podBytes;

  private RequestBytes() {
  }

  static byte[] of(Message request) {
    RequestBytes cache = LAST.get();
    if (request != cache.message) {
      cache.bytes = request instanceof CreateContainerRequest create && create.getUnknownFields().asMap().isEmpty()
          ? cache.create(create) : request.toByteArray();
      cache.message = request;
    }
    return cache.bytes;
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
