package io.nrivertx.stub.v010.impl;

import io.nrivertx.api.HugepageLimit;
import io.nrivertx.api.LinuxCPU;
import io.nrivertx.api.LinuxDeviceCgroup;
import io.nrivertx.api.LinuxMemory;
import io.nrivertx.api.LinuxResources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/**
 * NRI resources as the OCI runtime-spec JSON ({@code LinuxResources}) that v0.1 plugins read in
 * {@code spec.resources}: the conversion NRI's adapter makes, with the OCI field names and
 * omissions. As there, CPU and memory are present (maybe empty) whenever resources are, blockio
 * and RDT classes have no OCI field, and a pids limit of -1 (unlimited) is left out.
 */
final class OciResources {
  private OciResources() {
  }

  /** The OCI JSON, or null (JSON null) when the runtime sent no resources. */
  static JsonObject toOci(LinuxResources r, boolean present) {
    if (!present) {
      return null;
    }
    JsonObject oci = new JsonObject();
    if (r.getDevicesCount() > 0) {
      JsonArray devices = new JsonArray();
      for (LinuxDeviceCgroup d : r.getDevicesList()) {
        JsonObject dev = new JsonObject().put("allow", d.getAllow());
        putString(dev, "type", d.getType());
        if (d.hasMajor()) {
          dev.put("major", d.getMajor().getValue());
        }
        if (d.hasMinor()) {
          dev.put("minor", d.getMinor().getValue());
        }
        putString(dev, "access", d.getAccess());
        devices.add(dev);
      }
      oci.put("devices", devices);
    }
    oci.put("memory", memory(r.getMemory()));
    oci.put("cpu", cpu(r.getCpu()));
    if (r.hasPids()) {
      JsonObject pids = new JsonObject();
      if (r.getPids().getLimit() > -1) {
        pids.put("limit", r.getPids().getLimit());
      }
      oci.put("pids", pids);
    }
    if (r.getHugepageLimitsCount() > 0) {
      JsonArray limits = new JsonArray();
      for (HugepageLimit l : r.getHugepageLimitsList()) {
        limits.add(new JsonObject().put("pageSize", l.getPageSize()).put("limit", unsigned(l.getLimit())));
      }
      oci.put("hugepageLimits", limits);
    }
    if (r.getUnifiedCount() > 0) {
      oci.put("unified", V010Request.sorted(r.getUnifiedMap()));
    }
    return oci;
  }

  private static JsonObject memory(LinuxMemory m) {
    JsonObject json = new JsonObject();
    if (m.hasLimit()) {
      json.put("limit", m.getLimit().getValue());
    }
    if (m.hasReservation()) {
      json.put("reservation", m.getReservation().getValue());
    }
    if (m.hasSwap()) {
      json.put("swap", m.getSwap().getValue());
    }
    if (m.hasKernel()) {
      json.put("kernel", m.getKernel().getValue());
    }
    if (m.hasKernelTcp()) {
      json.put("kernelTCP", m.getKernelTcp().getValue());
    }
    if (m.hasSwappiness()) {
      json.put("swappiness", unsigned(m.getSwappiness().getValue()));
    }
    if (m.hasDisableOomKiller()) {
      json.put("disableOOMKiller", m.getDisableOomKiller().getValue());
    }
    if (m.hasUseHierarchy()) {
      json.put("useHierarchy", m.getUseHierarchy().getValue());
    }
    return json;
  }

  private static JsonObject cpu(LinuxCPU c) {
    JsonObject json = new JsonObject();
    if (c.hasShares()) {
      json.put("shares", unsigned(c.getShares().getValue()));
    }
    if (c.hasQuota()) {
      json.put("quota", c.getQuota().getValue());
    }
    if (c.hasPeriod()) {
      json.put("period", unsigned(c.getPeriod().getValue()));
    }
    if (c.hasRealtimeRuntime()) {
      json.put("realtimeRuntime", c.getRealtimeRuntime().getValue());
    }
    if (c.hasRealtimePeriod()) {
      json.put("realtimePeriod", unsigned(c.getRealtimePeriod().getValue()));
    }
    putString(json, "cpus", c.getCpus());
    putString(json, "mems", c.getMems());
    return json;
  }

  private static void putString(JsonObject json, String key, String value) {
    if (!value.isEmpty()) {
      json.put(key, value);
    }
  }

  /** uint64 fields: Java longs holding them print negative above Long.MAX_VALUE. */
  private static Number unsigned(long value) {
    return value >= 0 ? value : new BigInteger(Long.toUnsignedString(value));
  }
}
