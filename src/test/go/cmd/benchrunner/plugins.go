package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// pluginSet is the Go test plugins one case runs, as child processes dialing
// the harness's socket. nri-vertx's bench driver starts the same binaries
// with the same arguments.
type pluginSet struct {
	procs []*exec.Cmd
	done  []chan struct{} // closed once the process has exited and been reaped
}

// adjusterConfig is what adjuster i answers to every CreateContainer: a small
// adjustment whose keys are its own, so that any number of adjusters can be
// chained without an ownership conflict.
func adjusterConfig(i int) string {
	return fmt.Sprintf(`"*":
  adjust:
    annotations: {"bench.nri.io/p%d": "adjusted"}
    env: [{key: BENCH_P%d, value: "1"}]
`, i, i)
}

// startAdjusters starts n adjusters named bench0.. with indices 10.., so
// their ids are "10-bench0", "11-bench1", ...
func (ps *pluginSet) startAdjusters(bin, dir, socket string, n int) error {
	for i := 0; i < n; i++ {
		cfg := filepath.Join(dir, fmt.Sprintf("adjuster-%d.yaml", i))
		if err := os.WriteFile(cfg, []byte(adjusterConfig(i)), 0o644); err != nil {
			return err
		}
		args := []string{"-config", cfg, "-name", fmt.Sprintf("bench%d", i),
			"-idx", fmt.Sprintf("%02d", 10+i), "-socket", socket}
		if err := ps.start(bin, dir, fmt.Sprintf("adjuster-%d", i), args); err != nil {
			return err
		}
	}
	return nil
}

// startRecorder starts one recorder on every lifecycle event, logging to
// /dev/null: a plugin that is told of everything and changes nothing.
func (ps *pluginSet) startRecorder(bin, dir, socket string) error {
	return ps.start(bin, dir, "recorder", []string{"-log-file", os.DevNull, "-name", "observer",
		"-idx", "90", "-socket", socket, "-events", lifecycleEvents})
}

const lifecycleEvents = "RunPodSandbox,StopPodSandbox,RemovePodSandbox,CreateContainer,StartContainer," +
	"StopContainer,RemoveContainer"

func (ps *pluginSet) start(bin, dir, name string, args []string) error {
	out, err := os.Create(filepath.Join(dir, name+".log"))
	if err != nil {
		return err
	}
	defer out.Close()
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = out, out
	// External plugins: nothing of a launched plugin's environment may leak in.
	for _, kv := range os.Environ() {
		if !hasPrefix(kv, "NRI_PLUGIN_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", bin, err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	ps.procs = append(ps.procs, cmd)
	ps.done = append(ps.done, done)
	return nil
}

// exited counts the plugins that are gone (a plugin the runtime did not
// admit in time exits).
func (ps *pluginSet) exited() int {
	n := 0
	for _, d := range ps.done {
		select {
		case <-d:
			n++
		default:
		}
	}
	return n
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// stop sends SIGTERM to every plugin and reaps it, killing any still alive
// after two seconds.
func (ps *pluginSet) stop() {
	for _, c := range ps.procs {
		_ = c.Process.Signal(syscall.SIGTERM)
	}
	for i, c := range ps.procs {
		select {
		case <-ps.done[i]:
		case <-time.After(2 * time.Second):
			_ = c.Process.Kill()
			<-ps.done[i]
		}
	}
	ps.procs, ps.done = nil, nil
}
