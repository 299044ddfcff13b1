// Command tracer is an NRI test plugin on the official Go stub whose ttrpc
// server runs containerd's otelttrpc interceptor, as a traced plugin would.
// For every pod and container event it appends one JSON line to -log-file with
// the W3C trace context the interceptor took from the ttrpc request metadata:
// {"event": "CreateContainer", "traceId": "...", "spanId": "...",
// "sampled": true, "traceparent": "00-...-...-01"}. With no trace context the
// ids are empty. Tracing tests use it to show that a trace continues into a
// Go plugin unchanged.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/containerd/nri/pkg/api"
	"github.com/containerd/nri/pkg/stub"
	"github.com/containerd/otelttrpc"
	"github.com/containerd/ttrpc"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"nrivertx.test/peers/internal/peer"
)

type tracer struct {
	session *peer.Session
	log     *peer.Log
}

// report logs the trace context the interceptor put into ctx. With no
// tracer provider installed the interceptor's span is not recorded, so its
// context is the caller's: the trace id and span id the runtime sent.
func (t *tracer) report(ctx context.Context, event string) {
	sc := trace.SpanContextFromContext(ctx)
	traceID, spanID := "", ""
	if sc.IsValid() {
		traceID, spanID = sc.TraceID().String(), sc.SpanID().String()
	}
	raw, _ := ttrpc.GetMetadataValue(ctx, "traceparent")
	t.log.Write(event, "traceId", traceID, "spanId", spanID, "sampled", sc.IsSampled(), "traceparent", raw)
}

func (t *tracer) Configure(_ context.Context, _, _, _ string) (stub.EventMask, error) {
	t.session.MarkReady()
	return api.MustParseEventMask("RunPodSandbox,CreateContainer,StartContainer,StopContainer"), nil
}

func (t *tracer) RunPodSandbox(ctx context.Context, _ *api.PodSandbox) error {
	t.report(ctx, "RunPodSandbox")
	return nil
}

func (t *tracer) CreateContainer(ctx context.Context, _ *api.PodSandbox, _ *api.Container) (*api.ContainerAdjustment,
	[]*api.ContainerUpdate, error) {
	t.report(ctx, "CreateContainer")
	return nil, nil, nil
}

func (t *tracer) StartContainer(ctx context.Context, _ *api.PodSandbox, _ *api.Container) error {
	t.report(ctx, "StartContainer")
	return nil
}

func (t *tracer) StopContainer(ctx context.Context, _ *api.PodSandbox, _ *api.Container) ([]*api.ContainerUpdate, error) {
	t.report(ctx, "StopContainer")
	return nil, nil
}

func main() {
	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	name := fs.String("name", "tracer", "plugin name")
	idx := fs.String("idx", "60", "plugin index")
	socket := fs.String("socket", "", "NRI socket path (default: the stub's default, "+api.DefaultSocketPath+")")
	logFile := fs.String("log-file", "/dev/stdout", "file to append one JSON line per event to")
	_ = fs.Parse(os.Args[1:])

	log, err := peer.OpenLog(*logFile)
	if err != nil {
		peer.Fatalf("tracer: cannot open -log-file: %v", err)
	}
	// The global propagator is a no-op until set: W3C trace context, as containerd sets it.
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{},
		propagation.Baggage{}))
	session := &peer.Session{Log: log}
	t := &tracer{session: session, log: log}
	opts := append(peer.IdentityOptions(fs, *name, *idx, *socket), session.OnClose(),
		stub.WithTTRPCOptions(nil, []ttrpc.ServerOpt{ttrpc.WithUnaryServerInterceptor(otelttrpc.UnaryServerInterceptor())}))
	st, err := stub.New(t, opts...)
	if err != nil {
		fmt.Fprintf(os.Stderr, "tracer: failed to create stub: %v\n", err)
		os.Exit(1)
	}
	log.SetPlugin(peer.Name(st))
	session.Run(st)
}
