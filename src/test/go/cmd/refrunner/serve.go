package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/containerd/nri/pkg/log"
	validator "github.com/containerd/nri/plugins/default-validator/builtin"
)

// Command is one line on stdin in -serve mode: a scenario to play on a fresh
// adaptation. Settings left out keep the command-line ones.
//
//	{"scenario": "/abs/file.yaml", "socket": "/tmp/x/nri.sock", "clockStart": 1700000000000000000,
//	 "requestTimeout": "2s", "registrationTimeout": "5s", "defaultValidator": {"enable": true, ...},
//	 "metrics": true,
//	 "pluginPath": DIR, "pluginConfigPath": DIR, "wasmLogDir": DIR,
//	 "awaitPlugins": ["50-nri-vertx"], "gate": true}
//
// The answer on stdout, one JSON object per line: {"listening": SOCKET} once
// plugins may connect, the scenario's step lines, then {"done": true,
// "steps": N, "failed": F} or {"done": true, "error": "..."}. With "metrics",
// the done line also carries "metrics": what the adaptation's Metrics
// interface recorded (recorder.Snapshot).
//
// awaitPlugins replaces the scenario's plugins as the ones to wait for (a
// relay standing for them). With gate, once they registered the runner
// answers {"ready": true} and plays the steps only after the next stdin line,
// {"go": true} (anything else ends the scenario unplayed): the relay's own
// plugins register with it meanwhile.
type Command struct {
	Scenario            string          `json:"scenario"`
	Socket              string          `json:"socket"`
	ClockStart          int64           `json:"clockStart"`
	RequestTimeout      string          `json:"requestTimeout"`
	RegistrationTimeout string          `json:"registrationTimeout"`
	DefaultValidator    json.RawMessage `json:"defaultValidator"`
	Metrics             bool            `json:"metrics"`
	PluginPath          string          `json:"pluginPath"`
	PluginConfigPath    string          `json:"pluginConfigPath"`
	WasmLogDir          string          `json:"wasmLogDir"`
	AwaitPlugins        []string        `json:"awaitPlugins"`
	Gate                bool            `json:"gate"`
}

// Serve plays commands until stdin ends; it returns the exit status.
func Serve(in io.Reader, out io.Writer, base Settings) int {
	w := bufio.NewWriter(out)
	emit := func(v any) {
		w.Write(encode(v))
		w.WriteByte('\n')
		w.Flush()
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var recorded map[string]any
		next := func() []byte {
			if sc.Scan() {
				return sc.Bytes()
			}
			return nil
		}
		steps, failed, err := serveOne(sc.Bytes(), base, emit, next, func(l *Line) {
			w.WriteString(l.String())
			w.WriteByte('\n')
			w.Flush()
		}, func(m map[string]any) { recorded = m })
		if err != nil {
			emit(map[string]any{"done": true, "error": err.Error()})
		} else if recorded != nil {
			emit(map[string]any{"done": true, "steps": steps, "failed": failed, "metrics": recorded})
		} else {
			emit(map[string]any{"done": true, "steps": steps, "failed": failed})
		}
	}
	return 0
}

func serveOne(line []byte, base Settings, emit func(any), next func() []byte, out func(*Line),
	metrics func(map[string]any)) (int, int, error) {
	var cmd Command
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cmd); err != nil {
		return 0, 0, fmt.Errorf("bad command: %w", err)
	}
	set, err := cmd.settings(base)
	if err != nil {
		return 0, 0, err
	}
	s, err := LoadScenario(cmd.Scenario)
	if err != nil {
		return 0, 0, err
	}
	var keep func(map[string]any)
	if cmd.Metrics {
		keep = metrics
	}
	if cmd.AwaitPlugins != nil {
		s.Plugins = cmd.AwaitPlugins
	}
	var gate func() error
	if cmd.Gate {
		gate = func() error {
			emit(map[string]any{"ready": true})
			var g struct {
				Go bool `json:"go"`
			}
			if err := json.Unmarshal(next(), &g); err != nil || !g.Go {
				return fmt.Errorf("the gate was not opened")
			}
			return nil
		}
	}
	failed, err := runScenario(s, set, cmd.Socket, clock(cmd.ClockStart),
		func() { emit(map[string]any{"listening": cmd.Socket}) }, gate, out, keep)
	return len(s.Steps), failed, err
}

func (c *Command) settings(base Settings) (Settings, error) {
	set := base
	var err error
	if c.PluginPath != "" {
		set.PluginPath, set.PluginConfigPath = c.PluginPath, c.PluginConfigPath
	}
	if c.WasmLogDir != "" {
		set.WasmLogDir = c.WasmLogDir
	}
	if c.RequestTimeout != "" {
		if set.RequestTimeout, err = time.ParseDuration(c.RequestTimeout); err != nil {
			return set, fmt.Errorf("requestTimeout: %w", err)
		}
	}
	if c.RegistrationTimeout != "" {
		if set.RegistrationTimeout, err = time.ParseDuration(c.RegistrationTimeout); err != nil {
			return set, fmt.Errorf("registrationTimeout: %w", err)
		}
	}
	if len(c.DefaultValidator) > 0 && string(c.DefaultValidator) != "null" {
		cfg := &validator.DefaultValidatorConfig{}
		// JSON is YAML: the config's yaml tags are NRI's documented keys.
		if err := decodeYAML(c.DefaultValidator, cfg); err != nil {
			return set, fmt.Errorf("defaultValidator: %w", err)
		}
		set.DefaultValidator = cfg
	}
	return set, nil
}

func dirOf(path string) string {
	return filepath.Dir(path)
}

func bytesReader(b []byte) io.Reader {
	return bytes.NewReader(b)
}

// quietLogs keeps the adaptation's warnings and errors only.
func quietLogs() {
	log.Set(quietLogger{log.Get()})
}

type quietLogger struct{ log.Logger }

func (quietLogger) Debugf(context.Context, string, ...interface{}) {}
func (quietLogger) Infof(context.Context, string, ...interface{})  {}
