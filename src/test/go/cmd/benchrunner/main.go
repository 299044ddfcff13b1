// Command benchrunner is the Go half of nri-vertx's benchmark (bin/bench):
// the official runtime side, containerd/nri's pkg/adaptation, driven through
// one bench case against the project's Go test plugins over a real unix
// socket. It prints one JSON object with the case's figures on stdout;
// nri-vertx's driver (io.nrivertx.bench) runs the same cases with the same
// plugin binaries and arguments.
package main

import (
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/containerd/nri/pkg/api"
	"google.golang.org/protobuf/encoding/protojson"
)

// request.json is the realistic CreateContainerRequest of every case
// (pod and container as a Kubernetes node would send them, ~2 KiB).
//
//go:embed request.json
var defaultRequest []byte

type options struct {
	kind, dir, adjuster, recorder, request, wasm       string
	wasmCache, behind                                  string
	plugins, events, warmup, clients, pods, containers int
	untilEOF                                           bool
}

func main() {
	var o options
	flag.StringVar(&o.kind, "case", "", "create | wasm-create | lifecycle | sync | memory | floor | serve (floor-peer: internal)")
	flag.StringVar(&o.dir, "dir", "", "work directory for the socket, plugin configs and logs (default: a new temp dir)")
	flag.StringVar(&o.adjuster, "adjuster", "", "path of the adjuster test plugin")
	flag.StringVar(&o.recorder, "recorder", "", "path of the recorder test plugin (lifecycle)")
	flag.StringVar(&o.request, "request", "", "CreateContainerRequest as protojson (default: the built-in one)")
	flag.StringVar(&o.behind, "behind", "", "create: the adjusters connect to this socket, a relay's, which is the adaptation's one plugin")
	flag.IntVar(&o.plugins, "plugins", 1, "number of adjusters")
	flag.StringVar(&o.wasm, "wasm", "", "the WASM test plugin (wasm-create: pre-installed as 10-bench0)")
	flag.StringVar(&o.wasmCache, "wasmCache", "", "ignored (nri-vertx's compiled-module cache)")
	flag.IntVar(&o.events, "events", 20000, "measured events (create, floor)")
	flag.IntVar(&o.warmup, "warmup", 5000, "warm-up events (create, floor) or pods (lifecycle)")
	flag.IntVar(&o.clients, "clients", 1, "concurrent clients (lifecycle)")
	flag.IntVar(&o.pods, "pods", 1000, "measured pods (lifecycle), pods created (memory)")
	flag.IntVar(&o.containers, "containers", 1000, "existing containers, five per pod (sync); containers created (memory)")
	flag.BoolVar(&o.untilEOF, "until-eof", false, "floor-peer: exit when stdin closes (else run until killed)")
	flag.Parse()

	if o.kind == "floor-peer" {
		if err := servePeer(o.untilEOF); err != nil {
			fail(err)
		}
		return
	}
	result, err := run(o)
	if err != nil {
		fail(err)
	}
	result["runtime"], result["case"] = "go", o.kind
	line, _ := json.Marshal(result)
	fmt.Println(string(line))
}

func run(o options) (map[string]any, error) {
	if o.kind == "relay-create" && o.behind == "" {
		// The direct side of bin/bench's relay case: the same plugins, no relay.
		o.kind = "create"
	}
	tmpl, err := loadRequest(o.request)
	if err != nil {
		return nil, err
	}
	if o.kind == "floor" {
		return runFloor(tmpl, o.warmup, o.events)
	}
	if o.dir == "" {
		if o.dir, err = os.MkdirTemp("", "benchrunner-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(o.dir)
	}
	st := newStore()
	if o.kind == "sync" {
		fill(st, tmpl, o.containers/5, 5)
	}
	pluginDir := ""
	if o.kind == "wasm-create" {
		if pluginDir, err = installWasm(o.dir, o.wasm); err != nil {
			return nil, err
		}
	}
	h, err := startHarness(o.dir, st, pluginDir)
	if err != nil {
		return nil, err
	}
	defer h.stop()
	ps := &pluginSet{}
	defer ps.stop()
	switch o.kind {
	case "serve":
		// Start-up probe: the caller times our socket and stops us with SIGTERM.
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
		<-sigs
		return map[string]any{}, nil
	case "sync":
		return runSync(h, ps, o.adjuster, o.dir, o.plugins)
	case "wasm-create":
		if err := h.waitPlugins(1, 5*time.Minute); err != nil {
			return nil, err
		}
		return runCreate(h, tmpl, o.warmup, o.events)
	}
	if o.behind != "" && o.kind == "create" {
		if err := startBehind(h, ps, tmpl, o); err != nil {
			return nil, err
		}
		return runCreate(h, tmpl, o.warmup, o.events)
	}
	if err := ps.startAdjusters(o.adjuster, o.dir, h.socket, o.plugins); err != nil {
		return nil, err
	}
	want := o.plugins
	if o.kind == "lifecycle" {
		if err := ps.startRecorder(o.recorder, o.dir, h.socket); err != nil {
			return nil, err
		}
		want++
	}
	if err := h.waitPlugins(want, 60*time.Second); err != nil {
		return nil, err
	}
	switch o.kind {
	case "create":
		return runCreate(h, tmpl, o.warmup, o.events)
	case "lifecycle":
		return runLifecycle(h, tmpl, o.clients, o.warmup, o.pods)
	case "memory":
		return runMemory(h, tmpl, o.pods, o.containers/o.pods)
	}
	return nil, fmt.Errorf("unknown -case %q", o.kind)
}

func loadRequest(path string) (*api.CreateContainerRequest, error) {
	data := defaultRequest
	if path != "" {
		var err error
		if data, err = os.ReadFile(path); err != nil {
			return nil, err
		}
	}
	req := &api.CreateContainerRequest{}
	if err := protojson.Unmarshal(data, req); err != nil {
		return nil, fmt.Errorf("bad request %s: %w", path, err)
	}
	return req, nil
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "benchrunner: %v\n", err)
	os.Exit(1)
}
