package io.nrivertx.scenario;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.nrivertx.service.PluginCall;
import java.util.Arrays;
import java.util.List;

/**
 * The operations a scenario step can name: one per lifecycle event of NRI's Plugin service. Each
 * knows its event, what it acts on and which extra request keys it takes; which results its reply
 * carries (adjust, update, evict) is read from the reply's descriptor, so it cannot drift.
 */
public enum Op {
  RUN_POD_SANDBOX(PluginCall.RUN_POD_SANDBOX, Subject.NEW_POD),
  UPDATE_POD_SANDBOX(PluginCall.UPDATE_POD_SANDBOX, Subject.POD, "linuxResources", "overheadLinuxResources"),
  POST_UPDATE_POD_SANDBOX(PluginCall.POST_UPDATE_POD_SANDBOX, Subject.POD),
  STOP_POD_SANDBOX(PluginCall.STOP_POD_SANDBOX, Subject.POD),
  REMOVE_POD_SANDBOX(PluginCall.REMOVE_POD_SANDBOX, Subject.POD),
  CREATE_CONTAINER(PluginCall.CREATE_CONTAINER, Subject.NEW_CONTAINER),
  POST_CREATE_CONTAINER(PluginCall.POST_CREATE_CONTAINER, Subject.CONTAINER),
  START_CONTAINER(PluginCall.START_CONTAINER, Subject.CONTAINER),
  POST_START_CONTAINER(PluginCall.POST_START_CONTAINER, Subject.CONTAINER),
  UPDATE_CONTAINER(PluginCall.UPDATE_CONTAINER, Subject.CONTAINER, "linuxResources"),
  POST_UPDATE_CONTAINER(PluginCall.POST_UPDATE_CONTAINER, Subject.CONTAINER),
  STOP_CONTAINER(PluginCall.STOP_CONTAINER, Subject.CONTAINER),
  REMOVE_CONTAINER(PluginCall.REMOVE_CONTAINER, Subject.CONTAINER);

  /** What a step of this operation names: a new object written out in full, or an existing one's id. */
  public enum Subject {
    NEW_POD("pod"), POD("pod"), NEW_CONTAINER("container"), CONTAINER("container");

    private final String key;

    Subject(String key) {
      this.key = key;
    }

    /** The step key holding the subject. */
    public String key() {
      return key;
    }
  }

  /** Reply fields a scenario reports and can expect, in output order. */
  public static final List<String> RESULT_KEYS = List.of("adjust", "update", "evict");

  private final PluginCall<?, ?> call;
  private final Subject subject;
  private final List<String> resourceKeys;

  Op(PluginCall<?, ?> call, Subject subject, String... resourceKeys) {
    this.call = call;
    this.subject = subject;
    this.resourceKeys = List.of(resourceKeys);
  }

  /** The name a scenario file uses: the Plugin-service method, e.g. "CreateContainer". */
  public String wireName() {
    return call.method();
  }

  public PluginCall<?, ?> call() {
    return call;
  }

  public Subject subject() {
    return subject;
  }

  /** Extra request keys holding LinuxResources (proto3 JSON names), e.g. "linuxResources". */
  public List<String> resourceKeys() {
    return resourceKeys;
  }

  /** The subset of {@link #RESULT_KEYS} this operation's reply has. */
  public List<String> resultKeys() {
    Descriptor reply = empty(call.parser()).getDescriptorForType();
    return RESULT_KEYS.stream().filter(k -> reply.findFieldByName(k) != null).toList();
  }

  /** A builder for this operation's request. */
  public Message.Builder newRequest() {
    return empty(call.requestParser()).newBuilderForType();
  }

  private static Message empty(Parser<? extends Message> parser) {
    try {
      return parser.parseFrom(new byte[0]);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an empty message always parses", e);
    }
  }

  /** @return the operation with that wire name, or null */
  public static Op byName(String name) {
    return Arrays.stream(values()).filter(op -> op.wireName().equals(name)).findFirst().orElse(null);
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Op::wireName).toList();
  }
}
