package io.nrivertx.domain;

/**
 * The event-bus contract of a remote domain: one address, the operation in header "op", bodies
 * NRI protobuf messages (ProtoCodec locally, type name + bytes across a cluster). docs/eventbus.md
 * lists each operation's request and reply.
 */
public final class DomainAddresses {
  public static final String OP = "op";
  public static final String ID = "id";
  /** Reply header on pod/container lookups: "false" when the domain has no such object. */
  public static final String FOUND = "found";
  public static final int NOT_APPLIED = 409;
  public static final int BAD_REQUEST = 400;

  public static final String LIST_PODS = "listPods";
  public static final String LIST_CONTAINERS = "listContainers";
  public static final String POD = "pod";
  public static final String CONTAINER = "container";
  public static final String UPDATE = "updateContainer";
  public static final String EVICT = "evictContainer";

  private DomainAddresses() {
  }

  /** The conventional address of the domain serving a namespace under a bus prefix. */
  public static String of(String prefix, String namespace) {
    return prefix + ".domain." + namespace;
  }
}
