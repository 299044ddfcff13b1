package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestErrorKindIsContainerdsLabel(t *testing.T) {
	cases := map[string]error{
		"deadline_exceeded": fmt.Errorf("call: %w", context.DeadlineExceeded),
		"canceled":          context.Canceled,
		"not_found":         status.Error(codes.NotFound, "x"),
		"invalid_argument":  status.Error(codes.InvalidArgument, "x"),
		"unknown_code":      status.Error(codes.Code(99), "x"),
		"other":             errors.New("plain"),
	}
	for want, err := range cases {
		if got := errorKind(err); got != want {
			t.Errorf("errorKind(%v) = %q, want %q", err, got, want)
		}
	}
}

func TestSnapshotCountsEachSeries(t *testing.T) {
	r := newRecorder()
	r.RecordPluginInvocation("10-a", "CreateContainer", nil)
	r.RecordPluginInvocation("10-a", "CreateContainer", nil)
	r.RecordPluginInvocation("10-a", "StopContainer", status.Error(codes.Unavailable, "gone"))
	r.RecordPluginLatency("10-a", "CreateContainer", time.Millisecond)
	r.RecordPluginAdjustments("10-a", "CreateContainer", nil, 2, 0)
	r.RecordPluginAdjustments("10-a", "UpdateContainer", nil, 0, 1)
	r.UpdatePluginCount(3)
	b, _ := json.Marshal(r.Snapshot())
	want := `{"activePlugins":3,"adjustments":[` +
		`{"labels":{"operation":"CreateContainer","plugin":"10-a","type":"update"},"value":2},` +
		`{"labels":{"operation":"UpdateContainer","plugin":"10-a","type":"evict"},"value":1}],` +
		`"invocations":[` +
		`{"labels":{"error":"","operation":"CreateContainer","plugin":"10-a","status":"success"},"value":2},` +
		`{"labels":{"error":"unavailable","operation":"StopContainer","plugin":"10-a","status":"error"},"value":1}],` +
		`"latencyCount":[{"labels":{"operation":"CreateContainer","plugin":"10-a"},"value":1}]}`
	if string(b) != want {
		t.Errorf("snapshot\n got %s\nwant %s", b, want)
	}
}
