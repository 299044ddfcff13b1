package io.nrivertx.protocol;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.nrivertx.api.rpc.Status;
import io.nrivertx.api.ttrpc.Request;
import io.nrivertx.api.ttrpc.Response;
import io.nrivertx.wire.TtrpcFrame;
import io.nrivertx.wire.TtrpcMessage;
import io.nrivertx.wire.TtrpcOutbound;
import io.nrivertx.wire.TtrpcOversized;
import io.nrivertx.wire.WireLimits;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ttrpc server half of a {@link TtrpcConnection}: validates stream ids, finds the handler,
 * and answers every request with exactly one Response, with the status texts of Go ttrpc v1.2.
 *
 * <p>Thread-safety: {@link #register} from any thread; everything else on the event loop.
 */
final class ServerDispatcher {

  private static final System.Logger LOG = System.getLogger(ServerDispatcher.class.getName());

  private final TtrpcConnection connection;
  private final Map<String, Map<String, TtrpcHandler>> services = new ConcurrentHashMap<>();
  private int lastStreamId;

  ServerDispatcher(TtrpcConnection connection) {
    this.connection = connection;
  }

  void register(String service, String method, TtrpcHandler handler) {
    Objects.requireNonNull(handler, "handler");
    TtrpcHandler previous = services.computeIfAbsent(service, s -> new ConcurrentHashMap<>())
        .putIfAbsent(method, handler);
    if (previous != null) {
      throw new IllegalStateException("ttrpc handler already registered for " + service + "/" + method);
    }
  }

  void onMessage(TtrpcMessage message) {
    switch (message) {
      case TtrpcOversized o -> sendFailure(o.streamId(), TtrpcException.tooLarge(o.length()));
      case TtrpcFrame f -> onFrame(f);
    }
  }

  private void onFrame(TtrpcFrame frame) {
    int streamId = frame.streamId();
    if ((streamId & 1) == 0) {
      sendError(streamId, "StreamID must be odd for client initiated streams");
      return;
    }
    if (frame.type() == WireLimits.TYPE_DATA) {
      // No streaming methods exist in NRI, so no stream can be open for data.
      sendError(streamId, "StreamID is no longer active");
      return;
    }
    if (frame.type() != WireLimits.TYPE_REQUEST) {
      LOG.log(Level.DEBUG, () -> connection.logName() + ": ignoring ttrpc message of type "
          + frame.type() + " on server stream " + Integer.toUnsignedString(streamId));
      return;
    }
    if (Integer.compareUnsigned(streamId, lastStreamId) <= 0) {
      sendError(streamId, "StreamID cannot be re-used and must increment");
      return;
    }
    lastStreamId = streamId;
    Request request;
    try {
      request = Request.parseFrom(frame.data().nioBuffer());
    } catch (InvalidProtocolBufferException e) {
      sendError(streamId, "unmarshal request error: " + e.getMessage());
      return;
    }
    invoke(streamId, request);
  }

  private void invoke(int streamId, Request request) {
    Map<String, TtrpcHandler> methods = services.get(request.getService());
    if (methods == null) {
      sendFailure(streamId, TtrpcException.status(GrpcCode.UNIMPLEMENTED,
          "service " + request.getService()));
      return;
    }
    TtrpcHandler handler = methods.get(request.getMethod());
    if (handler == null) {
      sendFailure(streamId, TtrpcException.status(GrpcCode.UNIMPLEMENTED,
          "method " + request.getMethod()));
      return;
    }
    Future<byte[]> result;
    try {
      result = handler.apply(request.getPayload().toByteArray(), request.getTimeoutNano());
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    if (result == null) {
      result = Future.failedFuture(new IllegalStateException(
          "handler for " + request.getService() + "/" + request.getMethod() + " returned no future"));
    }
    result.onComplete(ar -> connection.runOnLoop(() -> respond(streamId, ar)));
  }

  private void respond(int streamId, AsyncResult<byte[]> result) {
    if (connection.isClosed()) {
      return;
    }
    if (result.failed()) {
      sendFailure(streamId, result.cause());
    } else if (result.result() == null) {
      sendFailure(streamId, TtrpcException.status(GrpcCode.UNKNOWN, "ttrpc: marshal called with nil"));
    } else {
      // Go always sets the status, even on success: an empty sub-message.
      send(streamId, Response.newBuilder()
          .setStatus(Status.getDefaultInstance())
          .setPayload(UnsafeByteOperations.unsafeWrap(result.result()))
          .build());
    }
  }

  private void sendError(int streamId, String message) {
    sendFailure(streamId, TtrpcException.status(GrpcCode.INVALID_ARGUMENT, message));
  }

  /** An error Response carries the status only, never a payload. */
  private void sendFailure(int streamId, Throwable failure) {
    int code = failure instanceof TtrpcException t && t.code() != 0 ? t.code()
        : GrpcCode.UNKNOWN.value();
    String message = Objects.requireNonNullElse(TtrpcConnection.describe(failure), "");
    send(streamId, Response.newBuilder()
        .setStatus(Status.newBuilder().setCode(code).setMessage(message))
        .build());
  }

  private void send(int streamId, Response response) {
    byte[] bytes = response.toByteArray();
    if (bytes.length > WireLimits.MAX_TTRPC_MESSAGE) {
      // Go would drop the whole connection here; failing just this call is kinder and still true.
      LOG.log(Level.WARNING, "{0}: ttrpc response on stream {1} is {2} bytes, over the limit",
          connection.logName(), Integer.toUnsignedString(streamId), bytes.length);
      sendFailure(streamId, TtrpcException.tooLarge(bytes.length));
      return;
    }
    connection.send(new TtrpcOutbound(connection.role().serverConnId(), streamId,
        WireLimits.TYPE_RESPONSE, (byte) 0, bytes));
  }
}
