package io.nrivertx.protocol;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import io.nrivertx.api.ttrpc.KeyValue;
import io.nrivertx.api.ttrpc.Request;
import io.nrivertx.api.ttrpc.Response;
import io.nrivertx.wire.ProtoBufs;
import io.nrivertx.wire.TtrpcBufOutbound;
import io.nrivertx.wire.TtrpcFrame;
import io.nrivertx.wire.TtrpcMessage;
import io.nrivertx.wire.TtrpcOversized;
import io.nrivertx.wire.WireLimits;
import io.vertx.core.Promise;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ttrpc client half of a {@link TtrpcConnection}: allocates stream ids, tracks pending calls,
 * enforces local deadlines and matches responses by stream id (they may come in any order).
 *
 * <p>Thread-safety: event loop only.
 */
final class ClientCalls {

  private static final System.Logger LOG = System.getLogger(ClientCalls.class.getName());

  private record Pending(String name, Promise<byte[]> promise, ScheduledFuture<?> timer) {}

  private final TtrpcConnection connection;
  private final Map<Integer, Pending> pending = new HashMap<>();
  private int nextStreamId = 1;

  ClientCalls(TtrpcConnection connection) {
    this.connection = connection;
  }

  /**
   * Sends a Request whose payload is {@code payload} itself: the envelope's other fields are
   * serialized around it (in field order, so the bytes are those of {@code Request.toByteArray}),
   * and the payload's memory goes to the socket as it is. Takes over the reference to {@code payload}.
   */
  void start(String service, String method, ByteBuf payload, long timeoutMillis,
      Map<String, String> metadata, Promise<byte[]> promise) {
    if (connection.isClosed()) {
      payload.release();
      promise.tryFail(TtrpcException.closed(connection.closeReason()));
      return;
    }
    if (timeoutMillis < 0) {
      payload.release();
      promise.tryFail(new IllegalArgumentException("negative timeout " + timeoutMillis + " ms"));
      return;
    }
    Request head = Request.newBuilder().setService(service).setMethod(method).build();
    Request.Builder rest = Request.newBuilder().setTimeoutNano(
        timeoutMillis > Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : timeoutMillis * 1_000_000);
    metadata.forEach((k, v) -> rest.addMetadata(KeyValue.newBuilder().setKey(k).setValue(v)));
    Request tail = rest.build();
    int length = payload.readableBytes();
    // Field 3 (bytes payload) as protobuf writes it: omitted when empty, else tag and length first.
    int payloadHead = length == 0 ? 0
        : CodedOutputStream.computeTagSize(3) + CodedOutputStream.computeUInt32SizeNoTag(length);
    int headSize = head.getSerializedSize() + payloadHead;
    long size = (long) headSize + length + tail.getSerializedSize();
    if (size > WireLimits.MAX_TTRPC_MESSAGE) {
      // Refused before anything is written, as Go ttrpc does; NRI's Synchronize splitting needs it.
      payload.release();
      promise.tryFail(TtrpcException.tooLarge((int) Math.min(size, Integer.MAX_VALUE)));
      return;
    }
    ByteBufAllocator alloc = connection.channel().alloc();
    CompositeByteBuf body = alloc.compositeDirectBuffer(3);
    try {
      body.addComponent(true, ProtoBufs.write(alloc, headSize, out -> {
        head.writeTo(out);
        if (length > 0) {
          out.writeTag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);
          out.writeUInt32NoTag(length);
        }
      }));
      body.addComponent(true, payload);
      body.addComponent(true, ProtoBufs.write(alloc, tail));
    } catch (RuntimeException e) {
      if (body.numComponents() < 2) {
        payload.release();
      }
      body.release();
      promise.tryFail(e);
      return;
    }
    int streamId = nextStreamId;
    nextStreamId += 2;
    String name = service + "/" + method + " (stream " + Integer.toUnsignedString(streamId) + ")";
    ScheduledFuture<?> timer = timeoutMillis == 0 ? null : connection.eventLoop().schedule(
        () -> expire(streamId, timeoutMillis), timeoutMillis, TimeUnit.MILLISECONDS);
    pending.put(streamId, new Pending(name, promise, timer));
    connection.send(new TtrpcBufOutbound(connection.role().clientConnId(), streamId,
        WireLimits.TYPE_REQUEST, (byte) 0, body));
  }

  void onMessage(TtrpcMessage message) {
    switch (message) {
      // Go fails the stream whatever the message type when its body was too large.
      case TtrpcOversized o -> complete(o.streamId(), null, TtrpcException.tooLarge(o.length()));
      case TtrpcFrame f when f.type() == WireLimits.TYPE_RESPONSE -> onResponse(f);
      case TtrpcFrame f -> LOG.log(Level.DEBUG, () -> connection.logName()
          + ": ignoring ttrpc message of type " + f.type() + " on client stream "
          + Integer.toUnsignedString(f.streamId()));
    }
  }

  /** Fails every pending call with {@code failure} (the connection is closing). */
  void failAll(TtrpcException failure) {
    for (Pending call : new ArrayList<>(pending.values())) {
      cancelTimer(call);
      call.promise().tryFail(failure);
    }
    pending.clear();
  }

  private void onResponse(TtrpcFrame frame) {
    Response response;
    try {
      response = Response.parseFrom(frame.data().nioBuffer());
    } catch (InvalidProtocolBufferException e) {
      complete(frame.streamId(), null, TtrpcException.status(GrpcCode.INTERNAL,
          "ttrpc: error unmarshalling response: " + e.getMessage()));
      return;
    }
    int code = response.getStatus().getCode();
    if (code != 0) {
      complete(frame.streamId(), null, new TtrpcException(code, response.getStatus().getMessage()));
    } else {
      complete(frame.streamId(), response.getPayload().toByteArray(), null);
    }
  }

  private void complete(int streamId, byte[] result, TtrpcException failure) {
    Pending call = pending.remove(streamId);
    if (call == null) {
      // No cancel frame exists in ttrpc: an abandoned (timed out) stream may still be answered.
      LOG.log(Level.INFO, "{0}: dropping ttrpc response for inactive stream {1}",
          connection.logName(), Integer.toUnsignedString(streamId));
      return;
    }
    cancelTimer(call);
    if (failure != null) {
      call.promise().tryFail(failure);
    } else {
      call.promise().tryComplete(result);
    }
  }

  private void expire(int streamId, long timeoutMillis) {
    Pending call = pending.remove(streamId);
    if (call != null) {
      call.promise().tryFail(TtrpcException.deadline(
          "ttrpc call " + call.name() + ": context deadline exceeded after " + timeoutMillis + " ms"));
    }
  }

  private static void cancelTimer(Pending call) {
    if (call.timer() != null) {
      call.timer().cancel(false);
    }
  }
}
