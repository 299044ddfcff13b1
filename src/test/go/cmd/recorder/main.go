// Command recorder is an NRI test plugin on the official Go stub. It handles
// every request the stub supports and appends one JSON line per request to
// -log-file, so interop tests can check what the runtime sent.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/containerd/nri/pkg/api"
	"github.com/containerd/nri/pkg/stub"

	"nrivertx.test/peers/internal/peer"
)

// defaultEvents is every event except validation: a plugin subscribed to
// validation becomes a validator, which changes the runtime's behaviour.
const defaultEvents = "RunPodSandbox,UpdatePodSandbox,PostUpdatePodSandbox,StopPodSandbox," +
	"RemovePodSandbox,CreateContainer,PostCreateContainer,StartContainer,PostStartContainer," +
	"UpdateContainer,PostUpdateContainer,StopContainer,RemoveContainer"

type recorder struct {
	stub    stub.Stub
	session *peer.Session
	log     *peer.Log
	events  api.EventMask
	delay   time.Duration
	delayOn map[string]bool // nil: every lifecycle event
	// delayIf, when set, limits the delay to requests about a container (or, for pod
	// events, a pod) whose name contains it, so one plugin can be slow for chosen pods.
	delayIf string
	failOn  map[string]bool
}

// handle logs the request, then applies the configured delay and failure.
// Logging comes first so a test sees the request even if the runtime times
// out on the delay.
func (r *recorder) handle(event string, kv ...any) error {
	r.log.Write(event, kv...)
	if r.delay > 0 && r.delays(event) && r.matches(kv) {
		time.Sleep(r.delay)
	}
	if r.failOn[event] {
		return fmt.Errorf("recorder: injected failure in %s", event)
	}
	return nil
}

// matches reports whether -delay-match selects this request: the name of its
// container if it has one, else of its pod, contains the text.
func (r *recorder) matches(kv []any) bool {
	if r.delayIf == "" {
		return true
	}
	name := ""
	for i := 0; i+1 < len(kv); i += 2 {
		switch v := kv[i+1].(type) {
		case *api.Container:
			return strings.Contains(v.GetName(), r.delayIf)
		case *api.PodSandbox:
			name = v.GetName()
		}
	}
	return name != "" && strings.Contains(name, r.delayIf)
}

func (r *recorder) delays(event string) bool {
	if r.delayOn != nil {
		return r.delayOn[event]
	}
	return peer.Events[event] != 0
}

func (r *recorder) Configure(_ context.Context, config, runtime, version string) (stub.EventMask, error) {
	// The stub has already adopted the request's timeouts (milliseconds on the wire).
	err := r.handle("Configure",
		"config", config,
		"runtimeName", runtime,
		"runtimeVersion", version,
		"nriVersion", r.stub.RuntimeNRIVersion(),
		"registrationTimeout", r.stub.RegistrationTimeout().Milliseconds(),
		"requestTimeout", r.stub.RequestTimeout().Milliseconds(),
		"subscribe", r.events.PrettyString())
	if err != nil {
		return 0, err
	}
	r.session.MarkReady()
	return r.events, nil
}

func (r *recorder) Synchronize(_ context.Context, pods []*api.PodSandbox, ctrs []*api.Container) ([]*api.ContainerUpdate, error) {
	return nil, r.handle("Synchronize", "pods", peer.List(pods), "containers", peer.List(ctrs))
}

func (r *recorder) Shutdown(context.Context) {
	_ = r.handle("Shutdown")
}

func (r *recorder) RunPodSandbox(_ context.Context, pod *api.PodSandbox) error {
	return r.handle("RunPodSandbox", "pod", pod)
}

func (r *recorder) UpdatePodSandbox(_ context.Context, pod *api.PodSandbox, overhead, res *api.LinuxResources) error {
	return r.handle("UpdatePodSandbox", "pod", pod, "overheadLinuxResources", overhead, "linuxResources", res)
}

func (r *recorder) PostUpdatePodSandbox(_ context.Context, pod *api.PodSandbox) error {
	return r.handle("PostUpdatePodSandbox", "pod", pod)
}

func (r *recorder) StopPodSandbox(_ context.Context, pod *api.PodSandbox) error {
	return r.handle("StopPodSandbox", "pod", pod)
}

func (r *recorder) RemovePodSandbox(_ context.Context, pod *api.PodSandbox) error {
	return r.handle("RemovePodSandbox", "pod", pod)
}

func (r *recorder) CreateContainer(_ context.Context, pod *api.PodSandbox, ctr *api.Container) (*api.ContainerAdjustment, []*api.ContainerUpdate, error) {
	return nil, nil, r.handle("CreateContainer", "pod", pod, "container", ctr)
}

func (r *recorder) PostCreateContainer(_ context.Context, pod *api.PodSandbox, ctr *api.Container) error {
	return r.handle("PostCreateContainer", "pod", pod, "container", ctr)
}

func (r *recorder) StartContainer(_ context.Context, pod *api.PodSandbox, ctr *api.Container) error {
	return r.handle("StartContainer", "pod", pod, "container", ctr)
}

func (r *recorder) PostStartContainer(_ context.Context, pod *api.PodSandbox, ctr *api.Container) error {
	return r.handle("PostStartContainer", "pod", pod, "container", ctr)
}

func (r *recorder) UpdateContainer(_ context.Context, pod *api.PodSandbox, ctr *api.Container, res *api.LinuxResources) ([]*api.ContainerUpdate, error) {
	return nil, r.handle("UpdateContainer", "pod", pod, "container", ctr, "linuxResources", res)
}

func (r *recorder) PostUpdateContainer(_ context.Context, pod *api.PodSandbox, ctr *api.Container) error {
	return r.handle("PostUpdateContainer", "pod", pod, "container", ctr)
}

func (r *recorder) StopContainer(_ context.Context, pod *api.PodSandbox, ctr *api.Container) ([]*api.ContainerUpdate, error) {
	return nil, r.handle("StopContainer", "pod", pod, "container", ctr)
}

func (r *recorder) RemoveContainer(_ context.Context, pod *api.PodSandbox, ctr *api.Container) error {
	return r.handle("RemoveContainer", "pod", pod, "container", ctr)
}

// ValidateContainerAdjustment: the stub turns a returned error into
// reject=true with the error text as reason; the RPC itself succeeds.
func (r *recorder) ValidateContainerAdjustment(_ context.Context, req *api.ValidateContainerAdjustmentRequest) error {
	return r.handle("ValidateContainerAdjustment", "pod", req.GetPod(), "container", req.GetContainer(), "request", req)
}

func main() {
	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	name := fs.String("name", "recorder", "plugin name (default: NRI_PLUGIN_NAME if set, else \"recorder\")")
	idx := fs.String("idx", "50", "plugin index (default: NRI_PLUGIN_IDX if set, else \"50\")")
	socket := fs.String("socket", "", "NRI socket path (default: the stub's default, "+api.DefaultSocketPath+")")
	logFile := fs.String("log-file", "", "file to append one JSON line per request to (default: stdout)")
	events := fs.String("events", defaultEvents, "comma list of events to subscribe to (case-insensitive)")
	delay := fs.Duration("delay", 0, "sleep this long in each lifecycle event handler")
	delayOn := fs.String("delay-on", "", "comma list of handlers -delay applies to (may include Configure, Synchronize); default: every lifecycle event")
	delayMatch := fs.String("delay-match", "", "apply -delay only to requests whose container name (pod name for pod events) contains this text")
	failOn := fs.String("fail-on", "", "comma list of handlers that return an error (Configure, Synchronize or any event)")
	failRequest := fs.Bool("fail-request", false, "send FailurePolicy.fail_request=true in the Configure reply")
	keepConnected := fs.Bool("keep-connected", false, "send FailurePolicy.keep_connected=true in the Configure reply")
	_ = fs.Parse(os.Args[1:])

	if *logFile == "" {
		// A runtime launches a pre-installed plugin with no arguments at all:
		// then the lines go to stdout, which nri-vertx copies into its log.
		*logFile = "/dev/stdout"
	}
	subscribed, err := peer.ParseNames(*events, true)
	if err == nil && len(subscribed) == 0 {
		err = fmt.Errorf("no events")
	}
	if err != nil {
		// An empty mask must never reach the runtime: it means "everything",
		// including validation.
		peer.Fatalf("recorder: bad -events %q: %v", *events, err)
	}
	fails, err := peer.ParseNames(*failOn, false)
	if err != nil {
		peer.Fatalf("recorder: bad -fail-on %q: %v", *failOn, err)
	}
	var delays map[string]bool
	if strings.TrimSpace(*delayOn) != "" {
		if delays, err = peer.ParseNames(*delayOn, false); err != nil {
			peer.Fatalf("recorder: bad -delay-on %q: %v", *delayOn, err)
		}
	}
	log, err := peer.OpenLog(*logFile)
	if err != nil {
		peer.Fatalf("recorder: cannot open -log-file: %v", err)
	}

	session := &peer.Session{Log: log}
	r := &recorder{
		session: session,
		log:     log,
		events:  peer.Mask(subscribed),
		delay:   *delay,
		delayOn: delays,
		delayIf: *delayMatch,
		failOn:  fails,
	}

	opts := append(peer.IdentityOptions(fs, *name, *idx, *socket), session.OnClose())
	if *failRequest || *keepConnected {
		// Only when asked: without the option the reply carries no policy,
		// like stubs that predate failure policies.
		opts = append(opts, stub.WithFailurePolicy(&api.FailurePolicy{
			FailRequest:   *failRequest,
			KeepConnected: *keepConnected,
		}))
	}
	st, err := stub.New(r, opts...)
	if err != nil {
		fmt.Fprintf(os.Stderr, "recorder: failed to create stub: %v\n", err)
		os.Exit(1)
	}
	r.stub = st
	log.SetPlugin(peer.Name(st))
	fmt.Fprintf(os.Stderr, "recorder %s: subscribing to %s\n", peer.Name(st), r.events.PrettyString())

	session.Run(st)
}
