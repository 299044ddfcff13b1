package main

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	nri "github.com/containerd/nri/pkg/adaptation"
	validator "github.com/containerd/nri/plugins/default-validator/builtin"
)

// Settings configure one runtime the way nri-vertx's NriOptions do, so both
// runners can be set up identically.
type Settings struct {
	RuntimeName         string
	RuntimeVersion      string
	RequestTimeout      time.Duration
	RegistrationTimeout time.Duration
	DefaultValidator    *validator.DefaultValidatorConfig
	// PluginPath and PluginConfigPath: pre-installed plugins (WASM modules
	// included) and their drop-in files; empty means none.
	PluginPath       string
	PluginConfigPath string
	// WasmLogDir receives the JSON lines of WASM test plugins (wasmlog.go).
	WasmLogDir string
}

// Runtime is the official adaptation on a socket, over a Store.
type Runtime struct {
	*nri.Adaptation
	store *Store
	ready *recorder
}

// StartRuntime creates and starts an adaptation listening on socket. The
// timeouts are process-wide in pkg/adaptation: runtimes of one process must
// run one after another.
func StartRuntime(set Settings, socket string, store *Store) (*Runtime, error) {
	nri.SetPluginRequestTimeout(set.RequestTimeout)
	nri.SetPluginRegistrationTimeout(set.RegistrationTimeout)
	// By default no pre-installed plugins: point the plugin directories at a path that does not exist.
	none := filepath.Join(filepath.Dir(socket), "no-such-plugin-dir")
	rt := &Runtime{store: store, ready: newRecorder()}
	syncFn := func(ctx context.Context, cb nri.SyncCB) error {
		updates, err := cb(ctx, store.Pods(), store.Containers())
		if err == nil {
			store.Apply(updates)
		}
		return err
	}
	updateFn := func(_ context.Context, updates []*nri.ContainerUpdate) ([]*nri.ContainerUpdate, error) {
		store.Apply(updates)
		return nil, nil
	}
	pluginPath, configPath := none, none
	if set.PluginPath != "" {
		pluginPath = set.PluginPath
	}
	if set.PluginConfigPath != "" {
		configPath = set.PluginConfigPath
	}
	opts := []nri.Option{
		nri.WithPluginPath(pluginPath),
		nri.WithPluginConfigPath(configPath),
		nri.WithSocketPath(socket),
		nri.WithMetrics(rt.ready),
	}
	if set.DefaultValidator != nil {
		opts = append(opts, nri.WithDefaultValidator(set.DefaultValidator))
	}
	a, err := nri.New(set.RuntimeName, set.RuntimeVersion, syncFn, updateFn, opts...)
	if err != nil {
		return nil, err
	}
	if err := a.Start(); err != nil {
		return nil, err
	}
	rt.Adaptation = a
	return rt, nil
}

// Close stops the adaptation. It leaves external plugins connected, as NRI
// does; the socket file goes with the listener.
func (rt *Runtime) Close() {
	rt.Stop()
}

// Metrics is what the adaptation's Metrics interface recorded so far.
func (rt *Runtime) Metrics() map[string]any {
	return rt.ready.Snapshot()
}

// AwaitPlugins waits until every "NN-name" has registered and been synchronized.
func (rt *Runtime) AwaitPlugins(ids []string, timeout time.Duration) error {
	return rt.ready.await(ids, timeout)
}

// readiness learns from the adaptation's metrics which plugins are in its
// list: a successful Synchronize is recorded just before the plugin is
// appended, and the plugin count is updated right after that.
type readiness struct {
	mu      sync.Mutex
	synced  map[string]bool
	active  map[string]bool
	changed chan struct{}
}

func newReadiness() *readiness {
	return &readiness{synced: map[string]bool{}, active: map[string]bool{}, changed: make(chan struct{}, 1)}
}

func (r *readiness) RecordPluginInvocation(plugin, op string, err error) {
	if op == "Synchronize" && err == nil {
		r.mu.Lock()
		r.synced[plugin] = true
		r.mu.Unlock()
	}
}

func (r *readiness) RecordPluginLatency(string, string, time.Duration) {}

func (r *readiness) RecordPluginAdjustments(string, string, *nri.ContainerAdjustment, int, int) {}

func (r *readiness) UpdatePluginCount(int) {
	r.mu.Lock()
	for p := range r.synced {
		r.active[p] = true
	}
	r.mu.Unlock()
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

func (r *readiness) await(ids []string, timeout time.Duration) error {
	deadline := time.After(timeout)
	for {
		r.mu.Lock()
		var missing []string
		for _, id := range ids {
			if !r.active[id] {
				missing = append(missing, id)
			}
		}
		r.mu.Unlock()
		if len(missing) == 0 {
			return nil
		}
		select {
		case <-r.changed:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			sort.Strings(missing)
			return fmt.Errorf("plugins %s did not register within %s", strings.Join(missing, ", "), timeout)
		}
	}
}
