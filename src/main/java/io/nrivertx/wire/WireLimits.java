package io.nrivertx.wire;

/**
 * Sizes, message types, flags and connection ids of the NRI multiplexer and of ttrpc, in one place.
 *
 * <p>All values are fixed by the Go peers (containerd/nri {@code pkg/net/multiplex} and ttrpc v1.2);
 * changing one breaks interoperability.
 */
public final class WireLimits {

  /** Largest ttrpc message body (the protobuf after the 10-byte header): 4 MiB. */
  public static final int MAX_TTRPC_MESSAGE = 4 << 20;

  /** Size of the ttrpc message header: length, stream id, type, flags. */
  public static final int TTRPC_HEADER_LENGTH = 10;

  /** Size of the mux frame header: conn id, payload length. */
  public static final int MUX_HEADER_LENGTH = 8;

  /**
   * Largest mux frame payload a Go peer ever writes: it splits bigger writes at this size. A larger
   * announced frame can only come from a broken or hostile peer.
   */
  public static final int MAX_MUX_FRAME = MAX_TTRPC_MESSAGE + TTRPC_HEADER_LENGTH;

  /**
   * Largest outgoing frame that may carry a ttrpc header. A Go peer reads headers through a
   * 4096-byte buffer and dies on a frame that does not fit (docs/protocol.md, "Trunk and multiplexer"); the rest of a larger
   * message goes in one more frame, which Go reads straight into a buffer of the message's size.
   * Cutting everything into 4096-byte frames instead would flood the Go peer's queue of 256
   * frames per connection, which closes the whole connection when full.
   */
  public static final int MAX_OUT_FRAME_PAYLOAD = 4096;

  /** ttrpc message types. */
  public static final byte TYPE_REQUEST = 1;
  public static final byte TYPE_RESPONSE = 2;
  public static final byte TYPE_DATA = 3;

  /** ttrpc flags (streaming only; NRI sends 0). */
  public static final byte FLAG_REMOTE_CLOSED = 1;
  public static final byte FLAG_REMOTE_OPEN = 2;
  public static final byte FLAG_NO_DATA = 4;

  /** Mux conn id on which the plugin serves the Plugin service and the runtime is the client. */
  public static final int PLUGIN_SERVICE = 1;

  /** Mux conn id on which the runtime serves the Runtime service and the plugin is the client. */
  public static final int RUNTIME_SERVICE = 2;

  private WireLimits() {}

  /** Whether {@code type} is one of the three ttrpc message types. */
  public static boolean isKnownType(byte type) {
    return type == TYPE_REQUEST || type == TYPE_RESPONSE || type == TYPE_DATA;
  }
}
