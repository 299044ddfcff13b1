package io.nrivertx.merge;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;
import io.nrivertx.api.LinuxNamespace;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Linux namespaces, keyed by type. Unlike the other marked families, a removal ("-net") claims
 * the type just as an add does, and every entry is forwarded to the runtime as given. The
 * container keeps one namespace per type.
 */
final class NamespaceMerger implements FieldMerger {

  @Override
  public void merge(AdjustContext ctx, String plugin, ContainerAdjustment adjust) {
    var entries = adjust.getLinux().getNamespacesList();
    if (entries.isEmpty()) {
      return;
    }
    var container = ctx.container().getLinuxBuilder();
    // Go rebuilds the list from a map, in random order; insertion order is the stable equivalent.
    Map<String, LinuxNamespace> byType = new LinkedHashMap<>();
    container.getNamespacesList().forEach(n -> byType.put(n.getType(), n));
    for (LinuxNamespace n : entries) {
      String type = GoText.unmarked(n.getType());
      ctx.claim(Field.Namespace, type, plugin);
      if (GoText.isRemoval(n.getType())) {
        byType.remove(type);
      } else {
        byType.put(type, n);
      }
      ctx.reply().getLinuxBuilder().addNamespaces(n);
    }
    container.clearNamespaces().addAllNamespaces(byType.values());
  }
}
