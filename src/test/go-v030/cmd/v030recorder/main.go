// Command v030recorder is an NRI test plugin built on the stub of
// github.com/containerd/nri v0.3.0, the version containerd 1.7.0 shipped. Its
// handlers take no context and its stub has no ttrpc options, so unlike
// oldrecorder it cannot tell which ttrpc method carried an event. It needs
// none: this stub serves only Configure, Synchronize, Shutdown,
// CreateContainer, UpdateContainer, StopContainer and StateChange, so any
// other pod or container event in the log arrived as StateChange.
//
// Every handler call is appended to -log-file as one JSON line with the
// plugin's "NN-name", the event and the pod and container (protojson).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/containerd/nri/pkg/api"
	"github.com/containerd/nri/pkg/stub"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

type jsonLog struct {
	mu     sync.Mutex
	f      *os.File
	plugin string
}

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
	if _, err := l.f.WriteString("{" + strings.Join(fields, ",") + "}\n"); err != nil {
		fmt.Fprintf(os.Stderr, "v030recorder: log write failed: %v\n", err)
	}
	_ = l.f.Sync()
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func encode(v any) (string, bool) {
	if m, ok := v.(proto.Message); ok {
		if m == nil || !m.ProtoReflect().IsValid() {
			return "", false
		}
		raw, err := protojson.Marshal(m)
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

type v030Recorder struct {
	log    *jsonLog
	failOn map[string]bool
}

func (r *v030Recorder) record(event string, kv ...any) error {
	r.log.write(event, kv...)
	if r.failOn[event] {
		return fmt.Errorf("v030recorder: failing %s as asked", event)
	}
	return nil
}

func (r *v030Recorder) Configure(config, runtime, version string) (api.EventMask, error) {
	return 0, r.record("Configure", "config", config, "runtimeName", runtime, "runtimeVersion", version)
}

func (r *v030Recorder) Synchronize(pods []*api.PodSandbox, ctrs []*api.Container) ([]*api.ContainerUpdate, error) {
	podIDs, ctrIDs := []string{}, []string{}
	for _, p := range pods {
		podIDs = append(podIDs, p.GetId())
	}
	for _, c := range ctrs {
		ctrIDs = append(ctrIDs, c.GetId())
	}
	return nil, r.record("Synchronize", "podIds", podIDs, "containerIds", ctrIDs)
}

func (r *v030Recorder) Shutdown(*api.ShutdownRequest) {
	_ = r.record("Shutdown")
}

func (r *v030Recorder) RunPodSandbox(pod *api.PodSandbox) error {
	return r.record("RunPodSandbox", "pod", pod)
}

func (r *v030Recorder) StopPodSandbox(pod *api.PodSandbox) error {
	return r.record("StopPodSandbox", "pod", pod)
}

func (r *v030Recorder) RemovePodSandbox(pod *api.PodSandbox) error {
	return r.record("RemovePodSandbox", "pod", pod)
}

func (r *v030Recorder) CreateContainer(pod *api.PodSandbox, ctr *api.Container) (*api.ContainerAdjustment, []*api.ContainerUpdate, error) {
	return nil, nil, r.record("CreateContainer", "pod", pod, "container", ctr)
}

func (r *v030Recorder) PostCreateContainer(pod *api.PodSandbox, ctr *api.Container) error {
	return r.record("PostCreateContainer", "pod", pod, "container", ctr)
}

func (r *v030Recorder) StartContainer(pod *api.PodSandbox, ctr *api.Container) error {
	return r.record("StartContainer", "pod", pod, "container", ctr)
}

func (r *v030Recorder) PostStartContainer(pod *api.PodSandbox, ctr *api.Container) error {
	return r.record("PostStartContainer", "pod", pod, "container", ctr)
}

func (r *v030Recorder) UpdateContainer(pod *api.PodSandbox, ctr *api.Container) ([]*api.ContainerUpdate, error) {
	return nil, r.record("UpdateContainer", "pod", pod, "container", ctr)
}

func (r *v030Recorder) PostUpdateContainer(pod *api.PodSandbox, ctr *api.Container) error {
	return r.record("PostUpdateContainer", "pod", pod, "container", ctr)
}

func (r *v030Recorder) StopContainer(pod *api.PodSandbox, ctr *api.Container) ([]*api.ContainerUpdate, error) {
	return nil, r.record("StopContainer", "pod", pod, "container", ctr)
}

func (r *v030Recorder) RemoveContainer(pod *api.PodSandbox, ctr *api.Container) error {
	return r.record("RemoveContainer", "pod", pod, "container", ctr)
}

var handlerNames = map[string]bool{
	"Configure": true, "Synchronize": true, "RunPodSandbox": true, "StopPodSandbox": true,
	"RemovePodSandbox": true, "CreateContainer": true, "PostCreateContainer": true, "StartContainer": true,
	"PostStartContainer": true, "UpdateContainer": true, "PostUpdateContainer": true, "StopContainer": true,
	"RemoveContainer": true,
}

func fatal(code int, format string, args ...any) {
	fmt.Fprintf(os.Stderr, "v030recorder: "+format+"\n", args...)
	os.Exit(code)
}

func main() {
	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	name := fs.String("name", "v030recorder", "plugin name")
	idx := fs.String("idx", "70", "plugin index")
	socket := fs.String("socket", "", "NRI socket path (default "+api.DefaultSocketPath+")")
	logFile := fs.String("log-file", "", "file to append one JSON line per received request to (required)")
	failOn := fs.String("fail-on", "", "comma list of handlers (exact names) that return an error")
	_ = fs.Parse(os.Args[1:])

	if *logFile == "" {
		fatal(2, "-log-file is required")
	}
	fails := map[string]bool{}
	for _, n := range strings.Split(*failOn, ",") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		if !handlerNames[n] {
			fatal(2, "bad -fail-on: unknown name %q", n)
		}
		fails[n] = true
	}
	f, err := os.OpenFile(*logFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		fatal(2, "cannot open -log-file: %v", err)
	}
	log := &jsonLog{f: f}

	// The stub refuses to override an identity it read from the environment.
	given := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	if given["name"] {
		os.Unsetenv(api.PluginNameEnvVar)
	}
	if given["idx"] {
		os.Unsetenv(api.PluginIdxEnvVar)
	}
	plugin := [2]string{os.Getenv(api.PluginIdxEnvVar), os.Getenv(api.PluginNameEnvVar)}
	var opts []stub.Option
	if plugin[1] == "" {
		plugin[1] = *name
		opts = append(opts, stub.WithPluginName(*name))
	}
	if plugin[0] == "" {
		plugin[0] = *idx
		opts = append(opts, stub.WithPluginIdx(*idx))
	}
	if *socket != "" {
		opts = append(opts, stub.WithSocketPath(*socket))
	}
	log.plugin = plugin[0] + "-" + plugin[1]
	opts = append(opts, stub.WithOnClose(func() {
		log.write("ConnectionClosed")
		os.Exit(0)
	}))

	st, err := stub.New(&v030Recorder{log: log, failOn: fails}, opts...)
	if err != nil {
		fatal(1, "failed to create stub: %v", err)
	}

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sigs
		os.Exit(0)
	}()

	if err := st.Run(context.Background()); err != nil {
		fatal(1, "plugin %s exited: %v", log.plugin, err)
	}
}
