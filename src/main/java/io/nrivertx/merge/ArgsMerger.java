package io.nrivertx.merge;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;
import java.util.List;

/**
 * Command-line arguments: a simple field replaced as a whole. A leading "" element (the Go stub's
 * UpdateArgs) first clears the field whoever owned it, so the plugin overrides earlier args.
 */
final class ArgsMerger implements FieldMerger {

  @Override
  public void merge(AdjustContext ctx, String plugin, ContainerAdjustment adjust) {
    List<String> args = adjust.getArgsList();
    if (args.isEmpty()) {
      return;
    }
    if (args.getFirst().isEmpty()) {
      ctx.clear(Field.Args, plugin);
      args = args.subList(1, args.size());
    }
    ctx.claim(Field.Args, plugin);
    ctx.reply().clearArgs().addAllArgs(args);
    ctx.container().clearArgs().addAllArgs(args);
  }
}
