package io.nrivertx;

import java.time.Duration;
import java.time.Instant;

/**
 * How one lifecycle event is sent by {@link NriRuntime#request(io.nrivertx.service.PluginCall,
 * com.google.protobuf.Message, RequestOptions)}: the domain it belongs to, when its caller gives
 * up, and the caller's context for tracing. Not thread-safe; the runtime reads it once, when
 * {@code request} is called.
 */
public final class RequestOptions {
  private String namespace;
  private Instant deadline;
  private Duration timeout;
  private Object parent;
  private boolean deferValidation;

  public RequestOptions() {
  }

  /** The domain serving the event's namespace; labels its audit record. Null: the only domain, if one. */
  public String getNamespace() {
    return namespace;
  }

  public RequestOptions setNamespace(String namespace) {
    this.namespace = namespace;
    return this;
  }

  /**
   * When the caller gives up. Every plugin call then gets at most what is left of it (minus
   * {@link NriOptions#getDeadlineMargin()}), and the event fails with DEADLINE_EXCEEDED rather
   * than answer after it. Null (the default): only the plugins' own timeouts apply.
   */
  public Instant getDeadline() {
    return deadline;
  }

  public RequestOptions setDeadline(Instant deadline) {
    this.deadline = deadline;
    return this;
  }

  /** As {@link #setDeadline}, counted from the moment {@code request} is called; the earlier of both wins. */
  public Duration getTimeout() {
    return timeout;
  }

  public RequestOptions setTimeout(Duration timeout) {
    if (timeout != null && timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * The caller's context handed to the observer's event start (for tracing, e.g. the CRI call's
   * span context). Null: the observer's {@code callerContext()} is asked instead.
   */
  public Object getParent() {
    return parent;
  }

  public RequestOptions setParent(Object parent) {
    this.parent = parent;
    return this;
  }

  /**
   * For a CreateContainer: whether its validators are asked later, by a VALIDATE request
   * ({@link io.nrivertx.service.PluginCall#VALIDATE}) of the caller, instead of now. For a
   * runtime in front of this one that validates the final adjustment itself, with every plugin's
   * changes (a relay whose upstream runtime has validators): the validators here then judge once,
   * and the final result. The VALIDATE request is judged with this creation's owners and plugins.
   * Ignored for every other event. Default false.
   */
  public boolean isDeferValidation() {
    return deferValidation;
  }

  public RequestOptions setDeferValidation(boolean deferValidation) {
    this.deferValidation = deferValidation;
    return this;
  }
}
