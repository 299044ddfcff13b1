package io.nrivertx.stub.impl;

import io.nrivertx.api.Container;
import io.nrivertx.api.Event;
import io.nrivertx.api.LinuxResources;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.api.UpdateContainerRequest;
import io.nrivertx.api.UpdatePodSandboxRequest;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.service.EventMask;
import io.nrivertx.stub.NriPlugin;
import io.nrivertx.stub.StubException;
import java.util.List;

/**
 * Finds which handlers a plugin overrides, once, by reflection: an {@link NriPlugin} default
 * method means "not handled". The Go stub learns the same from which interfaces a plugin type
 * implements.
 */
public final class HandlerScan {
  /** @param whole the parameter of the method's whole-request form, or null when it has none */
  private record Handler(Event event, String method, Class<?> whole, Class<?>[] parameters) {
    Handler(Event event, String method, Class<?>... parameters) {
      this(event, method, null, parameters);
    }

    static Handler orWhole(Event event, String method, Class<?> whole, Class<?>... parameters) {
      return new Handler(event, method, whole, parameters);
    }
  }

  private static final List<Handler> EVENT_HANDLERS = List.of(
      new Handler(Event.RUN_POD_SANDBOX, "runPodSandbox", PodSandbox.class),
      new Handler(Event.STOP_POD_SANDBOX, "stopPodSandbox", PodSandbox.class),
      new Handler(Event.REMOVE_POD_SANDBOX, "removePodSandbox", PodSandbox.class),
      new Handler(Event.CREATE_CONTAINER, "createContainer", PodSandbox.class, Container.class),
      new Handler(Event.POST_CREATE_CONTAINER, "postCreateContainer", PodSandbox.class, Container.class),
      new Handler(Event.START_CONTAINER, "startContainer", PodSandbox.class, Container.class),
      new Handler(Event.POST_START_CONTAINER, "postStartContainer", PodSandbox.class, Container.class),
      Handler.orWhole(Event.UPDATE_CONTAINER, "updateContainer", UpdateContainerRequest.class, PodSandbox.class,
          Container.class, LinuxResources.class),
      new Handler(Event.POST_UPDATE_CONTAINER, "postUpdateContainer", PodSandbox.class, Container.class),
      new Handler(Event.STOP_CONTAINER, "stopContainer", PodSandbox.class, Container.class),
      new Handler(Event.REMOVE_CONTAINER, "removeContainer", PodSandbox.class, Container.class),
      Handler.orWhole(Event.UPDATE_POD_SANDBOX, "updatePodSandbox", UpdatePodSandboxRequest.class, PodSandbox.class,
          LinuxResources.class, LinuxResources.class),
      new Handler(Event.POST_UPDATE_POD_SANDBOX, "postUpdatePodSandbox", PodSandbox.class),
      new Handler(Event.VALIDATE_CONTAINER_ADJUSTMENT, "validateContainerAdjustment",
          ValidateContainerAdjustmentRequest.class));

  private HandlerScan() {
  }

  /**
   * @return the events {@code plugin}'s class has handlers for
   * @throws StubException if it has none
   */
  public static EventMask handledEvents(NriPlugin plugin) {
    int bits = 0;
    for (Handler h : EVENT_HANDLERS) {
      if (overrides(plugin, h.method(), h.parameters())
          || (h.whole() != null && overrides(plugin, h.method(), h.whole()))) {
        bits |= EventMask.bit(h.event());
      }
    }
    if (bits == 0) {
      throw new StubException("plugin " + plugin.getClass().getName()
          + " does not implement any NRI event handler (override at least one NriPlugin event method)");
    }
    return new EventMask(bits);
  }

  /** Whether the plugin has its own Synchronize handler (otherwise split chunks need no buffering). */
  public static boolean handlesSynchronize(NriPlugin plugin) {
    return overrides(plugin, "synchronize", List.class, List.class);
  }

  private static boolean overrides(NriPlugin plugin, String method, Class<?>... parameters) {
    try {
      return plugin.getClass().getMethod(method, parameters).getDeclaringClass() != NriPlugin.class;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("NriPlugin has no method " + method, e);
    }
  }
}
