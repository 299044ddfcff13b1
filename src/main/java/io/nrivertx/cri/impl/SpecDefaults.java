package io.nrivertx.cri.impl;

import io.nrivertx.api.cri.Device;
import io.nrivertx.api.cri.LinuxContainerSecurityContext;
import io.nrivertx.api.cri.Mount;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The defaults a containerd-built spec carries: mounts, capabilities, masked paths, devices. */
final class SpecDefaults {
  static final List<String> CAPABILITIES = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
      "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
      "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
  // Devices have no host to look at in a simulation: the usual ones get their real numbers.
  private static final Map<String, long[]> KNOWN_DEVICES = Map.of("/dev/null", new long[] {1, 3},
      "/dev/zero", new long[] {1, 5}, "/dev/full", new long[] {1, 7}, "/dev/random", new long[] {1, 8},
      "/dev/urandom", new long[] {1, 9}, "/dev/tty", new long[] {5, 0}, "/dev/fuse", new long[] {10, 229},
      "/dev/kvm", new long[] {10, 232}, "/dev/net/tun", new long[] {10, 200});

  private SpecDefaults() {
  }

  static JsonObject user(LinuxContainerSecurityContext sec) {
    JsonObject user = new JsonObject()
        .put("uid", sec.hasRunAsUser() ? sec.getRunAsUser().getValue() : 0)
        .put("gid", sec.hasRunAsGroup() ? sec.getRunAsGroup().getValue() : 0);
    if (sec.getSupplementalGroupsCount() > 0) {
      user.put("additionalGids", new JsonArray(List.copyOf(sec.getSupplementalGroupsList())));
    }
    return user;
  }

  static JsonObject capabilities(LinuxContainerSecurityContext sec) {
    List<String> caps = new ArrayList<>(CAPABILITIES);
    if (sec.getPrivileged()) {
      caps.add("CAP_SYS_ADMIN");
    }
    for (String add : sec.getCapabilities().getAddCapabilitiesList()) {
      String cap = add.startsWith("CAP_") ? add : "CAP_" + add.toUpperCase();
      if (!caps.contains(cap)) {
        caps.add(cap);
      }
    }
    for (String drop : sec.getCapabilities().getDropCapabilitiesList()) {
      if (drop.equalsIgnoreCase("ALL")) {
        caps.clear();
      } else {
        caps.remove(drop.startsWith("CAP_") ? drop : "CAP_" + drop.toUpperCase());
      }
    }
    JsonArray set = new JsonArray(List.copyOf(caps));
    return new JsonObject().put("bounding", set).put("effective", set.copy()).put("permitted", set.copy());
  }

  static JsonArray maskedPaths() {
    return new JsonArray(List.of("/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
        "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
        "/sys/devices/virtual/powercap"));
  }

  static JsonArray readonlyPaths() {
    return new JsonArray(List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"));
  }

  /** The runtime's own mounts, the pod's files (when {@code podId} is set), then the CRI mounts. */
  static JsonArray mounts(String podId, List<Mount> cri) {
    JsonArray out = new JsonArray()
        .add(mount("/proc", "proc", "proc", "nosuid", "noexec", "nodev"))
        .add(mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"))
        .add(mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"))
        .add(mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"))
        .add(mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"))
        .add(mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro"));
    if (podId != null) {
      String dir = "/run/nri-vertx/sandboxes/" + podId;
      out.add(mount("/etc/hostname", "bind", dir + "/hostname", "rbind", "rprivate", "rw"))
          .add(mount("/etc/hosts", "bind", dir + "/hosts", "rbind", "rprivate", "rw"))
          .add(mount("/etc/resolv.conf", "bind", dir + "/resolv.conf", "rbind", "rprivate", "rw"))
          .add(mount("/dev/shm", "bind", dir + "/shm", "rbind", "rprivate", "rw"));
    }
    for (Mount m : cri) {
      List<String> opts = new ArrayList<>(List.of("rbind", switch (m.getPropagation()) {
        case PROPAGATION_HOST_TO_CONTAINER -> "rslave";
        case PROPAGATION_BIDIRECTIONAL -> "rshared";
        default -> "rprivate";
      }, m.getReadonly() ? m.getRecursiveReadOnly() ? "rro" : "ro" : "rw"));
      opts.addAll(m.getMountOptionsList());
      SpecJson.list(out).removeIf(SpecJson.field("destination", m.getContainerPath()));
      out.add(mount(m.getContainerPath(), "bind", m.getHostPath(), opts.toArray(String[]::new)));
    }
    return out;
  }

  private static JsonObject mount(String dest, String type, String source, String... options) {
    return new JsonObject().put("destination", dest).put("type", type).put("source", source)
        .put("options", new JsonArray(List.of(options)));
  }

  static void devices(List<Device> devices, JsonObject linux) {
    for (Device d : devices) {
      long[] mm = KNOWN_DEVICES.getOrDefault(d.getHostPath(), new long[] {0, 0});
      SpecJson.array(linux, "devices").add(new JsonObject().put("path", d.getContainerPath()).put("type", "c")
          .put("major", mm[0]).put("minor", mm[1]).put("fileMode", 0666).put("uid", 0).put("gid", 0));
      String access = d.getPermissions().isEmpty() ? "rwm" : d.getPermissions();
      SpecJson.array(SpecJson.object(linux, "resources"), "devices").add(new JsonObject().put("allow", true)
          .put("type", "c").put("major", mm[0]).put("minor", mm[1]).put("access", access));
    }
  }

  /** An abridged RuntimeDefault profile: the shape containerd writes, not its full syscall list. */
  static JsonObject seccomp() {
    return new JsonObject().put("defaultAction", "SCMP_ACT_ERRNO").put("defaultErrnoRet", 1)
        .put("architectures", new JsonArray(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32")))
        .put("syscalls", new JsonArray().add(new JsonObject().put("action", "SCMP_ACT_ALLOW")
            .put("names", new JsonArray(List.of("accept", "bind", "brk", "clone", "close", "connect", "execve",
                "exit", "exit_group", "fstat", "futex", "getpid", "ioctl", "mmap", "mprotect", "munmap", "openat",
                "read", "rt_sigaction", "rt_sigreturn", "socket", "write")))));
  }
}
