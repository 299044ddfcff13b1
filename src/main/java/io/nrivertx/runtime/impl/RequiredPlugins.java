package io.nrivertx.runtime.impl;

import com.google.protobuf.Message;
import io.nrivertx.NriOptions;
import io.nrivertx.api.Container;
import io.nrivertx.api.PodSandbox;
import io.nrivertx.plugin.Plugin;
import io.nrivertx.runtime.LifecycleException;
import io.nrivertx.runtime.PluginPolicies;
import io.nrivertx.service.PluginCall;
import java.util.List;
import java.util.Map;

/**
 * Plugins the operator marked {@code required: true}, which make RunPodSandbox and
 * CreateContainer fail closed: refused while such a plugin is not registered and synchronized,
 * and failed when it times out or loses its connection during the event, whatever its failure
 * policy. A pod whose effective annotation named by the default validator's
 * {@code tolerateMissingPluginsAnnotation} is true is exempt (docs/configuration.md, "Required
 * plugins"). Confined to the core's context.
 */
final class RequiredPlugins {
  private final List<String> keys;
  private final String tolerate;

  RequiredPlugins(NriOptions options) {
    this.keys = options.getPlugins().required();
    this.tolerate = options.getDefaultValidator().tolerateMissingPluginsAnnotation();
  }

  /** The required keys ("NN-name" or "name"), for the readiness check. */
  List<String> keys() {
    return keys;
  }

  boolean isRequired(Plugin plugin) {
    return keys.stream().anyMatch(k -> PluginPolicies.satisfies(k, plugin.id(), plugin.name()));
  }

  /** Whether {@code run} fails closed: a RunPodSandbox or CreateContainer of a pod that does not tolerate missing plugins. */
  boolean guards(EventRun<?, ?> run) {
    if (keys.isEmpty() || (run.call != PluginCall.RUN_POD_SANDBOX && run.call != PluginCall.CREATE_CONTAINER)) {
      return false;
    }
    return !Boolean.TRUE.equals(tolerance(run));
  }

  /** The refusal when a required plugin is missing from {@code active}; null when every one is there. */
  LifecycleException missing(EventRun<?, ?> run, List<Plugin> active) {
    if (!guards(run)) {
      return null;
    }
    for (String key : keys) {
      boolean present = active.stream().anyMatch(p -> !p.isClosed()
          && PluginPolicies.satisfies(key, p.id(), p.name()));
      if (!present) {
        return new LifecycleException.Unavailable(run.method() + " refused: required plugin " + key
            + " is not registered (plugins: " + key + ": required: true); start it" + howToTolerate(run),
            run.method(), key);
      }
    }
    return null;
  }

  /** The explanation a failing required plugin adds to its event's error. */
  String failsClosed(EventRun<?, ?> run) {
    return " (required plugin: " + run.method() + " fails closed" + howToTolerate(run) + ")";
  }

  private String howToTolerate(EventRun<?, ?> run) {
    if (tolerate.isEmpty()) {
      return ", or set defaultValidator.tolerateMissingPluginsAnnotation and annotate the pod to tolerate missing plugins";
    }
    Boolean t = tolerance(run);
    String bad = t == null && annotation(run) != null ? " (its value \"" + annotation(run) + "\" is not a boolean)" : "";
    return ", or annotate the pod " + tolerate + ": \"true\" to tolerate missing plugins" + bad;
  }

  /** The pod's tolerate annotation as a Go boolean: null when absent or not a boolean. */
  private Boolean tolerance(EventRun<?, ?> run) {
    String v = annotation(run);
    return v == null ? null : switch (v) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> null;
    };
  }

  /** NRI's effective annotation: per container, then per pod, then the plain key. */
  private String annotation(EventRun<?, ?> run) {
    if (tolerate.isEmpty()) {
      return null;
    }
    PodSandbox pod = podOf(run);
    if (pod == null) {
      return null;
    }
    Map<String, String> a = pod.getAnnotationsMap();
    Container ctr = containerOf(run);
    if (ctr != null && a.containsKey(tolerate + "/container." + ctr.getName())) {
      return a.get(tolerate + "/container." + ctr.getName());
    }
    return a.getOrDefault(tolerate + "/pod", a.get(tolerate));
  }

  private static <Q extends Message> PodSandbox podOf(EventRun<Q, ?> run) {
    return run.call.pod(run.request);
  }

  private static <Q extends Message> Container containerOf(EventRun<Q, ?> run) {
    return run.call.container(run.request);
  }
}
