package io.nrivertx.protocol;

import io.nrivertx.wire.WireLimits;

/**
 * The failure of one ttrpc call, or of a server handler.
 *
 * <p>{@link #getMessage()} is exactly the status message (what a Go peer sees in {@code
 * Status.message}); {@link #code()} the gRPC code. {@link #isConnectionFatal()} tells the NRI layer
 * whether to give up on the peer (docs/protocol.md, "Dispatch"): a local deadline or a closed connection is; an
 * error status sent by the peer is not.
 *
 * <p>Instances carry no stack trace: they describe remote or protocol events, and one instance is
 * shared by all calls failed at once by a close.
 */
public final class TtrpcException extends RuntimeException {

  /** Where the failure came from. */
  public enum Kind {
    /** The peer answered with a non-OK status, or a handler failed with one. */
    STATUS,
    /** Our own deadline for the call passed; the stream was abandoned. */
    DEADLINE,
    /** The connection is closed (or closed while the call was pending). */
    CLOSED,
    /** A message exceeded the 4 MiB ttrpc limit, sent or received. */
    TOO_LARGE
  }

  private final int code;
  private final Kind kind;

  /** A status failure with a raw gRPC code, e.g. thrown by a handler or received from a peer. */
  public TtrpcException(int code, String message) {
    this(Kind.STATUS, code, message);
  }

  /** A status failure, e.g. thrown by a handler to choose the code its caller sees. */
  public TtrpcException(GrpcCode code, String message) {
    this(Kind.STATUS, code.value(), message);
  }

  private TtrpcException(Kind kind, int code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  public static TtrpcException status(GrpcCode code, String message) {
    return new TtrpcException(Kind.STATUS, code.value(), message);
  }

  public static TtrpcException deadline(String message) {
    return new TtrpcException(Kind.DEADLINE, GrpcCode.DEADLINE_EXCEEDED.value(), message);
  }

  /** Code UNAVAILABLE: the Go client's "ttrpc: closed" carries no status at all. */
  public static TtrpcException closed(String reason) {
    return new TtrpcException(Kind.CLOSED, GrpcCode.UNAVAILABLE.value(),
        "ttrpc: closed: " + reason);
  }

  /** The Go ttrpc message, which the NRI Synchronize splitting keys on (with code 8). */
  public static TtrpcException tooLarge(long length) {
    return new TtrpcException(Kind.TOO_LARGE, GrpcCode.RESOURCE_EXHAUSTED.value(),
        "message length " + length + " exceed maximum message size of "
            + WireLimits.MAX_TTRPC_MESSAGE);
  }

  /** The gRPC code as on the wire (may be outside 0..16 if a peer sent such a value). */
  public int code() {
    return code;
  }

  public GrpcCode grpcCode() {
    return GrpcCode.forValue(code);
  }

  public Kind kind() {
    return kind;
  }

  public boolean isConnectionFatal() {
    return kind == Kind.DEADLINE || kind == Kind.CLOSED;
  }

  @Override
  public String toString() {
    return "TtrpcException[" + kind + ", code " + code + " " + grpcCode() + "]: " + getMessage();
  }
}
