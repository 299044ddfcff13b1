package main

import (
	"sync"

	"github.com/containerd/nri/pkg/api"
)

// Store is the simulated runtime's pods and containers, in insertion order,
// like nri-vertx's InMemoryDomain. Safe for concurrent use: the adaptation
// calls the sync and update functions from its own goroutines.
type Store struct {
	mu         sync.Mutex
	pods       []*api.PodSandbox
	containers []*api.Container
}

func (s *Store) Pod(id string) *api.PodSandbox {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.pods {
		if p.Id == id {
			return p
		}
	}
	return nil
}

func (s *Store) Container(id string) *api.Container {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.containers {
		if c.Id == id {
			return c
		}
	}
	return nil
}

// PutPod replaces the pod with the same id in place, or appends it.
func (s *Store) PutPod(p *api.PodSandbox) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, old := range s.pods {
		if old.Id == p.Id {
			s.pods[i] = p
			return
		}
	}
	s.pods = append(s.pods, p)
}

// PutContainer replaces the container with the same id in place, or appends it.
func (s *Store) PutContainer(c *api.Container) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, old := range s.containers {
		if old.Id == c.Id {
			s.containers[i] = c
			return
		}
	}
	s.containers = append(s.containers, c)
}

func (s *Store) RemovePod(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, p := range s.pods {
		if p.Id == id {
			s.pods = append(s.pods[:i:i], s.pods[i+1:]...)
			return
		}
	}
}

func (s *Store) RemoveContainer(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, c := range s.containers {
		if c.Id == id {
			s.containers = append(s.containers[:i:i], s.containers[i+1:]...)
			return
		}
	}
}

// Pods lists every pod; Containers those neither stopped nor unknown, which
// is what a plugin is synchronized with.
func (s *Store) Pods() []*api.PodSandbox {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*api.PodSandbox(nil), s.pods...)
}

func (s *Store) Containers() []*api.Container {
	s.mu.Lock()
	defer s.mu.Unlock()
	var live []*api.Container
	for _, c := range s.containers {
		if c.State != api.ContainerState_CONTAINER_STOPPED && c.State != api.ContainerState_CONTAINER_UNKNOWN {
			live = append(live, c)
		}
	}
	return live
}

// Apply merges updates into the containers they name; unknown ids are skipped,
// as a runtime skips containers it does not have.
func (s *Store) Apply(updates []*api.ContainerUpdate) {
	for _, u := range updates {
		if u == nil {
			continue
		}
		if c := s.Container(u.ContainerId); c != nil {
			s.PutContainer(mergeResources(c, u.GetLinux().GetResources()))
		}
	}
}
