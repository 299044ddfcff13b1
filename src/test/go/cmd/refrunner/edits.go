package main

import (
	"strings"

	"github.com/containerd/nri/pkg/api"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// The simulated store applies a merged adjustment to the container it keeps
// the way nri-vertx's scenario player does (io.nrivertx.scenario.ContainerEdits,
// docs/scenario.md): keyed entries are replaced in place or appended, "-key"
// entries remove, hooks and CDI devices are appended, args replace. The store
// is the scenario runner's, not NRI's: it only has to evolve identically in
// both runners so that later events carry the same container.

// applyAdjustment returns a copy of c with adjust applied.
func applyAdjustment(c *api.Container, adjust *api.ContainerAdjustment) *api.Container {
	c = proto.Clone(c).(*api.Container)
	if adjust == nil {
		return c
	}
	c.Annotations = editMap(c.Annotations, adjust.Annotations)
	var env []string
	for _, e := range c.Env {
		env = append(env, e)
	}
	for _, kv := range adjust.Env {
		env = upsert(env, kv.Key, kv.Key+"="+kv.Value, envName)
	}
	c.Env = env
	for _, m := range adjust.Mounts {
		c.Mounts = upsert(c.Mounts, m.Destination, m, func(x *api.Mount) string { return x.Destination })
	}
	for _, r := range adjust.Rlimits {
		c.Rlimits = upsert(c.Rlimits, r.Type, r, func(x *api.POSIXRlimit) string { return x.Type })
	}
	c.CDIDevices = append(c.CDIDevices, adjust.CDIDevices...)
	if h := adjust.Hooks; h != nil {
		if c.Hooks == nil {
			c.Hooks = &api.Hooks{}
		}
		c.Hooks.Prestart = append(c.Hooks.Prestart, h.Prestart...)
		c.Hooks.CreateRuntime = append(c.Hooks.CreateRuntime, h.CreateRuntime...)
		c.Hooks.CreateContainer = append(c.Hooks.CreateContainer, h.CreateContainer...)
		c.Hooks.StartContainer = append(c.Hooks.StartContainer, h.StartContainer...)
		c.Hooks.Poststart = append(c.Hooks.Poststart, h.Poststart...)
		c.Hooks.Poststop = append(c.Hooks.Poststop, h.Poststop...)
	}
	args := adjust.Args
	if len(args) > 0 && args[0] == "" {
		args = args[1:] // only the merger's "override" marker
	}
	if len(args) > 0 {
		c.Args = append([]string(nil), args...)
	}
	if adjust.Linux != nil {
		if c.Linux == nil {
			c.Linux = &api.LinuxContainer{}
		}
		applyLinux(c.Linux, adjust.Linux)
	}
	return c
}

func applyLinux(l *api.LinuxContainer, a *api.LinuxContainerAdjustment) {
	for _, d := range a.Devices {
		l.Devices = upsert(l.Devices, d.Path, d, func(x *api.LinuxDevice) string { return x.Path })
	}
	for _, n := range a.Namespaces {
		l.Namespaces = upsert(l.Namespaces, n.Type, n, func(x *api.LinuxNamespace) string { return x.Type })
	}
	l.Sysctl = editMap(l.Sysctl, a.Sysctl)
	// Removals first, as for the other maps: the merged map may hold both
	// "-host" and "host" (containerd would apply them in random order).
	for host := range a.NetDevices {
		if strings.HasPrefix(host, "-") {
			delete(l.NetDevices, host[1:])
		}
	}
	for host, dev := range a.NetDevices {
		if strings.HasPrefix(host, "-") {
			continue
		}
		if l.NetDevices == nil {
			l.NetDevices = map[string]*api.LinuxNetDevice{}
		}
		l.NetDevices[host] = dev
	}
	if a.Resources != nil {
		l.Resources = overlay(l.Resources, a.Resources)
	}
	if a.CgroupsPath != "" {
		l.CgroupsPath = a.CgroupsPath
	}
	if a.OomScoreAdj != nil {
		l.OomScoreAdj = a.OomScoreAdj
	}
	if a.IoPriority != nil {
		l.IoPriority = a.IoPriority
	}
	if a.SeccompPolicy != nil {
		l.SeccompPolicy = a.SeccompPolicy
	}
	if a.Scheduler != nil {
		l.Scheduler = a.Scheduler
	}
	// The merger leaves an empty rdt in every adjustment touching linux: only a real one counts.
	if a.Rdt != nil && !proto.Equal(a.Rdt, &api.LinuxRdt{}) {
		l.Rdt = a.Rdt
	}
}

// overlay applies a resource change as CRI's UpdateContainerResources would:
// every field the change sets replaces the current one, the others stay.
func overlay(base, change *api.LinuxResources) *api.LinuxResources {
	out := &api.LinuxResources{}
	if base != nil {
		out = proto.Clone(base).(*api.LinuxResources)
	}
	if change.Memory != nil {
		if out.Memory == nil {
			out.Memory = &api.LinuxMemory{}
		}
		setFields(out.Memory, change.Memory)
	}
	if change.Cpu != nil {
		if out.Cpu == nil {
			out.Cpu = &api.LinuxCPU{}
		}
		setFields(out.Cpu, change.Cpu)
	}
	for _, h := range change.HugepageLimits {
		var kept []*api.HugepageLimit
		for _, old := range out.HugepageLimits {
			if old.PageSize != h.PageSize {
				kept = append(kept, old)
			}
		}
		out.HugepageLimits = append(kept, h)
	}
	if change.BlockioClass != nil {
		out.BlockioClass = change.BlockioClass
	}
	if change.RdtClass != nil {
		out.RdtClass = change.RdtClass
	}
	if change.Pids != nil {
		out.Pids = change.Pids
	}
	for k, v := range change.Unified {
		if out.Unified == nil {
			out.Unified = map[string]string{}
		}
		out.Unified[k] = v
	}
	out.Devices = append(out.Devices, change.Devices...)
	return out
}

// setFields copies every populated field of src over dst.
func setFields(dst, src proto.Message) {
	d := dst.ProtoReflect()
	src.ProtoReflect().Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Message() != nil && !fd.IsList() && !fd.IsMap() {
			v = protoreflect.ValueOfMessage(proto.Clone(v.Message().Interface()).ProtoReflect())
		}
		d.Set(fd, v)
		return true
	})
}

// mergeResources applies a runtime-side update of another container, as the
// in-memory domain does (protobuf merge semantics).
func mergeResources(c *api.Container, r *api.LinuxResources) *api.Container {
	c = proto.Clone(c).(*api.Container)
	if c.Linux == nil {
		c.Linux = &api.LinuxContainer{}
	}
	if c.Linux.Resources == nil {
		c.Linux.Resources = &api.LinuxResources{}
	}
	if r != nil {
		proto.Merge(c.Linux.Resources, r)
	}
	return c
}

// editMap removes the "-k" keys first, then sets the others, so that a
// plugin's "-k" together with "k" (its way to override) ends with k set.
func editMap(m, changes map[string]string) map[string]string {
	for k := range changes {
		if strings.HasPrefix(k, "-") {
			delete(m, k[1:])
		}
	}
	for k, v := range changes {
		if !strings.HasPrefix(k, "-") {
			if m == nil {
				m = map[string]string{}
			}
			m[k] = v
		}
	}
	return m
}

// upsert removes the entries keyed k[1:] for a "-k" change, else replaces the
// first entry keyed k in place, or appends.
func upsert[T any](list []T, k string, entry T, key func(T) string) []T {
	if strings.HasPrefix(k, "-") {
		var kept []T
		for _, e := range list {
			if key(e) != k[1:] {
				kept = append(kept, e)
			}
		}
		return kept
	}
	for i, e := range list {
		if key(e) == k {
			list[i] = entry
			return list
		}
	}
	return append(list, entry)
}

func envName(e string) string {
	name, _, _ := strings.Cut(e, "=")
	return name
}
