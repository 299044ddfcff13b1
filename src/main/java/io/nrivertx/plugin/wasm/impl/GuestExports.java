package io.nrivertx.plugin.wasm.impl;

import io.nrivertx.service.PluginCall;
import java.util.List;
import java.util.Locale;

/** The export names of NRI's WASM plugin API: {@code plugin_} and the method in snake case. */
public final class GuestExports {
  private static final List<String> METHODS = List.of("Configure", "Synchronize", "Shutdown", "RunPodSandbox",
      "UpdatePodSandbox", "PostUpdatePodSandbox", "StopPodSandbox", "RemovePodSandbox", "CreateContainer",
      "PostCreateContainer", "StartContainer", "PostStartContainer", "UpdateContainer", "PostUpdateContainer",
      "StopContainer", "RemoveContainer", "StateChange", "ValidateContainerAdjustment");

  /** Every export NRI checks for when it loads a plugin. */
  static final List<String> REQUIRED = java.util.stream.Stream.concat(
      java.util.stream.Stream.of("plugin_api_version", "malloc", "free"),
      METHODS.stream().map(GuestExports::of)).toList();

  private GuestExports() {
  }

  /** "plugin_create_container" for CreateContainer. */
  public static String of(PluginCall<?, ?> call) {
    return of(call.method());
  }

  static String of(String method) {
    return "plugin_" + method.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
