package io.nrivertx.cri;

/** The CRI state directory cannot be used: it is locked, unreadable or corrupt (the message says where). */
public final class CriStateException extends RuntimeException {
  public CriStateException(String message) {
    super(message);
  }

  public CriStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
