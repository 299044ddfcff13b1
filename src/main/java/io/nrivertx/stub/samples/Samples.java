package io.nrivertx.stub.samples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The sample plugins by name, for launchers such as {@code nri-vertx plugin NAME ...}. Each runs
 * with its own Go-style flags until the runtime shuts it down or the connection is lost.
 */
public final class Samples {
  private record Sample(String description, SampleRunner.Starter starter) {
  }

  private static final Map<String, Sample> SAMPLES = table();

  private Samples() {
  }

  /** The sample names, in a stable order. */
  public static Set<String> names() {
    return SAMPLES.keySet();
  }

  /** One line about the sample, or null for an unknown name. */
  public static String description(String name) {
    Sample sample = SAMPLES.get(name);
    return sample == null ? null : sample.description();
  }

  /**
   * Runs the sample until it stops.
   *
   * @return the exit code: 0 after the runtime's Shutdown or -h, 1 when it failed or lost its
   *     connection, 2 for a bad command line
   * @throws IllegalArgumentException for an unknown name
   */
  public static int run(String name, String... args) {
    Sample sample = SAMPLES.get(name);
    if (sample == null) {
      throw new IllegalArgumentException("unknown sample plugin \"" + name + "\", expected one of "
          + String.join(", ", names()));
    }
    return SampleRunner.run(name, sample.starter(), args);
  }

  private static Map<String, Sample> table() {
    Map<String, Sample> samples = new LinkedHashMap<>();
    samples.put("logger", new Sample("logs every request it receives (YAML or JSON); can add annotations/env",
        LoggerMain::start));
    samples.put("template", new Sample("the skeleton to copy for a new plugin; logs what it sees",
        TemplatePlugin::start));
    samples.put("device-injector", new Sample("injects devices, mounts, CDI devices and sysctls from pod annotations",
        DeviceInjectorPlugin::start));
    samples.put("ulimit-adjuster", new Sample("sets container rlimits from pod annotations",
        UlimitAdjusterPlugin::start));
    samples.put("v010-adapter", new Sample("runs NRI v0.1.0 plugins (/etc/nri/conf.json) on pod and container start/stop",
        V010AdapterMain::start));
    return java.util.Collections.unmodifiableMap(samples);
  }
}
