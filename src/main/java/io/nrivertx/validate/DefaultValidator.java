package io.nrivertx.validate;

import com.google.protobuf.Message;
import io.nrivertx.api.CompoundFieldOwners;
import io.nrivertx.api.Field;
import io.nrivertx.api.FieldOwners;
import io.nrivertx.api.PluginInstance;
import io.nrivertx.api.SecurityProfile;
import io.nrivertx.api.ValidateContainerAdjustmentRequest;
import io.nrivertx.api.ValidateContainerAdjustmentResponse;
import io.nrivertx.merge.GoText;
import io.nrivertx.plugin.BuiltinHandler;
import io.nrivertx.service.EventMask;
import io.nrivertx.service.PluginCall;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NRI's builtin default validator ("00-default-validator"): rejects, as configured, adjustments
 * of OCI hooks, seccomp policy, namespaces and sysctls, and containers missing required plugins.
 * Checks run in NRI's order and the first failure is the rejection reason.
 */
public final class DefaultValidator implements BuiltinHandler {
  public static final String NAME = "default-validator";
  public static final String INDEX = "00";
  /** Pod annotation naming plugins a container requires (YAML/JSON list of names). */
  public static final String REQUIRED_PLUGINS = "required-plugins.noderesource.dev";
  private static final String PREFIX = "validation error: ";

  private final DefaultValidatorConfig cfg;

  public DefaultValidator(DefaultValidatorConfig cfg) {
    this.cfg = cfg;
  }

  @Override
  public int events() {
    return EventMask.bit(io.nrivertx.api.Event.VALIDATE_CONTAINER_ADJUSTMENT);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <Q extends Message, R extends Message> Future<R> handle(PluginCall<Q, R> call, Q request) {
    if (call != PluginCall.VALIDATE) {
      return Future.succeededFuture();
    }
    String why = check((ValidateContainerAdjustmentRequest) request);
    // A builtin validator's error becomes a rejection with the error text, as NRI's builtins do.
    ValidateContainerAdjustmentResponse rsp = why == null ? ValidateContainerAdjustmentResponse.getDefaultInstance()
        : ValidateContainerAdjustmentResponse.newBuilder().setReject(true).setReason(why).build();
    return Future.succeededFuture((R) rsp);
  }

  /** @return null when the adjustment passes, else the reason */
  public String check(ValidateContainerAdjustmentRequest req) {
    FieldOwners owners = req.getOwners().getOwnersOrDefault(req.getContainer().getId(),
        FieldOwners.getDefaultInstance());
    String why = hooks(req, owners);
    if (why == null) {
      why = seccomp(req, owners);
    }
    if (why == null) {
      why = namespaces(req, owners);
    }
    if (why == null) {
      why = requiredPlugins(req);
    }
    if (why == null) {
      why = sysctl(req, owners);
    }
    return why;
  }

  private String hooks(ValidateContainerAdjustmentRequest req, FieldOwners owners) {
    String owner = owners.getSimpleMap().get(Field.OciHooks_VALUE);
    if (!req.hasAdjust() || !cfg.rejectOciHookAdjustment() || owner == null) {
      return null;
    }
    String who = owner.contains(",") ? "plugins " + GoText.quote(owner) : "plugin " + GoText.quote(owner);
    return PREFIX + who + " attempted restricted OCI hook injection";
  }

  private String seccomp(ValidateContainerAdjustmentRequest req, FieldOwners owners) {
    String owner = owners.getSimpleMap().get(Field.SeccompPolicy_VALUE);
    if (!req.hasAdjust() || owner == null) {
      return null;
    }
    SecurityProfile profile = req.getContainer().getLinux().hasSeccompProfile()
        ? req.getContainer().getLinux().getSeccompProfile() : null;
    SecurityProfile.ProfileType type = profile == null ? SecurityProfile.ProfileType.UNCONFINED
        : profile.getProfileType();
    return switch (type) {
      case UNCONFINED -> cfg.rejectUnconfinedSeccompAdjustment()
          ? PREFIX + "plugin " + owner + " attempted restricted  unconfined seccomp policy adjustment" : null;
      case RUNTIME_DEFAULT -> cfg.rejectRuntimeDefaultSeccompAdjustment()
          ? PREFIX + "plugin " + owner + " attempted restricted runtime default seccomp policy adjustment" : null;
      case LOCALHOST -> cfg.rejectCustomSeccompAdjustment()
          ? PREFIX + "plugin " + owner + " attempted restricted  custom seccomp policy adjustment" : null;
      default -> null;
    };
  }

  private String namespaces(ValidateContainerAdjustmentRequest req, FieldOwners owners) {
    CompoundFieldOwners ns = owners.getCompoundMap().get(Field.Namespace_VALUE);
    if (!req.hasAdjust() || !cfg.rejectNamespaceAdjustment() || ns == null) {
      return null;
    }
    List<String> offenders = new ArrayList<>();
    for (Map.Entry<String, String> e : ns.getOwnersMap().entrySet()) {
      offenders.add(GoText.quote(e.getValue()) + " (namespace " + GoText.quote(e.getKey()) + ")");
    }
    return PREFIX + "attempted restricted namespace adjustment by plugin(s) " + String.join(", ", offenders);
  }

  private String sysctl(ValidateContainerAdjustmentRequest req, FieldOwners owners) {
    if (!req.hasAdjust() || !req.getAdjust().hasLinux() || !cfg.rejectSysctlAdjustment()) {
      return null;
    }
    CompoundFieldOwners claimed = owners.getCompoundMap().get(Field.Sysctl_VALUE);
    List<String> offenders = new ArrayList<>();
    for (String key : req.getAdjust().getLinux().getSysctlMap().keySet()) {
      if (claimed != null && claimed.getOwnersMap().containsKey(key)) {
        offenders.add(claimed.getOwnersMap().get(key));
      }
    }
    return offenders.isEmpty() ? null
        : PREFIX + "attempted restricted sysctl adjustment by plugin(s) " + String.join(", ", offenders);
  }

  private String requiredPlugins(ValidateContainerAdjustmentRequest req) {
    String container = req.getContainer().getName();
    String tolerate = cfg.tolerateMissingPluginsAnnotation();
    if (!tolerate.isEmpty()) {
      Optional<String> value = EffectiveAnnotation.lookup(req.getPod(), tolerate, container);
      if (value.isPresent()) {
        Boolean b = parseBool(value.get());
        if (b == null) {
          // Go's strconv.ParseBool error, as NRI wraps it.
          return "invalid " + tolerate + " annotation " + GoText.quote(value.get()) + ": strconv.ParseBool: parsing "
              + GoText.quote(value.get()) + ": invalid syntax";
        }
        if (b) {
          return null;
        }
      }
    }
    List<String> required = new ArrayList<>(cfg.requiredPlugins());
    Optional<String> annotated = EffectiveAnnotation.lookup(req.getPod(), REQUIRED_PLUGINS, container);
    if (annotated.isPresent()) {
      GoYamlStrings.Result names = GoYamlStrings.parse(annotated.get());
      if (names.error() != null) {
        return "invalid " + REQUIRED_PLUGINS + " annotation " + GoText.quote(annotated.get()) + ": " + names.error();
      }
      required.addAll(names.values());
    }
    Set<String> present = new HashSet<>();
    for (PluginInstance p : req.getPluginsList()) {
      present.add(p.getName());
      present.add(p.getIndex() + "-" + p.getName());
    }
    List<String> missing = required.stream().filter(r -> !present.contains(r)).toList();
    if (missing.isEmpty()) {
      return null;
    }
    String who = missing.size() == 1 ? "required plugin " + GoText.quote(missing.get(0))
        : "required plugins " + GoText.quote(String.join(",", missing));
    return PREFIX + who + " not present";
  }

  /** Go's strconv.ParseBool spellings. */
  private static Boolean parseBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> null;
    };
  }
}
