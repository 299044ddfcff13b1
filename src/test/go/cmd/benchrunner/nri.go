package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/containerd/nri/pkg/adaptation"
)

// harness is the runtime side under test: the official adaptation with an
// in-memory store behind its SyncFn, as containerd wires it, and a signal for
// "N plugins registered and synchronized" taken from the Metrics hook (the
// adaptation has no other callback for it).
type harness struct {
	nri     *adaptation.Adaptation
	store   *store
	socket  string
	plugins atomic.Int64
	changed chan struct{}
}

// startHarness starts the adaptation; pluginDir holds pre-installed plugins
// (with their drop-in files in pluginDir/../conf.d), "" none.
func startHarness(dir string, st *store, pluginDir string) (*harness, error) {
	h := &harness{store: st, socket: filepath.Join(dir, "nri.sock"), changed: make(chan struct{}, 1)}
	// No pre-installed plugins: point discovery at an empty directory.
	none := filepath.Join(dir, "no-plugins")
	if err := os.MkdirAll(none, 0o700); err != nil {
		return nil, err
	}
	plugins, conf := none, none
	if pluginDir != "" {
		plugins, conf = pluginDir, filepath.Join(filepath.Dir(pluginDir), "conf.d")
	}
	syncFn := func(ctx context.Context, cb adaptation.SyncCB) error {
		pods, ctrs := st.snapshot()
		_, err := cb(ctx, pods, ctrs)
		return err
	}
	updateFn := func(context.Context, []*adaptation.ContainerUpdate) ([]*adaptation.ContainerUpdate, error) {
		return nil, nil
	}
	nri, err := adaptation.New("benchrunner", "v0", syncFn, updateFn,
		adaptation.WithSocketPath(h.socket), adaptation.WithPluginPath(plugins),
		adaptation.WithPluginConfigPath(conf), adaptation.WithMetrics(metrics{h}))
	if err != nil {
		return nil, err
	}
	if err := nri.Start(); err != nil {
		return nil, err
	}
	h.nri = nri
	return h, nil
}

// waitPlugins blocks until n plugins are registered and synchronized.
func (h *harness) waitPlugins(n int, timeout time.Duration) error {
	deadline := time.After(timeout)
	for h.plugins.Load() < int64(n) {
		select {
		case <-h.changed:
		case <-deadline:
			return fmt.Errorf("%d of %d plugins registered after %v", h.plugins.Load(), n, timeout)
		}
	}
	return nil
}

func (h *harness) stop() { h.nri.Stop() }

type metrics struct{ h *harness }

func (metrics) RecordPluginInvocation(string, string, error)                                      {}
func (metrics) RecordPluginLatency(string, string, time.Duration)                                 {}
func (metrics) RecordPluginAdjustments(string, string, *adaptation.ContainerAdjustment, int, int) {}

func (m metrics) UpdatePluginCount(count int) {
	m.h.plugins.Store(int64(count))
	select {
	case m.h.changed <- struct{}{}:
	default:
	}
}

// store is the runtime's own record of pods and containers, what its SyncFn
// hands to a new plugin. Guarded by one mutex, as the events of several
// clients update it concurrently.
type store struct {
	mu   sync.Mutex
	pods map[string]*adaptation.PodSandbox
	ctrs map[string]*adaptation.Container
	// Insertion order, so Synchronize sends the same order as nri-vertx.
	podOrder, ctrOrder []string
}

func newStore() *store {
	return &store{pods: map[string]*adaptation.PodSandbox{}, ctrs: map[string]*adaptation.Container{}}
}

func (s *store) putPod(p *adaptation.PodSandbox) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.pods[p.Id]; !ok {
		s.podOrder = append(s.podOrder, p.Id)
	}
	s.pods[p.Id] = p
}

func (s *store) putContainer(c *adaptation.Container) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.ctrs[c.Id]; !ok {
		s.ctrOrder = append(s.ctrOrder, c.Id)
	}
	s.ctrs[c.Id] = c
}

func (s *store) removePod(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.pods, id)
}

func (s *store) removeContainer(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.ctrs, id)
}

func (s *store) snapshot() ([]*adaptation.PodSandbox, []*adaptation.Container) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pods := make([]*adaptation.PodSandbox, 0, len(s.pods))
	for _, id := range s.podOrder {
		if p, ok := s.pods[id]; ok {
			pods = append(pods, p)
		}
	}
	ctrs := make([]*adaptation.Container, 0, len(s.ctrs))
	for _, id := range s.ctrOrder {
		if c, ok := s.ctrs[id]; ok {
			ctrs = append(ctrs, c)
		}
	}
	return pods, ctrs
}
