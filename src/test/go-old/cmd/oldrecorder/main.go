// Command oldrecorder is an NRI test plugin built on the stub of
// github.com/containerd/nri v0.6.1, the version containerd 1.7 ships. That
// stub serves only Configure, Synchronize, Shutdown, CreateContainer,
// UpdateContainer, StopContainer and StateChange; every other pod or container
// event can only reach it as StateChange, which the stub maps back to its
// per-event handlers.
//
// Every handler call is appended to -log-file as one JSON line with the
// plugin's "NN-name", the event, the ttrpc method that carried it ("rpc") and
// the pod and container (protojson). A StateChange whose event the old stub
// does not dispatch to any handler is logged by a ttrpc server interceptor as
// event "StateChange" with "stateChangeEvent" set to the event number and
// "unhandled": true.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/containerd/nri/pkg/api"
	"github.com/containerd/nri/pkg/stub"
	"github.com/containerd/ttrpc"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// Events of newer NRI versions that v0.6.1's api package has no names for.
// -extra-events may add them to the subscription behind the stub's back.
var newerEvents = map[string]int32{
	"UpdatePodSandbox":            12,
	"PostUpdatePodSandbox":        13,
	"ValidateContainerAdjustment": 14,
}

// stateChangeHandled lists the events v0.6.1's StateChange dispatches to a
// handler; any other event is answered with success and no handler call.
var stateChangeHandled = map[api.Event]bool{
	api.Event_RUN_POD_SANDBOX:       true,
	api.Event_STOP_POD_SANDBOX:      true,
	api.Event_REMOVE_POD_SANDBOX:    true,
	api.Event_POST_CREATE_CONTAINER: true,
	api.Event_START_CONTAINER:       true,
	api.Event_POST_START_CONTAINER:  true,
	api.Event_POST_UPDATE_CONTAINER: true,
	api.Event_REMOVE_CONTAINER:      true,
}

// jsonLog appends one synced JSON object per line.
type jsonLog struct {
	mu     sync.Mutex
	f      *os.File
	plugin string
}

var pj = protojson.MarshalOptions{}

func (l *jsonLog) write(event string, kv ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fields := []string{
		quote("plugin") + ":" + quote(l.plugin),
		quote("event") + ":" + quote(event),
		quote("time") + ":" + quote(time.Now().Format(time.RFC3339Nano)),
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if raw, ok := encode(kv[i+1]); ok {
			fields = append(fields, quote(fmt.Sprint(kv[i]))+":"+raw)
		}
	}
	line := "{" + strings.Join(fields, ",") + "}\n"
	if _, err := l.f.WriteString(line); err != nil {
		fmt.Fprintf(os.Stderr, "oldrecorder: log write failed: %v\n", err)
	}
	_ = l.f.Sync()
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// encode renders proto messages as compact protojson (nil ones are left
// out) and anything else with encoding/json.
func encode(v any) (string, bool) {
	if m, ok := v.(proto.Message); ok {
		if m == nil || !m.ProtoReflect().IsValid() {
			return "", false
		}
		raw, err := pj.Marshal(m)
		if err != nil {
			return quote("protojson: " + err.Error()), true
		}
		var c bytes.Buffer
		if err := json.Compact(&c, raw); err != nil {
			return quote("compact: " + err.Error()), true
		}
		return c.String(), true
	}
	b, err := json.Marshal(v)
	if err != nil {
		return quote("json: " + err.Error()), true
	}
	return string(b), true
}

type rpcKey struct{}

// rpcOf is the Plugin-service method that carried the current request.
func rpcOf(ctx context.Context) string {
	if s, ok := ctx.Value(rpcKey{}).(string); ok {
		return s
	}
	return "?"
}

type oldRecorder struct {
	log    *jsonLog
	failOn map[string]bool
}

func (r *oldRecorder) record(ctx context.Context, event string, kv ...any) error {
	r.log.write(event, append([]any{"rpc", rpcOf(ctx)}, kv...)...)
	if r.failOn[event] {
		return fmt.Errorf("oldrecorder: failing %s as asked", event)
	}
	return nil
}

func (r *oldRecorder) Configure(ctx context.Context, config, runtime, version string) (api.EventMask, error) {
	// 0 lets the stub subscribe to every event it has a handler for.
	return 0, r.record(ctx, "Configure", "config", config, "runtimeName", runtime, "runtimeVersion", version)
}

func (r *oldRecorder) Synchronize(ctx context.Context, pods []*api.PodSandbox, ctrs []*api.Container) ([]*api.ContainerUpdate, error) {
	podIDs, ctrIDs := []string{}, []string{}
	for _, p := range pods {
		podIDs = append(podIDs, p.GetId())
	}
	for _, c := range ctrs {
		ctrIDs = append(ctrIDs, c.GetId())
	}
	return nil, r.record(ctx, "Synchronize", "podIds", podIDs, "containerIds", ctrIDs)
}

func (r *oldRecorder) Shutdown(ctx context.Context) {
	_ = r.record(ctx, "Shutdown")
}

func (r *oldRecorder) RunPodSandbox(ctx context.Context, pod *api.PodSandbox) error {
	return r.record(ctx, "RunPodSandbox", "pod", pod)
}

func (r *oldRecorder) StopPodSandbox(ctx context.Context, pod *api.PodSandbox) error {
	return r.record(ctx, "StopPodSandbox", "pod", pod)
}

func (r *oldRecorder) RemovePodSandbox(ctx context.Context, pod *api.PodSandbox) error {
	return r.record(ctx, "RemovePodSandbox", "pod", pod)
}

func (r *oldRecorder) CreateContainer(ctx context.Context, pod *api.PodSandbox, ctr *api.Container) (*api.ContainerAdjustment, []*api.ContainerUpdate, error) {
	return nil, nil, r.record(ctx, "CreateContainer", "pod", pod, "container", ctr)
}

func (r *oldRecorder) PostCreateContainer(ctx context.Context, pod *api.PodSandbox, ctr *api.Container) error {
	return r.record(ctx, "PostCreateContainer", "pod", pod, "container", ctr)
}

func (r *oldRecorder) StartContainer(ctx context.Context, pod *api.PodSandbox, ctr *api.Container) error {
	return r.record(ctx, "StartContainer", "pod", pod, "container", ctr)
}

func (r *oldRecorder) PostStartContainer(ctx context.Context, pod *api.PodSandbox, ctr *api.Container) error {
	return r.record(ctx, "PostStartContainer", "pod", pod, "container", ctr)
}

func (r *oldRecorder) UpdateContainer(ctx context.Context, pod *api.PodSandbox, ctr *api.Container, res *api.LinuxResources) ([]*api.ContainerUpdate, error) {
	return nil, r.record(ctx, "UpdateContainer", "pod", pod, "container", ctr, "linuxResources", res)
}

func (r *oldRecorder) PostUpdateContainer(ctx context.Context, pod *api.PodSandbox, ctr *api.Container) error {
	return r.record(ctx, "PostUpdateContainer", "pod", pod, "container", ctr)
}

func (r *oldRecorder) StopContainer(ctx context.Context, pod *api.PodSandbox, ctr *api.Container) ([]*api.ContainerUpdate, error) {
	return nil, r.record(ctx, "StopContainer", "pod", pod, "container", ctr)
}

func (r *oldRecorder) RemoveContainer(ctx context.Context, pod *api.PodSandbox, ctr *api.Container) error {
	return r.record(ctx, "RemoveContainer", "pod", pod, "container", ctr)
}

// interceptor tags each request's context with its method, logs StateChange
// events the stub will not dispatch, and widens the Configure reply by extra.
func interceptor(log *jsonLog, extra int32) ttrpc.UnaryServerInterceptor {
	return func(ctx context.Context, unmarshal ttrpc.Unmarshaler, info *ttrpc.UnaryServerInfo, method ttrpc.Method) (interface{}, error) {
		rpc := path.Base(info.FullMethod)
		ctx = context.WithValue(ctx, rpcKey{}, rpc)
		if rpc == "StateChange" {
			evt := &api.StateChangeEvent{}
			if err := unmarshal(evt); err == nil && !stateChangeHandled[evt.Event] {
				log.write("StateChange", "rpc", rpc, "stateChangeEvent", int32(evt.Event), "unhandled", true,
					"pod", evt.Pod, "container", evt.Container)
			}
		}
		rsp, err := method(ctx, unmarshal)
		if c, ok := rsp.(*api.ConfigureResponse); ok && err == nil && extra != 0 {
			c.Events |= extra
		}
		return rsp, err
	}
}

func parseNames(list string, known func(string) bool) (map[string]bool, error) {
	out := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		if !known(name) {
			return nil, fmt.Errorf("unknown name %q", name)
		}
		out[name] = true
	}
	return out, nil
}

var handlerNames = map[string]bool{
	"Configure": true, "Synchronize": true, "RunPodSandbox": true, "StopPodSandbox": true,
	"RemovePodSandbox": true, "CreateContainer": true, "PostCreateContainer": true, "StartContainer": true,
	"PostStartContainer": true, "UpdateContainer": true, "PostUpdateContainer": true, "StopContainer": true,
	"RemoveContainer": true,
}

func fatal(code int, format string, args ...any) {
	fmt.Fprintf(os.Stderr, "oldrecorder: "+format+"\n", args...)
	os.Exit(code)
}

func main() {
	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	name := fs.String("name", "oldrecorder", "plugin name")
	idx := fs.String("idx", "60", "plugin index")
	socket := fs.String("socket", "", "NRI socket path (default "+api.DefaultSocketPath+")")
	logFile := fs.String("log-file", "", "file to append one JSON line per received request to (required)")
	failOn := fs.String("fail-on", "", "comma list of handlers (exact names) that return an error")
	extraEvents := fs.String("extra-events", "", "comma list of events newer than v0.6.1 "+
		"(UpdatePodSandbox, PostUpdatePodSandbox, ValidateContainerAdjustment) to add to the Configure reply")
	_ = fs.Parse(os.Args[1:])

	if *logFile == "" {
		fatal(2, "-log-file is required")
	}
	fails, err := parseNames(*failOn, func(n string) bool { return handlerNames[n] })
	if err != nil {
		fatal(2, "bad -fail-on: %v", err)
	}
	extras, err := parseNames(*extraEvents, func(n string) bool { return newerEvents[n] != 0 })
	if err != nil {
		fatal(2, "bad -extra-events: %v", err)
	}
	var extra int32
	for n := range extras {
		extra |= 1 << (newerEvents[n] - 1)
	}
	f, err := os.OpenFile(*logFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		fatal(2, "cannot open -log-file: %v", err)
	}
	log := &jsonLog{f: f}
	r := &oldRecorder{log: log, failOn: fails}

	// The stub refuses to override an identity it read from the environment.
	given := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	if given["name"] {
		os.Unsetenv(api.PluginNameEnvVar)
	}
	if given["idx"] {
		os.Unsetenv(api.PluginIdxEnvVar)
	}
	var opts []stub.Option
	if os.Getenv(api.PluginNameEnvVar) == "" {
		opts = append(opts, stub.WithPluginName(*name))
	}
	if os.Getenv(api.PluginIdxEnvVar) == "" {
		opts = append(opts, stub.WithPluginIdx(*idx))
	}
	if *socket != "" {
		opts = append(opts, stub.WithSocketPath(*socket))
	}
	opts = append(opts,
		stub.WithTTRPCOptions(nil, []ttrpc.ServerOpt{ttrpc.WithUnaryServerInterceptor(interceptor(log, extra))}),
		stub.WithOnClose(func() {
			log.write("ConnectionClosed")
			os.Exit(0)
		}))

	st, err := stub.New(r, opts...)
	if err != nil {
		fatal(1, "failed to create stub: %v", err)
	}
	pluginName := os.Getenv(api.PluginIdxEnvVar)
	if pluginName == "" {
		pluginName = *idx
	}
	if n := os.Getenv(api.PluginNameEnvVar); n != "" {
		pluginName += "-" + n
	} else {
		pluginName += "-" + *name
	}
	log.plugin = pluginName

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sigs
		os.Exit(0)
	}()

	if err := st.Run(context.Background()); err != nil {
		fatal(1, "plugin %s exited: %v", pluginName, err)
	}
}
