package io.nrivertx.conformance;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The differences the relay cannot avoid, on top of what {@link Normalizer} forgives. Each is
 * listed here with why; everything else must be identical between the plugins behind the relay
 * and the plugins connected directly.
 * <ul>
 *   <li><b>One deadline for all plugins behind the relay.</b> The runtime gives each plugin,
 *       the relay included, its request timeout; the relay must answer within it for all of its
 *       plugins, each of which has that timeout too. The relay runs therefore give the adaptation
 *       a request timeout that covers every plugin of the case and the validators (the case's
 *       times plugins + 2): the plugins meet their own timeouts, as they do connected directly.
 *       What happens when the runtime's deadline is shorter is {@code RelayRobustnessIT}'s.</li>
 *   <li><b>Refusals that are the relay's own.</b> When the plugins refuse an event through a
 *       status of their own, the relay answers with that status and the adaptation prints the
 *       same text. But a merge conflict or a validator's rejection is decided by the relay's
 *       runtime, not by a plugin: the adaptation gets it as the relay's error status and prints it
 *       as "rpc error: code = Unknown desc = " followed by the text it would itself have printed
 *       for the plugins connected directly. (A runtime cannot tell a plugin's verdict from its
 *       own merge conflict over NRI.)</li>
 *   <li><b>Configure's timeouts behind an old runtime.</b> NRI before v0.7 announces no
 *       registration or request timeout in Configure (plugins see 0); the relay's runtime speaks
 *       v0.12 to its plugins and announces its own. Where the direct run's plugin saw 0, the
 *       relay run's value is not compared.</li>
 *   <li><b>Merge conflicts behind an old runtime</b> are found by the relay's runtime, which names
 *       the field as v0.12 does ("Annotations owner", "MemLimit "); the old adaptation names it in
 *       its own words ("annotation owner", "memory limit"). Same plugins, same outcome.</li>
 *   <li><b>Cgroup device rules behind an old runtime.</b> v0.12 shows a later plugin in one
 *       CreateContainer the cgroup device rules ({@code linux.resources.devices}) an earlier
 *       plugin added to the container, and in one UpdateContainer those an earlier plugin's update
 *       put into the resources; v0.3 and v0.6 do not. Plugins behind the relay get v0.12's
 *       behaviour, so those two fields are not compared.</li>
 * </ul>
 */
final class RelayNormalizer {
  static final String RELAYED = "rpc error: code = Unknown desc = ";

  private RelayNormalizer() {
  }

  /** The relay run with what {@code direct} cannot have removed (see the class comment). */
  static Outcome outcome(Outcome relay, Outcome direct) {
    Map<String, List<JsonObject>> logs = new LinkedHashMap<>();
    relay.logs().forEach((plugin, lines) -> {
      JsonObject directConfigure = direct.logs().getOrDefault(plugin, List.of()).stream()
          .filter(l -> "Configure".equals(l.getString("event"))).findFirst().orElse(null);
      List<JsonObject> out = new ArrayList<>();
      for (JsonObject l : lines) {
        if (directConfigure != null && "Configure".equals(l.getString("event"))) {
          l = l.copy();
          for (String key : List.of("registrationTimeout", "requestTimeout")) {
            if (!directConfigure.containsKey(key)) {
              l.remove(key);
            } else if (Objects.equals(directConfigure.getValue(key), 0)) {
              l.put(key, 0);
            }
          }
        }
        out.add(l);
      }
      logs.put(plugin, out);
    });
    return new Outcome(relay.lines(), logs, relay.failure(), relay.millis());
  }

  private static final Pattern CONFLICT = Pattern.compile("^plugins \"([^\"]+)\" and \"([^\"]+)\" both tried to set .*",
      Pattern.DOTALL);

  /** @param relay the error the adaptation printed with the relay in between; {@code direct} without */
  static boolean equivalentErrors(String relay, String direct, boolean oldUpstream) {
    String unwrapped = relay.startsWith(RELAYED) && !direct.startsWith(RELAYED) ? relay.substring(RELAYED.length())
        : relay;
    if (unwrapped.equals(direct) || Normalizer.equivalentErrors(unwrapped, direct)) {
      return true;
    }
    Matcher a = CONFLICT.matcher(unwrapped);
    Matcher b = CONFLICT.matcher(direct);
    return oldUpstream && a.matches() && b.matches() && a.group(1).equals(b.group(1)) && a.group(2).equals(b.group(2));
  }

  /** Both runs' plugin logs without what an old runtime cannot show (see the class comment). */
  static Outcome withoutDeviceRules(Outcome o) {
    Map<String, List<JsonObject>> logs = new LinkedHashMap<>();
    o.logs().forEach((plugin, lines) -> logs.put(plugin, lines.stream().map(l -> {
      JsonObject copy = l.copy();
      if ("CreateContainer".equals(l.getString("event")) && copy.getValue("container") instanceof JsonObject c
          && c.getValue("linux") instanceof JsonObject linux && linux.getValue("resources") instanceof JsonObject r) {
        r.remove("devices");
      }
      if ("UpdateContainer".equals(l.getString("event")) && copy.getValue("linuxResources") instanceof JsonObject r) {
        r.remove("devices");
      }
      return copy;
    }).toList()));
    return new Outcome(o.lines(), logs, o.failure(), o.millis());
  }
}
