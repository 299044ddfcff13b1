// Command refrunner plays a scenario file (docs/scenario.md) against the
// official NRI runtime side, github.com/containerd/nri/pkg/adaptation, and
// prints the same JSON lines as `nri-vertx scenario`. It is the reference for
// the differential conformance tests (io.nrivertx.conformance).
//
//	refrunner -socket /tmp/x/nri.sock [flags] FILE   play one file, exit 0/1/2 like nri-vertx
//	refrunner -serve                                  play one command per stdin line (see serve.go)
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"time"

	validator "github.com/containerd/nri/plugins/default-validator/builtin"
	"go.yaml.in/yaml/v3"
)

func main() {
	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	socket := fs.String("socket", "", "NRI socket to listen on (its directory is created)")
	serve := fs.Bool("serve", false, "read commands from stdin, one JSON object per line")
	reqTimeout := fs.Duration("request-timeout", 2*time.Second, "plugin request timeout")
	regTimeout := fs.Duration("registration-timeout", 5*time.Second, "plugin registration timeout")
	dvFile := fs.String("default-validator", "", "YAML or JSON file with the default validator's settings (NRI's yaml keys)")
	name := fs.String("runtime-name", "refrunner", "runtime name sent in Configure")
	version := fs.String("runtime-version", "0.0.0", "runtime version sent in Configure")
	clockStart := fs.Int64("clock-start", 0, "epoch ns of the first createdAt/startedAt/finishedAt, then +1s per use (0: wall clock)")
	timeout := fs.Duration("timeout", 2*time.Minute, "limit for the whole run")
	quiet := fs.Bool("quiet", false, "log only warnings and errors of the adaptation")
	pluginPath := fs.String("plugin-path", "", "directory of pre-installed plugins (executables or WASM modules; default: none)")
	pluginConfigPath := fs.String("plugin-config-path", "", "directory of their drop-in configuration files")
	wasmLogDir := fs.String("wasm-log-dir", "", "directory for the JSON lines WASM test plugins log (NN-name.jsonl)")
	_ = fs.Parse(os.Args[1:])

	if *quiet {
		quietLogs()
	}
	captureGuestLogs()
	set := Settings{RuntimeName: *name, RuntimeVersion: *version, RequestTimeout: *reqTimeout,
		RegistrationTimeout: *regTimeout, PluginPath: *pluginPath, PluginConfigPath: *pluginConfigPath,
		WasmLogDir: *wasmLogDir}
	if *dvFile != "" {
		cfg, err := loadValidatorConfig(*dvFile)
		if err != nil {
			usage("refrunner: bad -default-validator %s: %v", *dvFile, err)
		}
		set.DefaultValidator = cfg
	}
	if *serve {
		os.Exit(Serve(os.Stdin, os.Stdout, set))
	}
	if fs.NArg() != 1 || *socket == "" {
		usage("usage: refrunner -socket PATH [flags] SCENARIO-FILE")
	}
	s, err := LoadScenario(fs.Arg(0))
	if err != nil {
		usage("%v", err)
	}
	out := bufio.NewWriter(os.Stdout)
	done := make(chan int, 1)
	go func() {
		failed, err := RunScenario(s, set, *socket, clock(*clockStart), func(l *Line) {
			fmt.Fprintln(out, l.String())
			out.Flush()
		})
		if err != nil {
			fmt.Fprintf(os.Stderr, "refrunner: %v\n", err)
			done <- 1
			return
		}
		fmt.Fprintf(os.Stderr, "refrunner: %d steps, %d failed\n", len(s.Steps), failed)
		if failed > 0 {
			done <- 1
			return
		}
		done <- 0
	}()
	select {
	case code := <-done:
		os.Exit(code)
	case <-time.After(*timeout):
		fmt.Fprintf(os.Stderr, "refrunner: the run exceeded -timeout %s\n", *timeout)
		os.Exit(1)
	}
}

// RunScenario starts an adaptation on socket over a store seeded with the
// scenario's pods and containers, waits for its plugins, plays every step and
// stops the adaptation. It fails only when the runtime cannot start or the
// plugins do not register; step failures are counted.
func RunScenario(s *Scenario, set Settings, socket string, clock func() int64, out func(*Line)) (int, error) {
	return runScenario(s, set, socket, clock, nil, nil, out, nil)
}

// runScenario as RunScenario; listening (if any) is told when plugins may
// connect, gate (if any) runs once they registered and before the first step,
// metrics (if any) gets what the Metrics interface recorded, after the last
// step and before the adaptation stops.
func runScenario(s *Scenario, set Settings, socket string, clock func() int64, listening func(), gate func() error,
	out func(*Line), metrics func(map[string]any)) (int, error) {
	store := &Store{}
	for _, p := range s.Pods {
		store.PutPod(p)
	}
	for _, c := range s.Containers {
		store.PutContainer(c)
	}
	if err := os.MkdirAll(dirOf(socket), 0o700); err != nil {
		return 0, err
	}
	guestLines.use(set.WasmLogDir)
	defer guestLines.use("")
	rt, err := StartRuntime(set, socket, store)
	if err != nil {
		return 0, fmt.Errorf("cannot start the adaptation: %w", err)
	}
	defer rt.Close()
	if listening != nil {
		listening()
	}
	if err := rt.AwaitPlugins(s.Plugins, s.WaitTimeout); err != nil {
		return 0, fmt.Errorf("plugins %v not ready within waitTimeout %s: %w", s.Plugins, s.WaitTimeout, err)
	}
	if gate != nil {
		if err := gate(); err != nil {
			return 0, err
		}
	}
	player := &Player{rt: rt, store: store, clock: clock}
	failed := 0
	for _, step := range s.Steps {
		if !playStep(player, step, out) {
			failed++
		}
	}
	if metrics != nil {
		metrics(rt.Metrics())
	}
	return failed, nil
}

// playStep plays one step and reports its line; it returns whether it passed.
func playStep(p *Player, step *Step, out func(*Line)) bool {
	reply, err := p.Play(step)
	if nr, ok := err.(notRun); ok {
		l := newLine(step, false, fmt.Errorf("not run: %s", nr.msg))
		if step.Expect != nil {
			l.Put("expect", "failed: the step could not run")
		}
		out(l)
		return false
	}
	l := newLine(step, err == nil, err)
	if err == nil && len(step.Op.Results) > 0 {
		l.results(step.Op, reply)
	}
	passed := err == nil
	if step.Expect != nil {
		verdict := step.Expect.Check(l)
		passed = verdict == ""
		if passed {
			l.Put("expect", "ok")
		} else {
			l.Put("expect", "failed: "+verdict)
		}
	}
	out(l)
	return passed
}

func loadValidatorConfig(path string) (*validator.DefaultValidatorConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	cfg := &validator.DefaultValidatorConfig{}
	if err := decodeYAML(data, cfg); err != nil {
		return nil, err
	}
	return cfg, nil
}

// decodeYAML decodes YAML (or JSON) strictly: unknown keys are errors.
func decodeYAML(data []byte, v any) error {
	dec := yaml.NewDecoder(bytesReader(data))
	dec.KnownFields(true)
	return dec.Decode(v)
}

// clock gives epoch nanoseconds: the wall clock, or a fixed start advancing
// one second per use, so that both runners record the same timestamps.
func clock(start int64) func() int64 {
	if start == 0 {
		return func() int64 { return time.Now().UnixNano() }
	}
	next := start
	return func() int64 {
		now := next
		next += int64(time.Second)
		return now
	}
}

func usage(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(2)
}
