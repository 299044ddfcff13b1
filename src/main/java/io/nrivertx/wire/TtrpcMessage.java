package io.nrivertx.wire;

/** What the ttrpc stream decoder yields: a complete message or the notice of a discarded one. */
public sealed interface TtrpcMessage extends BufferHolder permits TtrpcFrame, TtrpcOversized {

  /** The ttrpc stream id (unsigned 32 bit on the wire). */
  int streamId();

  /** The ttrpc message type ({@link WireLimits#TYPE_REQUEST} and so on). */
  byte type();
}
