// Package peer holds what the nri-vertx Go test plugins share: event names,
// identity flags, the JSON-lines log and the run loop. The stub-bound parts
// (session.go) are left out of WASM builds, which have no stub.
package peer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/containerd/nri/pkg/api"
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

// Log appends one JSON object per line and syncs each line to disk, so a
// test can read the file while the plugin runs. A nil *Log discards.
type Log struct {
	mu     sync.Mutex
	f      *os.File
	sink   func(line []byte) // instead of f: a WASM plugin hands its lines to the host
	plugin string
}

// SinkLog gives each line (without its newline) to sink instead of a file.
func SinkLog(sink func(line []byte)) *Log {
	return &Log{sink: sink}
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
	if l.sink != nil {
		b.WriteString("}")
		l.sink(b.Bytes())
		return
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

// Fatalf prints a usage-style error and exits with status 2.
func Fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(2)
}
