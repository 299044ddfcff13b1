package io.nrivertx.service;

import io.nrivertx.protocol.TtrpcException;

/**
 * How a plugin's error reads in results and logs: the gRPC-style text Go's runtime produces
 * (docs/protocol.md, "Errors as Go reports them").
 */
public final class Errors {
  private static final String[] NAMES = {
      "OK", "Canceled", "Unknown", "InvalidArgument", "DeadlineExceeded", "NotFound", "AlreadyExists",
      "PermissionDenied", "ResourceExhausted", "FailedPrecondition", "Aborted", "OutOfRange",
      "Unimplemented", "Internal", "Unavailable", "DataLoss", "Unauthenticated"};

  private Errors() {
  }

  public static String describe(Throwable err) {
    if (err instanceof TtrpcException te) {
      return "rpc error: code = " + codeName(te.code()) + " desc = " + te.getMessage();
    }
    return String.valueOf(err.getMessage() != null ? err.getMessage() : err);
  }

  /**
   * What Go's runtime reports for a transport failure: its context's "context deadline exceeded"
   * for our own deadline, ttrpc's "ttrpc: closed" for a lost connection.
   */
  public static String goTransportText(TtrpcException te) {
    return switch (te.kind()) {
      case DEADLINE -> "context deadline exceeded";
      case CLOSED -> "ttrpc: closed";
      default -> describe(te);
    };
  }

  /** The Go spelling of a gRPC code, as status errors print it. */
  public static String codeName(int code) {
    return code >= 0 && code < NAMES.length ? NAMES[code] : "Code(" + code + ")";
  }
}
