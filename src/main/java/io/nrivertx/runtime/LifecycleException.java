package io.nrivertx.runtime;

import io.nrivertx.protocol.GrpcCode;

/**
 * Why a lifecycle event failed. Every failure is one of the subclasses below, each of one
 * {@link Kind}; the kind decides the event-bus failure code, the ttrpc status and the CRI status
 * the failure travels with (docs/eventbus.md lists them). The message is the text NRI's Go
 * adaptation returns for the same failure where it has one, so operators and conformance tests see
 * the same words from either runtime.
 *
 * <p>Failures caused by plugins carry no stack trace (they describe what a peer did); an
 * {@link Internal} failure keeps its cause, which is a bug in nri-vertx or in an in-process plugin.
 */
public abstract sealed class LifecycleException extends RuntimeException {

  /** The failure families, each with one code per transport. */
  public enum Kind {
    /** The request itself is wrong: unknown event, malformed or empty body. */
    BAD_REQUEST(400, GrpcCode.INVALID_ARGUMENT),
    /** A plugin answered the event with an error. */
    REFUSED(403, GrpcCode.UNKNOWN),
    /** The plugins' adjustments cannot be merged: two claimed one field, or one asked what NRI forbids. */
    CONFLICT(409, GrpcCode.UNKNOWN),
    /** A validator rejected the merged adjustment, or failed while judging it. */
    REJECTED(422, GrpcCode.UNKNOWN),
    /** A plugin whose failure policy fails the request lost its connection during the event. */
    CONNECTION_LOST(502, GrpcCode.UNKNOWN),
    /** The runtime is not serving events (stopping, or not started). */
    UNAVAILABLE(503, GrpcCode.UNAVAILABLE),
    /** A plugin did not answer in time, or the caller's deadline left no time for the event. */
    DEADLINE_EXCEEDED(504, GrpcCode.DEADLINE_EXCEEDED),
    /** A bug: nri-vertx (or an in-process plugin) threw while handling the event. */
    INTERNAL(500, GrpcCode.INTERNAL);

    private final int busCode;
    private final GrpcCode ttrpcCode;

    Kind(int busCode, GrpcCode ttrpcCode) {
      this.busCode = busCode;
      this.ttrpcCode = ttrpcCode;
    }

    /** The failure code a reply on the lifecycle address carries. */
    public int busCode() {
      return busCode;
    }

    /**
     * The status to answer a ttrpc peer with (relay mode). Failures a Go plugin would report as
     * plain errors stay UNKNOWN, as Go's ttrpc sends those, so nothing above can tell us apart.
     */
    public GrpcCode ttrpcCode() {
      return ttrpcCode;
    }

    /** The kind a lifecycle-address failure code stands for; null for a code that is none of ours. */
    public static Kind forBusCode(int code) {
      for (Kind k : values()) {
        if (k.busCode == code) {
          return k;
        }
      }
      return null;
    }
  }

  private final String event;
  private final String plugin;

  private LifecycleException(String message, String event, String plugin, Throwable cause, boolean trace) {
    super(message, cause, false, trace);
    this.event = event;
    this.plugin = plugin;
  }

  public abstract Kind kind();

  /** The event as NRI spells it ("CreateContainer"), or null when the request named none. */
  public String event() {
    return event;
  }

  /** The plugin ("NN-name") the failure is about, or null when it is about none. */
  public String plugin() {
    return plugin;
  }

  /** A plugin answered with an error status; {@link #code()} is its gRPC code. */
  public static final class Refused extends LifecycleException {
    private final int code;

    public Refused(String message, String event, String plugin, int code) {
      super(message, event, plugin, null, false);
      this.code = code;
    }

    public int code() {
      return code;
    }

    @Override
    public Kind kind() {
      return Kind.REFUSED;
    }
  }

  /** The adjustments cannot be merged; {@link #plugin()} is the plugin whose reply could not be. */
  public static final class Conflict extends LifecycleException {
    public Conflict(String message, String event, String plugin, Throwable mergeFailure) {
      super(message, event, plugin, mergeFailure, false);
    }

    @Override
    public Kind kind() {
      return Kind.CONFLICT;
    }
  }

  /** A validator rejected the creation; {@link #plugin()} is the validator. */
  public static final class Rejected extends LifecycleException {
    public Rejected(String message, String event, String plugin) {
      super(message, event, plugin, null, false);
    }

    @Override
    public Kind kind() {
      return Kind.REJECTED;
    }
  }

  /** A plugin that asked for its failures to fail requests lost its connection. */
  public static final class ConnectionLost extends LifecycleException {
    public ConnectionLost(String message, String event, String plugin) {
      super(message, event, plugin, null, false);
    }

    @Override
    public Kind kind() {
      return Kind.CONNECTION_LOST;
    }
  }

  /**
   * Out of time: a plugin timed out and its policy fails the request, or the caller's deadline
   * left too little; {@link #plugin()} names the plugin that used the time, when one did.
   */
  public static final class DeadlineExceeded extends LifecycleException {
    public DeadlineExceeded(String message, String event, String plugin) {
      super(message, event, plugin, null, false);
    }

    @Override
    public Kind kind() {
      return Kind.DEADLINE_EXCEEDED;
    }
  }

  /** The request is wrong before any plugin sees it. */
  public static final class BadRequest extends LifecycleException {
    public BadRequest(String message, String event) {
      super(message, event, null, null, false);
    }

    @Override
    public Kind kind() {
      return Kind.BAD_REQUEST;
    }
  }

  /** The runtime does not serve events now, or not for this pod (a required plugin is missing). */
  public static final class Unavailable extends LifecycleException {
    public Unavailable(String message, String event) {
      super(message, event, null, null, false);
    }

    /** Unavailable because of {@code plugin} (a required plugin that is not registered). */
    public Unavailable(String message, String event, String plugin) {
      super(message, event, plugin, null, false);
    }

    @Override
    public Kind kind() {
      return Kind.UNAVAILABLE;
    }
  }

  /** A bug; the cause (with its stack trace) says where. */
  public static final class Internal extends LifecycleException {
    public Internal(String message, String event, String plugin, Throwable cause) {
      super(message, event, plugin, cause, true);
    }

    @Override
    public Kind kind() {
      return Kind.INTERNAL;
    }
  }
}
