package io.nrivertx.service;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.nrivertx.api.*;

/**
 * One method of NRI's Plugin service as the runtime calls it: the wire method name, the event
 * that gates it (null = always sent) and how to read its reply. One generic invoke path serves
 * all of them instead of one hand-written wrapper per method.
 */
public record PluginCall<Q extends Message, R extends Message>(
    String method, Event event, Parser<Q> requestParser, Parser<R> parser) {
  public static final String SERVICE = "nri.pkg.api.v1alpha1.Plugin";

  public static final PluginCall<ConfigureRequest, ConfigureResponse> CONFIGURE =
      new PluginCall<>("Configure", null, ConfigureRequest.parser(), ConfigureResponse.parser());
  public static final PluginCall<SynchronizeRequest, SynchronizeResponse> SYNCHRONIZE =
      new PluginCall<>("Synchronize", null, SynchronizeRequest.parser(), SynchronizeResponse.parser());
  public static final PluginCall<Empty, Empty> SHUTDOWN =
      new PluginCall<>("Shutdown", null, Empty.parser(), Empty.parser());
  public static final PluginCall<RunPodSandboxRequest, RunPodSandboxResponse> RUN_POD_SANDBOX =
      new PluginCall<>("RunPodSandbox", Event.RUN_POD_SANDBOX, RunPodSandboxRequest.parser(), RunPodSandboxResponse.parser());
  public static final PluginCall<UpdatePodSandboxRequest, UpdatePodSandboxResponse> UPDATE_POD_SANDBOX =
      new PluginCall<>("UpdatePodSandbox", Event.UPDATE_POD_SANDBOX, UpdatePodSandboxRequest.parser(), UpdatePodSandboxResponse.parser());
  public static final PluginCall<PostUpdatePodSandboxRequest, PostUpdatePodSandboxResponse> POST_UPDATE_POD_SANDBOX =
      new PluginCall<>("PostUpdatePodSandbox", Event.POST_UPDATE_POD_SANDBOX, PostUpdatePodSandboxRequest.parser(), PostUpdatePodSandboxResponse.parser());
  public static final PluginCall<StopPodSandboxRequest, StopPodSandboxResponse> STOP_POD_SANDBOX =
      new PluginCall<>("StopPodSandbox", Event.STOP_POD_SANDBOX, StopPodSandboxRequest.parser(), StopPodSandboxResponse.parser());
  public static final PluginCall<RemovePodSandboxRequest, RemovePodSandboxResponse> REMOVE_POD_SANDBOX =
      new PluginCall<>("RemovePodSandbox", Event.REMOVE_POD_SANDBOX, RemovePodSandboxRequest.parser(), RemovePodSandboxResponse.parser());
  public static final PluginCall<CreateContainerRequest, CreateContainerResponse> CREATE_CONTAINER =
      new PluginCall<>("CreateContainer", Event.CREATE_CONTAINER, CreateContainerRequest.parser(), CreateContainerResponse.parser());
  public static final PluginCall<PostCreateContainerRequest, PostCreateContainerResponse> POST_CREATE_CONTAINER =
      new PluginCall<>("PostCreateContainer", Event.POST_CREATE_CONTAINER, PostCreateContainerRequest.parser(), PostCreateContainerResponse.parser());
  public static final PluginCall<StartContainerRequest, StartContainerResponse> START_CONTAINER =
      new PluginCall<>("StartContainer", Event.START_CONTAINER, StartContainerRequest.parser(), StartContainerResponse.parser());
  public static final PluginCall<PostStartContainerRequest, PostStartContainerResponse> POST_START_CONTAINER =
      new PluginCall<>("PostStartContainer", Event.POST_START_CONTAINER, PostStartContainerRequest.parser(), PostStartContainerResponse.parser());
  public static final PluginCall<UpdateContainerRequest, UpdateContainerResponse> UPDATE_CONTAINER =
      new PluginCall<>("UpdateContainer", Event.UPDATE_CONTAINER, UpdateContainerRequest.parser(), UpdateContainerResponse.parser());
  public static final PluginCall<PostUpdateContainerRequest, PostUpdateContainerResponse> POST_UPDATE_CONTAINER =
      new PluginCall<>("PostUpdateContainer", Event.POST_UPDATE_CONTAINER, PostUpdateContainerRequest.parser(), PostUpdateContainerResponse.parser());
  public static final PluginCall<StopContainerRequest, StopContainerResponse> STOP_CONTAINER =
      new PluginCall<>("StopContainer", Event.STOP_CONTAINER, StopContainerRequest.parser(), StopContainerResponse.parser());
  public static final PluginCall<RemoveContainerRequest, RemoveContainerResponse> REMOVE_CONTAINER =
      new PluginCall<>("RemoveContainer", Event.REMOVE_CONTAINER, RemoveContainerRequest.parser(), RemoveContainerResponse.parser());
  public static final PluginCall<StateChangeEvent, Empty> STATE_CHANGE =
      new PluginCall<>("StateChange", null, StateChangeEvent.parser(), Empty.parser());
  public static final PluginCall<ValidateContainerAdjustmentRequest, ValidateContainerAdjustmentResponse> VALIDATE =
      new PluginCall<>("ValidateContainerAdjustment", Event.VALIDATE_CONTAINER_ADJUSTMENT, ValidateContainerAdjustmentRequest.parser(),
          ValidateContainerAdjustmentResponse.parser());

  private static final java.util.Map<String, PluginCall<?, ?>> BY_METHOD = java.util.stream.Stream.of(
      CONFIGURE, SYNCHRONIZE, SHUTDOWN, RUN_POD_SANDBOX, UPDATE_POD_SANDBOX, POST_UPDATE_POD_SANDBOX,
      STOP_POD_SANDBOX, REMOVE_POD_SANDBOX, CREATE_CONTAINER, POST_CREATE_CONTAINER, START_CONTAINER,
      POST_START_CONTAINER, UPDATE_CONTAINER, POST_UPDATE_CONTAINER, STOP_CONTAINER, REMOVE_CONTAINER,
      STATE_CHANGE, VALIDATE).collect(java.util.stream.Collectors.toUnmodifiableMap(PluginCall::method, c -> c));

  /** @return the call with that wire method name, or null */
  public static PluginCall<?, ?> byMethod(String method) {
    return BY_METHOD.get(method);
  }
}
