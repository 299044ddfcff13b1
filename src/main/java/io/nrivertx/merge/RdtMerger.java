package io.nrivertx.merge;

import io.nrivertx.api.ContainerAdjustment;
import io.nrivertx.api.Field;
import io.nrivertx.api.LinuxContainerAdjustment;
import io.nrivertx.api.LinuxRdt;

/**
 * RDT (closid, schemata, monitoring): three simple fields, plus remove=true which clears all
 * three and is forwarded unless the same reply sets one of them again. Only recorded in the
 * reply, never in the container. Go's nil check tests the wrong variable, so the reply's rdt
 * becomes present (empty) for any reply that carries a Linux part; this reproduces that.
 */
final class RdtMerger implements FieldMerger {

  @Override
  public void merge(AdjustContext ctx, String plugin, ContainerAdjustment adjust) {
    LinuxContainerAdjustment.Builder reply = ctx.reply().getLinuxBuilder();
    if (!reply.hasRdt()) {
      reply.setRdt(LinuxRdt.getDefaultInstance());
    }
    LinuxRdt rdt = adjust.getLinux().getRdt();
    if (rdt.getRemove()) {
      ctx.clear(Field.RdtClosID, plugin);
      ctx.clear(Field.RdtSchemata, plugin);
      ctx.clear(Field.RdtEnableMonitoring, plugin);
      reply.setRdt(LinuxRdt.newBuilder().setRemove(true));
    }
    if (rdt.hasClosId()) {
      ctx.claim(Field.RdtClosID, plugin);
      reply.getRdtBuilder().setClosId(rdt.getClosId()).setRemove(false);
    }
    if (rdt.hasSchemata()) {
      ctx.claim(Field.RdtSchemata, plugin);
      reply.getRdtBuilder().setSchemata(rdt.getSchemata()).setRemove(false);
    }
    if (rdt.hasEnableMonitoring()) {
      ctx.claim(Field.RdtEnableMonitoring, plugin);
      reply.getRdtBuilder().setEnableMonitoring(rdt.getEnableMonitoring()).setRemove(false);
    }
  }
}
