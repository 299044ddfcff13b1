// Package peer holds what the nri-vertx Go test plugins share: event names,
// identity flags, the JSON-lines log and the run loop.
package peer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/containerd/nri/pkg/api"
	"github.com/containerd/nri/pkg/stub"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// Events maps the stub's handler names to NRI events. Configure, Synchronize
// and Shutdown are requests, not subscribable events, so they map to 0.
var Events = map[string]api.Event{
	"Configure":                   0,
	"Synchronize":                 0,
	"Shutdown":                    0,
	"RunPodSandbox":               api.Event_RUN_POD_SANDBOX,
	"UpdatePodSandbox":            api.Event_UPDATE_POD_SANDBOX,
	"PostUpdatePodSandbox":        api.Event_POST_UPDATE_POD_SANDBOX,
	"StopPodSandbox":              api.Event_STOP_POD_SANDBOX,
	"RemovePodSandbox":            api.Event_REMOVE_POD_SANDBOX,
	"CreateContainer":             api.Event_CREATE_CONTAINER,
	"PostCreateContainer":         api.Event_POST_CREATE_CONTAINER,
	"StartContainer":              api.Event_START_CONTAINER,
	"PostStartContainer":          api.Event_POST_START_CONTAINER,
	"UpdateContainer":             api.Event_UPDATE_CONTAINER,
	"PostUpdateContainer":         api.Event_POST_UPDATE_CONTAINER,
	"StopContainer":               api.Event_STOP_CONTAINER,
	"RemoveContainer":             api.Event_REMOVE_CONTAINER,
	"ValidateContainerAdjustment": api.Event_VALIDATE_CONTAINER_ADJUSTMENT,
}

// ParseNames turns a comma list of handler names (case-insensitive) into
// their canonical spelling. With events set, only subscribable events pass.
func ParseNames(list string, events bool) (map[string]bool, error) {
	out := map[string]bool{}
	for _, raw := range strings.Split(list, ",") {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		name, ok := canonical(raw)
		if !ok || (events && Events[name] == 0) {
			return nil, fmt.Errorf("unknown event %q", raw)
		}
		out[name] = true
	}
	return out, nil
}

func canonical(raw string) (string, bool) {
	for name := range Events {
		if strings.EqualFold(name, raw) {
			return name, true
		}
	}
	return "", false
}

// Mask builds the subscription mask for a set of canonical names.
func Mask(names map[string]bool) api.EventMask {
	var m api.EventMask
	for name := range names {
		if e := Events[name]; e != 0 {
			m.Set(e)
		}
	}
	return m
}

// IdentityOptions returns the stub options for -name/-idx/-socket. A flag the
// user did not set gives way to NRI_PLUGIN_NAME/NRI_PLUGIN_IDX, which the
// runtime sets for plugins it launches. An explicit -idx wins over the
// environment; the variable is dropped because WithPluginIdx refuses to
// override an index the stub already took from it.
func IdentityOptions(fs *flag.FlagSet, name, idx, socket string) []stub.Option {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	var opts []stub.Option
	if set["name"] || os.Getenv(api.PluginNameEnvVar) == "" {
		opts = append(opts, stub.WithPluginName(name))
	}
	if set["idx"] {
		os.Unsetenv(api.PluginIdxEnvVar)
	}
	if set["idx"] || os.Getenv(api.PluginIdxEnvVar) == "" {
		opts = append(opts, stub.WithPluginIdx(idx))
	}
	if socket != "" {
		opts = append(opts, stub.WithSocketPath(socket))
	}
	return opts
}

// Log appends one JSON object per line and syncs each line to disk, so a
// test can read the file while the plugin runs. A nil *Log discards.
type Log struct {
	mu     sync.Mutex
	f      *os.File
	plugin string
}

// OpenLog opens path for appending; an empty path gives a nil (silent) log.
func OpenLog(path string) (*Log, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	return &Log{f: f}, nil
}

// SetPlugin sets the "NN-name" put into every line.
func (l *Log) SetPlugin(name string) {
	if l == nil {
		return
	}
	l.mu.Lock()
	l.plugin = name
	l.mu.Unlock()
}

var marshal = protojson.MarshalOptions{UseProtoNames: false, EmitUnpopulated: false}

// Write logs an event with alternating key/value pairs. Values that are proto
// messages are written as protojson; nil messages are left out.
func (l *Log) Write(event string, kv ...any) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()

	var b bytes.Buffer
	b.WriteString(`{"plugin":`)
	b.Write(mustJSON(l.plugin))
	b.WriteString(`,"event":`)
	b.Write(mustJSON(event))
	b.WriteString(`,"time":`)
	b.Write(mustJSON(time.Now().Format(time.RFC3339Nano)))
	for i := 0; i+1 < len(kv); i += 2 {
		raw, ok := Encode(kv[i+1])
		if !ok {
			continue
		}
		b.WriteByte(',')
		b.Write(mustJSON(fmt.Sprint(kv[i])))
		b.WriteByte(':')
		b.Write(raw)
	}
	b.WriteString("}\n")

	if _, err := l.f.Write(b.Bytes()); err != nil {
		fmt.Fprintf(os.Stderr, "log write failed: %v\n", err)
	}
	_ = l.f.Sync()
}

// Encode turns a value into compact JSON: proto messages via protojson,
// slices of messages into arrays, anything else via encoding/json. It
// reports false for nil messages.
func Encode(v any) (json.RawMessage, bool) {
	switch x := v.(type) {
	case json.RawMessage:
		return x, x != nil
	case proto.Message:
		if x == nil || !x.ProtoReflect().IsValid() {
			return nil, false
		}
		raw, err := marshal.Marshal(x)
		if err != nil {
			return mustJSON("protojson error: " + err.Error()), true
		}
		// protojson output is not byte-stable (it may add spaces); compact it
		// so each record stays on one line.
		var c bytes.Buffer
		if err := json.Compact(&c, raw); err != nil {
			return mustJSON("compact error: " + err.Error()), true
		}
		return c.Bytes(), true
	}
	return mustJSON(v), true
}

// List encodes a slice of messages as a JSON array (never null).
func List[T proto.Message](items []T) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('[')
	n := 0
	for _, it := range items {
		raw, ok := Encode(it)
		if !ok {
			continue
		}
		if n > 0 {
			b.WriteByte(',')
		}
		b.Write(raw)
		n++
	}
	b.WriteByte(']')
	return b.Bytes()
}

func mustJSON(v any) []byte {
	raw, err := json.Marshal(v)
	if err != nil {
		raw, _ = json.Marshal(fmt.Sprintf("unencodable %T: %v", v, err))
	}
	return raw
}

// Session ties a stub to its log and decides the exit status: once the
// plugin is configured a lost connection is a normal end (exit 0); before
// that, any failure is an error (exit 1).
type Session struct {
	Log      *Log
	ready    atomic.Bool
	stopping atomic.Bool
	once     sync.Once
}

// MarkReady is called when Configure succeeded.
func (s *Session) MarkReady() { s.ready.Store(true) }

// OnClose is the stub option that ends the process when the runtime goes
// away. The stub would otherwise leave the process idle forever.
func (s *Session) OnClose() stub.Option {
	return stub.WithOnClose(func() {
		// Before Configure, Start() reports the failure itself.
		if s.ready.Load() && !s.stopping.Load() {
			s.connectionClosed(nil)
		}
	})
}

// connectionClosed records the end once (the ttrpc close callback and Run's
// return race each other) and exits 0.
func (s *Session) connectionClosed(err error) {
	s.once.Do(func() {
		s.Log.Write("ConnectionClosed")
		fmt.Fprintf(os.Stderr, "NRI connection closed (%v), exiting\n", err)
		os.Exit(0)
	})
}

// Run serves until the connection closes or SIGTERM/SIGINT; it never returns.
func (s *Session) Run(st stub.Stub) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sigs
		// Mark first so the close callback triggered by Stop() stays quiet.
		s.stopping.Store(true)
		cancel()
	}()

	err := st.Run(ctx)
	switch {
	case s.stopping.Load():
		fmt.Fprintln(os.Stderr, "terminated by signal")
		os.Exit(0)
	case s.ready.Load():
		s.connectionClosed(err)
	default:
		if err == nil {
			err = errors.New("stub stopped before it was configured")
		}
		fmt.Fprintf(os.Stderr, "plugin failed to start: %v\n", err)
		os.Exit(1)
	}
}

// Name returns the stub's "NN-name" (the method exists on the concrete stub
// but is not part of the stub.Stub interface).
func Name(st stub.Stub) string {
	if n, ok := st.(interface{ Name() string }); ok {
		return n.Name()
	}
	return ""
}

// Fatalf prints a usage-style error and exits with status 2.
func Fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(2)
}
