package io.nrivertx.plugin.wasm.impl;

/**
 * A guest call that did not produce a reply. The kind decides what happens to the plugin:
 * a REFUSAL or GARBAGE fails only that request, as in NRI; a TRAP (trap, exit, out of memory,
 * stack overflow) or TIMEOUT leaves the instance in an unknown state, so the plugin is closed.
 */
public final class GuestException extends RuntimeException {
  public enum Kind {
    /** The guest returned an error (the flagged reply of NRI's WASM ABI); the message is its text. */
    REFUSAL,
    /** The guest answered with something that is not a reply: a pointer outside its memory, bad protobuf. */
    GARBAGE,
    /** The guest trapped, exited, ran out of memory or overflowed its stack. */
    TRAP,
    /** The call ran past its deadline and was stopped. */
    TIMEOUT
  }

  private final Kind kind;

  public GuestException(Kind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.kind = kind;
  }

  public GuestException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** True when the instance cannot be used any more. */
  public boolean breaksInstance() {
    return kind == Kind.TRAP || kind == Kind.TIMEOUT;
  }
}
