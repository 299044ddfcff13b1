// Package selftest checks the test plugins against the official Go runtime
// side (pkg/adaptation), so a failing Java interop test can be blamed on the
// Java runtime rather than on the peers.
package selftest

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	nri "github.com/containerd/nri/pkg/adaptation"
)

// metrics captures the eviction count, which the adaptation otherwise drops.
type metrics struct {
	mu      sync.Mutex
	evicts  map[string]int
	plugins int
}

func (m *metrics) RecordPluginInvocation(string, string, error)      {}
func (m *metrics) RecordPluginLatency(string, string, time.Duration) {}
func (m *metrics) UpdatePluginCount(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.plugins = n
}

// waitPlugins waits until the runtime has n synchronized plugins.
func (m *metrics) waitPlugins(t *testing.T, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		m.mu.Lock()
		got := m.plugins
		m.mu.Unlock()
		if got == n {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("runtime never had %d plugins", n)
}
func (m *metrics) RecordPluginAdjustments(p, op string, _ *nri.ContainerAdjustment, _, evicts int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.evicts[p+"/"+op] += evicts
}

func build(t *testing.T, dir string) {
	t.Helper()
	cmd := exec.Command("go", "build", "-buildvcs=false", "-o", dir+"/", "nrivertx.test/peers/cmd/...")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
}

func start(t *testing.T, bin string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, args...)
	logf, err := os.Create(bin + "." + filepath.Base(args[len(args)-1]) + ".out")
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
		logf.Close()
	})
	return cmd
}

func lines(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("bad line %q: %v", sc.Text(), err)
		}
		out = append(out, m)
	}
	return out
}

func waitFor(t *testing.T, path, event string) []map[string]any {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ls := lines(t, path)
		for _, l := range ls {
			if l["event"] == event {
				return ls
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no %s in %s", event, path)
	return nil
}

func TestPeersAgainstGoAdaptation(t *testing.T) {
	dir := t.TempDir()
	build(t, dir)

	m := &metrics{evicts: map[string]int{}}
	pod := &nri.PodSandbox{Id: "pod0", Name: "pod", Namespace: "ns", Uid: "uid0"}
	existing := &nri.Container{Id: "old0", PodSandboxId: "pod0", Name: "old", State: nri.ContainerState_CONTAINER_RUNNING}
	syncFn := func(ctx context.Context, cb nri.SyncCB) error {
		_, err := cb(ctx, []*nri.PodSandbox{pod}, []*nri.Container{existing})
		return err
	}
	updateFn := func(context.Context, []*nri.ContainerUpdate) ([]*nri.ContainerUpdate, error) { return nil, nil }
	sock := filepath.Join(dir, "nri.sock")
	r, err := nri.New("selftest", "0.0.1", syncFn, updateFn,
		nri.WithPluginPath(filepath.Join(dir, "none")),
		nri.WithPluginConfigPath(filepath.Join(dir, "none")),
		nri.WithSocketPath(sock),
		nri.WithMetrics(m))
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Start(); err != nil {
		t.Fatal(err)
	}
	defer r.Stop()

	cfg := filepath.Join(dir, "adjust.yaml")
	os.WriteFile(cfg, []byte(`
ctr0:
  adjust:
    annotations: {added-by: adjuster}
    env: [{key: FROM_ADJUSTER, value: "1"}]
  evict: [{containerId: old0, reason: test}]
`), 0o644)
	alog, rlog := filepath.Join(dir, "adjuster.jsonl"), filepath.Join(dir, "recorder.jsonl")
	start(t, filepath.Join(dir, "adjuster"), "-socket", sock, "-config", cfg, "-log-file", alog)
	waitFor(t, alog, "Configure")
	rec := start(t, filepath.Join(dir, "recorder"), "-socket", sock, "-delay", "1s",
		"-delay-on", "StopContainer", "-log-file", rlog)
	ls := waitFor(t, rlog, "Synchronize")
	if got := ls[0]["plugin"]; got != "50-recorder" {
		t.Errorf("plugin name %v", got)
	}
	if cs := ls[1]["containers"].([]any); len(cs) != 1 || cs[0].(map[string]any)["id"] != "old0" {
		t.Errorf("sync containers %v", ls[1]["containers"])
	}
	m.waitPlugins(t, 2)

	rpl, err := r.CreateContainer(context.Background(), &nri.CreateContainerRequest{
		Pod:       pod,
		Container: &nri.Container{Id: "ctr0-id", PodSandboxId: "pod0", Name: "ctr0"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if rpl.GetAdjust().GetAnnotations()["added-by"] != "adjuster" {
		t.Errorf("adjustment lost: %v", rpl.GetAdjust())
	}
	if n := m.evicts["10-adjuster/CreateContainer"]; n != 1 {
		t.Errorf("evictions seen by the runtime: %d (%v)", n, m.evicts)
	}
	ls = waitFor(t, rlog, "CreateContainer")
	t.Logf("recorder saw: %s", toJSON(ls[len(ls)-1]))
	seen := ls[len(ls)-1]["container"].(map[string]any)
	if !strings.Contains(toJSON(seen), "FROM_ADJUSTER") {
		t.Errorf("recorder should see the adjusted container: %v", seen)
	}

	// A handler slower than the request timeout makes the runtime drop the
	// plugin; the recorder must notice and exit 0.
	nri.SetPluginRequestTimeout(200 * time.Millisecond)
	if _, err := r.StopContainer(context.Background(), &nri.StopContainerRequest{
		Pod: pod, Container: &nri.Container{Id: "ctr0-id", PodSandboxId: "pod0", Name: "ctr0"},
	}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- rec.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("recorder exit: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("recorder did not exit after the runtime dropped it")
	}
	waitFor(t, rlog, "ConnectionClosed")
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
