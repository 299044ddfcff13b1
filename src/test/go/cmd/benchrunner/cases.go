package main

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/containerd/nri/pkg/api"
	"google.golang.org/protobuf/proto"
)

// runCreate times CreateContainer through every plugin, one event at a time.
// Each event gets a fresh request (the adaptation adjusts it in place, as it
// does containerd's), built outside the timed section.
func runCreate(h *harness, tmpl *api.CreateContainerRequest, warmup, events int) (map[string]any, error) {
	ctx := context.Background()
	samples := make([]time.Duration, 0, events)
	var before usage
	for i := 0; i < warmup+events; i++ {
		if i == warmup {
			before = now()
		}
		req := proto.Clone(tmpl).(*api.CreateContainerRequest)
		req.Container.Id = fmt.Sprintf("ctr-%d", i)
		start := time.Now()
		rsp, err := h.nri.CreateContainer(ctx, req)
		took := time.Since(start)
		if err != nil {
			return nil, fmt.Errorf("CreateContainer %d: %w", i, err)
		}
		if i == 0 && len(rsp.GetAdjust().GetAnnotations()) == 0 {
			return nil, fmt.Errorf("CreateContainer: no plugin adjusted the container: %v", rsp)
		}
		if i >= warmup {
			samples = append(samples, took)
		}
	}
	out := latencies(samples)
	now().since(before, events, out)
	out["events"] = events
	return out, nil
}

// runLifecycle drives whole pods through the runtime from `clients`
// goroutines and reports pods per second over `pods` pods after `warmup`.
func runLifecycle(h *harness, tmpl *api.CreateContainerRequest, clients, warmup, pods int) (map[string]any, error) {
	if err := lifecycleRound(h, tmpl, clients, warmup, "w"); err != nil {
		return nil, err
	}
	start := time.Now()
	if err := lifecycleRound(h, tmpl, clients, pods, "m"); err != nil {
		return nil, err
	}
	secs := time.Since(start).Seconds()
	return map[string]any{"pods": pods, "clients": clients, "seconds": secs,
		"podsPerSec": float64(pods) / secs, "eventsPerSec": float64(pods*eventsPerPod) / secs}, nil
}

// eventsPerPod: RunPodSandbox, 3×(CreateContainer, StartContainer),
// 3×StopContainer, StopPodSandbox, 3×RemoveContainer, RemovePodSandbox.
const eventsPerPod = 15

func lifecycleRound(h *harness, tmpl *api.CreateContainerRequest, clients, pods int, tag string) error {
	var wg sync.WaitGroup
	errs := make(chan error, clients)
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			for k := c; k < pods; k += clients {
				if err := onePod(h, tmpl, fmt.Sprintf("pod-%s-%d", tag, k)); err != nil {
					errs <- err
					return
				}
			}
		}(c)
	}
	wg.Wait()
	close(errs)
	return <-errs
}

func onePod(h *harness, tmpl *api.CreateContainerRequest, id string) error {
	ctx := context.Background()
	pod := proto.Clone(tmpl.Pod).(*api.PodSandbox)
	pod.Id, pod.Name, pod.Uid = id, id, "uid-"+id
	if err := h.nri.RunPodSandbox(ctx, &api.RunPodSandboxRequest{Pod: pod}); err != nil {
		return err
	}
	h.store.putPod(pod)
	ctrs := make([]*api.Container, 3)
	for j := range ctrs {
		ctr := proto.Clone(tmpl.Container).(*api.Container)
		ctr.Id, ctr.PodSandboxId, ctr.Name = fmt.Sprintf("%s-c%d", id, j), id, fmt.Sprintf("c%d", j)
		if _, err := h.nri.CreateContainer(ctx, &api.CreateContainerRequest{Pod: pod, Container: ctr}); err != nil {
			return err
		}
		h.store.putContainer(ctr)
		if err := h.nri.StartContainer(ctx, &api.StartContainerRequest{Pod: pod, Container: ctr}); err != nil {
			return err
		}
		ctrs[j] = ctr
	}
	for _, ctr := range ctrs {
		if _, err := h.nri.StopContainer(ctx, &api.StopContainerRequest{Pod: pod, Container: ctr}); err != nil {
			return err
		}
	}
	if err := h.nri.StopPodSandbox(ctx, &api.StopPodSandboxRequest{Pod: pod}); err != nil {
		return err
	}
	for _, ctr := range ctrs {
		if err := h.nri.RemoveContainer(ctx, &api.RemoveContainerRequest{Pod: pod, Container: ctr}); err != nil {
			return err
		}
		h.store.removeContainer(ctr.Id)
	}
	if err := h.nri.RemovePodSandbox(ctx, &api.RemovePodSandboxRequest{Pod: pod}); err != nil {
		return err
	}
	h.store.removePod(id)
	return nil
}

// fill puts pods and containers (containersPerPod each) into the store
// without telling any plugin: the state a restarted runtime already has.
func fill(st *store, tmpl *api.CreateContainerRequest, pods, containersPerPod int) {
	for k := 0; k < pods; k++ {
		pod := proto.Clone(tmpl.Pod).(*api.PodSandbox)
		id := fmt.Sprintf("pod-%d", k)
		pod.Id, pod.Name, pod.Uid = id, id, "uid-"+id
		st.putPod(pod)
		for j := 0; j < containersPerPod; j++ {
			ctr := proto.Clone(tmpl.Container).(*api.Container)
			ctr.Id, ctr.PodSandboxId, ctr.Name = fmt.Sprintf("%s-c%d", id, j), id, fmt.Sprintf("c%d", j)
			ctr.State = api.ContainerState_CONTAINER_RUNNING
			st.putContainer(ctr)
		}
	}
}

// startBehind readies the relay case: the relay (started by the caller
// against our socket) registers as our one plugin, then the adjusters connect
// to its socket. They are ready once a CreateContainer comes back with every
// adjuster's annotation; those probes are not measured.
func startBehind(h *harness, ps *pluginSet, tmpl *api.CreateContainerRequest, o options) error {
	if err := h.waitPlugins(1, 60*time.Second); err != nil {
		return fmt.Errorf("the relay did not register: %w", err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(o.behind); err == nil {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the relay does not serve %s", o.behind)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := ps.startAdjusters(o.adjuster, o.dir, o.behind, o.plugins); err != nil {
		return err
	}
	for i := 0; ; i++ {
		req := proto.Clone(tmpl).(*api.CreateContainerRequest)
		req.Container.Id = fmt.Sprintf("probe-%d", i)
		rsp, err := h.nri.CreateContainer(context.Background(), req)
		if err == nil && len(rsp.GetAdjust().GetAnnotations()) >= o.plugins {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the adjusters behind the relay did not all answer: %v %v", rsp, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
