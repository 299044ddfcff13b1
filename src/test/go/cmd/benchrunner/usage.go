package main

import "syscall"

// usage is this process's CPU time and context switches so far, to state
// what an event costs the runtime besides its latency.
type usage struct {
	cpuMicros, switches int64
}

func now() usage {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	cpu := ru.Utime.Sec*1e6 + ru.Utime.Usec + ru.Stime.Sec*1e6 + ru.Stime.Usec
	return usage{cpu, ru.Nvcsw + ru.Nivcsw}
}

// since adds the per-event CPU time (µs) and context switches since before.
func (u usage) since(before usage, events int, out map[string]any) {
	out["cpuUsPerEvent"] = float64(u.cpuMicros-before.cpuMicros) / float64(events)
	out["switchesPerEvent"] = float64(u.switches-before.switches) / float64(events)
}
