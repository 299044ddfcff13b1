package io.nrivertx.merge;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;
import io.nrivertx.api.Hook;
import io.nrivertx.api.Hooks;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** OCI hooks: appended per hook point, never conflicting; owners accumulate as "A,B". */
final class HooksMerger implements FieldMerger {

  private record Point(Function<Hooks, List<Hook>> get, BiConsumer<Hooks.Builder, List<Hook>> append) {
  }

  private static final List<Point> POINTS = List.of(
      new Point(Hooks::getPrestartList, Hooks.Builder::addAllPrestart),
      new Point(Hooks::getPoststartList, Hooks.Builder::addAllPoststart),
      new Point(Hooks::getPoststopList, Hooks.Builder::addAllPoststop),
      new Point(Hooks::getCreateRuntimeList, Hooks.Builder::addAllCreateRuntime),
      new Point(Hooks::getCreateContainerList, Hooks.Builder::addAllCreateContainer),
      new Point(Hooks::getStartContainerList, Hooks.Builder::addAllStartContainer));

  @Override
  public void merge(AdjustContext ctx, String plugin, ContainerAdjustment adjust) {
    if (!adjust.hasHooks()) {
      return;
    }
    boolean any = false;
    for (Point point : POINTS) {
      List<Hook> hooks = point.get().apply(adjust.getHooks());
      if (!hooks.isEmpty()) {
        point.append().accept(ctx.reply().getHooksBuilder(), hooks);
        point.append().accept(ctx.container().getHooksBuilder(), hooks);
        any = true;
      }
    }
    if (any) {
      ctx.owners().accumulate(ctx.id(), Field.OciHooks, plugin);
    }
  }
}
