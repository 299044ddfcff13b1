package io.nrivertx.service;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.nrivertx.api.*;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One method of NRI's Plugin service as the runtime calls it: the wire method name, the event
 * that gates it (null = always sent), how to read its request and reply, and where its request
 * keeps the pod and the container it is about (typed accessors, null when absent). One generic
 * invoke path serves all of them instead of one hand-written wrapper per method.
 */
public record PluginCall<Q extends Message, R extends Message>(
    String method, Event event, Parser<Q> requestParser, Parser<R> parser,
    Function<Q, PodSandbox> podOf, Function<Q, Container> containerOf) {
  public static final String SERVICE = "nri.pkg.api.v1alpha1.Plugin";

  public static final PluginCall<ConfigureRequest, ConfigureResponse> CONFIGURE =
      service("Configure", ConfigureRequest.parser(), ConfigureResponse.parser());
  public static final PluginCall<SynchronizeRequest, SynchronizeResponse> SYNCHRONIZE =
      service("Synchronize", SynchronizeRequest.parser(), SynchronizeResponse.parser());
  public static final PluginCall<Empty, Empty> SHUTDOWN = service("Shutdown", Empty.parser(), Empty.parser());
  public static final PluginCall<RunPodSandboxRequest, RunPodSandboxResponse> RUN_POD_SANDBOX =
      new PluginCall<>("RunPodSandbox", Event.RUN_POD_SANDBOX, RunPodSandboxRequest.parser(),
          RunPodSandboxResponse.parser(), r -> r.hasPod() ? r.getPod() : null, r -> null);
  public static final PluginCall<UpdatePodSandboxRequest, UpdatePodSandboxResponse> UPDATE_POD_SANDBOX =
      new PluginCall<>("UpdatePodSandbox", Event.UPDATE_POD_SANDBOX, UpdatePodSandboxRequest.parser(),
          UpdatePodSandboxResponse.parser(), r -> r.hasPod() ? r.getPod() : null, r -> null);
  public static final PluginCall<PostUpdatePodSandboxRequest, PostUpdatePodSandboxResponse> POST_UPDATE_POD_SANDBOX =
      new PluginCall<>("PostUpdatePodSandbox", Event.POST_UPDATE_POD_SANDBOX, PostUpdatePodSandboxRequest.parser(),
          PostUpdatePodSandboxResponse.parser(), r -> r.hasPod() ? r.getPod() : null, r -> null);
  public static final PluginCall<StopPodSandboxRequest, StopPodSandboxResponse> STOP_POD_SANDBOX =
      new PluginCall<>("StopPodSandbox", Event.STOP_POD_SANDBOX, StopPodSandboxRequest.parser(),
          StopPodSandboxResponse.parser(), r -> r.hasPod() ? r.getPod() : null, r -> null);
  public static final PluginCall<RemovePodSandboxRequest, RemovePodSandboxResponse> REMOVE_POD_SANDBOX =
      new PluginCall<>("RemovePodSandbox", Event.REMOVE_POD_SANDBOX, RemovePodSandboxRequest.parser(),
          RemovePodSandboxResponse.parser(), r -> r.hasPod() ? r.getPod() : null, r -> null);
  public static final PluginCall<CreateContainerRequest, CreateContainerResponse> CREATE_CONTAINER =
      new PluginCall<>("CreateContainer", Event.CREATE_CONTAINER, CreateContainerRequest.parser(),
          CreateContainerResponse.parser(), r -> r.hasPod() ? r.getPod() : null,
          r -> r.hasContainer() ? r.getContainer() : null);
  public static final PluginCall<PostCreateContainerRequest, PostCreateContainerResponse> POST_CREATE_CONTAINER =
      new PluginCall<>("PostCreateContainer", Event.POST_CREATE_CONTAINER, PostCreateContainerRequest.parser(),
          PostCreateContainerResponse.parser(), r -> r.hasPod() ? r.getPod() : null,
          r -> r.hasContainer() ? r.getContainer() : null);
  public static final PluginCall<StartContainerRequest, StartContainerResponse> START_CONTAINER =
      new PluginCall<>("StartContainer", Event.START_CONTAINER, StartContainerRequest.parser(),
          StartContainerResponse.parser(), r -> r.hasPod() ? r.getPod() : null,
          r -> r.hasContainer() ? r.getContainer() : null);
  public static final PluginCall<PostStartContainerRequest, PostStartContainerResponse> POST_START_CONTAINER =
      new PluginCall<>("PostStartContainer", Event.POST_START_CONTAINER, PostStartContainerRequest.parser(),
          PostStartContainerResponse.parser(), r -> r.hasPod() ? r.getPod() : null,
          r -> r.hasContainer() ? r.getContainer() : null);
  public static final PluginCall<UpdateContainerRequest, UpdateContainerResponse> UPDATE_CONTAINER =
      new PluginCall<>("UpdateContainer", Event.UPDATE_CONTAINER, UpdateContainerRequest.parser(),
          UpdateContainerResponse.parser(), r -> r.hasPod() ? r.getPod() : null,
          r -> r.hasContainer() ? r.getContainer() : null);
  public static final PluginCall<PostUpdateContainerRequest, PostUpdateContainerResponse> POST_UPDATE_CONTAINER =
      new PluginCall<>("PostUpdateContainer", Event.POST_UPDATE_CONTAINER, PostUpdateContainerRequest.parser(),
          PostUpdateContainerResponse.parser(), r -> r.hasPod() ? r.getPod() : null,
          r -> r.hasContainer() ? r.getContainer() : null);
  public static final PluginCall<StopContainerRequest, StopContainerResponse> STOP_CONTAINER =
      new PluginCall<>("StopContainer", Event.STOP_CONTAINER, StopContainerRequest.parser(),
          StopContainerResponse.parser(), r -> r.hasPod() ? r.getPod() : null,
          r -> r.hasContainer() ? r.getContainer() : null);
  public static final PluginCall<RemoveContainerRequest, RemoveContainerResponse> REMOVE_CONTAINER =
      new PluginCall<>("RemoveContainer", Event.REMOVE_CONTAINER, RemoveContainerRequest.parser(),
          RemoveContainerResponse.parser(), r -> r.hasPod() ? r.getPod() : null,
          r -> r.hasContainer() ? r.getContainer() : null);
  public static final PluginCall<StateChangeEvent, Empty> STATE_CHANGE =
      new PluginCall<>("StateChange", null, StateChangeEvent.parser(), Empty.parser(),
          r -> r.hasPod() ? r.getPod() : null, r -> r.hasContainer() ? r.getContainer() : null);
  public static final PluginCall<ValidateContainerAdjustmentRequest, ValidateContainerAdjustmentResponse> VALIDATE =
      new PluginCall<>("ValidateContainerAdjustment", Event.VALIDATE_CONTAINER_ADJUSTMENT,
          ValidateContainerAdjustmentRequest.parser(), ValidateContainerAdjustmentResponse.parser(),
          r -> r.hasPod() ? r.getPod() : null, r -> r.hasContainer() ? r.getContainer() : null);

  private static final Map<String, PluginCall<?, ?>> BY_METHOD = Stream.of(
      CONFIGURE, SYNCHRONIZE, SHUTDOWN, RUN_POD_SANDBOX, UPDATE_POD_SANDBOX, POST_UPDATE_POD_SANDBOX,
      STOP_POD_SANDBOX, REMOVE_POD_SANDBOX, CREATE_CONTAINER, POST_CREATE_CONTAINER, START_CONTAINER,
      POST_START_CONTAINER, UPDATE_CONTAINER, POST_UPDATE_CONTAINER, STOP_CONTAINER, REMOVE_CONTAINER,
      STATE_CHANGE, VALIDATE).collect(Collectors.toUnmodifiableMap(PluginCall::method, c -> c));

  private static <Q extends Message, R extends Message> PluginCall<Q, R> service(String method, Parser<Q> request,
                                                                                 Parser<R> reply) {
    return new PluginCall<>(method, null, request, reply, r -> null, r -> null);
  }

  /** @return the call with that wire method name, or null */
  public static PluginCall<?, ?> byMethod(String method) {
    return BY_METHOD.get(method);
  }

  /** The pod the request is about, or null when it carries none. */
  public PodSandbox pod(Q request) {
    return podOf.apply(request);
  }

  /** The container the request is about, or null for pod events (or when it carries none). */
  public Container container(Q request) {
    return containerOf.apply(request);
  }

  /** True for the events a runtime sends (every event but validation, which is a step of CreateContainer). */
  public boolean isLifecycleEvent() {
    return event != null && this != VALIDATE;
  }

  /** The reply with no fields set, as a plugin that answers with nothing sends it. */
  public R emptyReply() {
    try {
      return parser.parseFrom(new byte[0]);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e); // an empty message always parses
    }
  }

  /** An empty request, for type checks. */
  public Q emptyRequest() {
    try {
      return requestParser.parseFrom(new byte[0]);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return method;
  }
}
