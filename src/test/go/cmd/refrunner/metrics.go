package main

import (
	"context"
	"errors"
	"sort"
	"sync"
	"time"

	nri "github.com/containerd/nri/pkg/adaptation"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// recorder is the adaptation's Metrics: it feeds readiness (AwaitPlugins) and
// keeps what containerd's NRI metrics would count, so that the differential
// metrics test can compare nri-vertx's scraped series with it, series by
// series. Labels are containerd's (internal/nri/metrics.go in containerd 2.3).
type recorder struct {
	*readiness
	mu          sync.Mutex
	invocations map[[4]string]int
	latencies   map[[2]string]int
	adjustments map[[3]string]int
	active      int
}

func newRecorder() *recorder {
	return &recorder{readiness: newReadiness(), invocations: map[[4]string]int{},
		latencies: map[[2]string]int{}, adjustments: map[[3]string]int{}}
}

func (r *recorder) RecordPluginInvocation(plugin, op string, err error) {
	r.readiness.RecordPluginInvocation(plugin, op, err)
	outcome, kind := "success", ""
	if err != nil {
		outcome, kind = "error", errorKind(err)
	}
	r.mu.Lock()
	r.invocations[[4]string{plugin, op, outcome, kind}]++
	r.mu.Unlock()
}

func (r *recorder) RecordPluginLatency(plugin, op string, _ time.Duration) {
	r.mu.Lock()
	r.latencies[[2]string{plugin, op}]++
	r.mu.Unlock()
}

func (r *recorder) RecordPluginAdjustments(plugin, op string, _ *nri.ContainerAdjustment, updates, evicts int) {
	r.mu.Lock()
	if updates > 0 {
		r.adjustments[[3]string{plugin, op, "update"}] += updates
	}
	if evicts > 0 {
		r.adjustments[[3]string{plugin, op, "evict"}] += evicts
	}
	r.mu.Unlock()
}

func (r *recorder) UpdatePluginCount(n int) {
	r.mu.Lock()
	r.active = n
	r.mu.Unlock()
	r.readiness.UpdatePluginCount(n)
}

// errorKind is the "error" label: context errors by name, a gRPC status by
// its code in snake_case, anything else "other".
func errorKind(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "deadline_exceeded"
	case errors.Is(err, context.Canceled):
		return "canceled"
	}
	st, ok := status.FromError(err)
	if !ok {
		return "other"
	}
	if name, known := snakeCodes[st.Code()]; known {
		return name
	}
	return "unknown_code"
}

var snakeCodes = map[codes.Code]string{
	codes.OK: "ok", codes.Canceled: "canceled", codes.Unknown: "unknown",
	codes.InvalidArgument: "invalid_argument", codes.DeadlineExceeded: "deadline_exceeded",
	codes.NotFound: "not_found", codes.AlreadyExists: "already_exists",
	codes.PermissionDenied: "permission_denied", codes.ResourceExhausted: "resource_exhausted",
	codes.FailedPrecondition: "failed_precondition", codes.Aborted: "aborted",
	codes.OutOfRange: "out_of_range", codes.Unimplemented: "unimplemented", codes.Internal: "internal",
	codes.Unavailable: "unavailable", codes.DataLoss: "data_loss", codes.Unauthenticated: "unauthenticated",
}

// Series is one recorded series: its labels and its value (a count, or the
// number of latency observations).
type Series struct {
	Labels map[string]string `json:"labels"`
	Value  float64           `json:"value"`
}

// Snapshot is what was recorded so far, each family sorted by its labels:
// {"invocations": [...], "latencyCount": [...], "adjustments": [...], "activePlugins": N}.
func (r *recorder) Snapshot() map[string]any {
	r.mu.Lock()
	defer r.mu.Unlock()
	var inv, lat, adj []Series
	for k, n := range r.invocations {
		inv = append(inv, Series{map[string]string{"plugin": k[0], "operation": k[1], "status": k[2], "error": k[3]}, float64(n)})
	}
	for k, n := range r.latencies {
		lat = append(lat, Series{map[string]string{"plugin": k[0], "operation": k[1]}, float64(n)})
	}
	for k, n := range r.adjustments {
		adj = append(adj, Series{map[string]string{"plugin": k[0], "operation": k[1], "type": k[2]}, float64(n)})
	}
	for _, s := range [][]Series{inv, lat, adj} {
		sort.Slice(s, func(i, j int) bool { return key(s[i]) < key(s[j]) })
	}
	return map[string]any{"invocations": orEmpty(inv), "latencyCount": orEmpty(lat), "adjustments": orEmpty(adj),
		"activePlugins": r.active}
}

func key(s Series) string {
	names := make([]string, 0, len(s.Labels))
	for n := range s.Labels {
		names = append(names, n)
	}
	sort.Strings(names)
	out := ""
	for _, n := range names {
		out += n + "=" + s.Labels[n] + ","
	}
	return out
}

func orEmpty(s []Series) []Series {
	if s == nil {
		return []Series{}
	}
	return s
}
