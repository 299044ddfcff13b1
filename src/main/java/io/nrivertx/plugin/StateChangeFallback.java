package io.nrivertx.plugin;

import com.google.protobuf.Message;
import io.nrivertx.api.Container;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.StateChangeEvent;
import io.nrivertx.service.PluginCall;
import java.util.Set;

/**
 * NRI's compatibility path for plugins built on stubs older than the dedicated event RPCs: once
 * such a plugin answers Unimplemented to one of these nine events, all nine reach it as
 * StateChange({event, pod, container}) from then on (docs/protocol.md, "Old stubs").
 */
final class StateChangeFallback {
  static final Set<PluginCall<?, ?>> EVENTS = Set.of(
      PluginCall.RUN_POD_SANDBOX, PluginCall.STOP_POD_SANDBOX, PluginCall.REMOVE_POD_SANDBOX,
      PluginCall.POST_UPDATE_POD_SANDBOX, PluginCall.POST_CREATE_CONTAINER, PluginCall.START_CONTAINER,
      PluginCall.POST_START_CONTAINER, PluginCall.POST_UPDATE_CONTAINER, PluginCall.REMOVE_CONTAINER);

  private StateChangeFallback() {
  }

  static boolean covers(PluginCall<?, ?> call) {
    return EVENTS.contains(call);
  }

  /** The StateChange carrying the same event; pod events carry no container. */
  static <Q extends Message> StateChangeEvent of(PluginCall<Q, ?> call, Q request) {
    StateChangeEvent.Builder b = StateChangeEvent.newBuilder().setEvent(call.event());
    PodSandbox pod = call.pod(request);
    if (pod != null) {
      b.setPod(pod);
    }
    Container ctr = call.container(request);
    if (ctr != null) {
      b.setContainer(ctr);
    }
    return b.build();
  }
}
