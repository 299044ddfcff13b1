package io.nrivertx.protocol;

/** The gRPC status codes, as carried in {@code google.rpc.Status.code} of a ttrpc Response. */
public enum GrpcCode {
  OK(0),
  CANCELLED(1),
  UNKNOWN(2),
  INVALID_ARGUMENT(3),
  DEADLINE_EXCEEDED(4),
  NOT_FOUND(5),
  ALREADY_EXISTS(6),
  PERMISSION_DENIED(7),
  RESOURCE_EXHAUSTED(8),
  FAILED_PRECONDITION(9),
  ABORTED(10),
  OUT_OF_RANGE(11),
  UNIMPLEMENTED(12),
  INTERNAL(13),
  UNAVAILABLE(14),
  DATA_LOSS(15),
  UNAUTHENTICATED(16);

  private static final GrpcCode[] BY_VALUE = values();

  private final int value;

  GrpcCode(int value) {
    this.value = value;
  }

  /** The numeric code on the wire. */
  public int value() {
    return value;
  }

  /** The code for {@code value}; values outside 0..16 map to {@link #UNKNOWN}, as in gRPC. */
  public static GrpcCode forValue(int value) {
    return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : UNKNOWN;
  }
}
