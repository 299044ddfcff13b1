package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/containerd/nri/pkg/api"
	"google.golang.org/protobuf/proto"
)

// runSync measures the time from starting `plugins` adjusters at once to all
// of them being registered and synchronized with the existing containers.
// The plugins' own start-up is inside the figure, the same for both
// runtimes. A plugin the runtime does not admit in time gives up and exits;
// then "registered" says how many made it and "millis" is the time of the
// last one admitted.
func runSync(h *harness, ps *pluginSet, bin, dir string, plugins int) (map[string]any, error) {
	start := time.Now()
	if err := ps.startAdjusters(bin, dir, h.socket, plugins); err != nil {
		return nil, err
	}
	took := time.Duration(0)
	for seen := int64(0); ; {
		n := h.plugins.Load()
		if n > seen {
			seen, took = n, time.Since(start)
		}
		if int(n) == plugins || int(n)+ps.exited() >= plugins || time.Since(start) > time.Minute {
			break
		}
		select {
		case <-h.changed:
		case <-time.After(5 * time.Millisecond):
		}
	}
	pods, ctrs := h.store.snapshot()
	return map[string]any{"millis": ms(took), "pods": len(pods), "containers": len(ctrs), "plugins": plugins,
		"registered": h.plugins.Load()}, nil
}

// runMemory creates `pods` pods with `perPod` containers each through the
// plugins, keeps them all in the store, then reports RSS and the live heap
// after a full collection.
func runMemory(h *harness, tmpl *api.CreateContainerRequest, pods, perPod int) (map[string]any, error) {
	ctx := context.Background()
	for k := 0; k < pods; k++ {
		pod := proto.Clone(tmpl.Pod).(*api.PodSandbox)
		id := fmt.Sprintf("pod-%d", k)
		pod.Id, pod.Name, pod.Uid = id, id, "uid-"+id
		if err := h.nri.RunPodSandbox(ctx, &api.RunPodSandboxRequest{Pod: pod}); err != nil {
			return nil, err
		}
		h.store.putPod(pod)
		for j := 0; j < perPod; j++ {
			ctr := proto.Clone(tmpl.Container).(*api.Container)
			ctr.Id, ctr.PodSandboxId, ctr.Name = fmt.Sprintf("%s-c%d", id, j), id, fmt.Sprintf("c%d", j)
			if _, err := h.nri.CreateContainer(ctx, &api.CreateContainerRequest{Pod: pod, Container: ctr}); err != nil {
				return nil, err
			}
			h.store.putContainer(ctr)
			if err := h.nri.StartContainer(ctx, &api.StartContainerRequest{Pod: pod, Container: ctr}); err != nil {
				return nil, err
			}
		}
	}
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	rss, err := rssKiB()
	if err != nil {
		return nil, err
	}
	p, c := h.store.snapshot()
	return map[string]any{"rssMiB": float64(rss) / 1024, "heapMiB": float64(m.HeapAlloc) / (1 << 20),
		"pods": len(p), "containers": len(c)}, nil
}

// rssKiB reads VmRSS of this process from /proc.
func rssKiB() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/self/status")
}
