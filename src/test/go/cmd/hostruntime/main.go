// Command hostruntime hosts containerd/nri's own runtime side
// (pkg/adaptation, v0.12.5) driven event by event from stdin: the upstream
// runtime of the relay's robustness tests and benchmark, which need to send
// single events, see each reply, and kill and restart the runtime on the same
// socket. The line protocol is oldruntime's (src/test/go-old/cmd/oldruntime):
//
//	{"state": B64}                 the pods and containers Synchronize lists (a
//	                               SynchronizeRequest); may be sent again at any time
//	{"start": true}                start the adaptation      -> {"listening": SOCKET}
//	{"await": N, "timeout": "30s"} wait until N plugins registered in all -> {"registered": N}
//	{"id": I, "method": M, "request": B64}
//	                               send event M  -> {"id": I, "reply": B64} or {"id": I, "error": TEXT}
//
// Events are handled one at a time, in order, as containerd sends them.
// Updates the runtime must apply are reported as {"updates": B64} and answered
// as applied. Failures of the host itself: {"fatal": TEXT}. End of stdin stops
// the adaptation and exits.
package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sync"
	"time"

	nri "github.com/containerd/nri/pkg/adaptation"
	"github.com/containerd/nri/pkg/api"
	"google.golang.org/protobuf/proto"
)

type command struct {
	State   string `json:"state"`
	Start   bool   `json:"start"`
	Await   int    `json:"await"`
	Timeout string `json:"timeout"`
	ID      int    `json:"id"`
	Method  string `json:"method"`
	Request string `json:"request"`
}

type host struct {
	out     *json.Encoder
	outLock sync.Mutex
	mu      sync.Mutex
	state   *api.SynchronizeRequest
	synced  int
	syncedC chan struct{}
}

func main() {
	socket := flag.String("socket", "", "NRI socket to listen on")
	name := flag.String("runtime-name", "hostruntime", "runtime name sent in Configure")
	version := flag.String("runtime-version", "0.0.0", "runtime version sent in Configure")
	reqTimeout := flag.Duration("request-timeout", 2*time.Second, "plugin request timeout")
	regTimeout := flag.Duration("registration-timeout", 5*time.Second, "plugin registration timeout")
	flag.Parse()
	nri.SetPluginRequestTimeout(*reqTimeout)
	nri.SetPluginRegistrationTimeout(*regTimeout)

	h := &host{out: json.NewEncoder(os.Stdout), state: &api.SynchronizeRequest{}, syncedC: make(chan struct{}, 1024)}
	var rt *nri.Adaptation
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(nil, 64<<20)
	for in.Scan() {
		var c command
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			h.say(map[string]any{"fatal": "bad command: " + err.Error()})
			continue
		}
		switch {
		case c.State != "":
			h.setState(c.State)
		case c.Start:
			var err error
			none := "/nonexistent/nri"
			rt, err = nri.New(*name, *version, h.sync, h.update, nri.WithSocketPath(*socket),
				nri.WithPluginPath(none), nri.WithPluginConfigPath(none))
			if err == nil {
				err = rt.Start()
			}
			if err != nil {
				h.say(map[string]any{"fatal": "cannot start the adaptation: " + err.Error()})
				continue
			}
			h.say(map[string]any{"listening": *socket})
		case c.Await > 0:
			h.await(c.Await, c.Timeout)
		case c.Method != "":
			if rt == nil {
				h.say(map[string]any{"id": c.ID, "error": "not started"})
				continue
			}
			h.event(rt, c)
		}
	}
	if rt != nil {
		rt.Stop()
	}
}

func (h *host) say(v any) {
	h.outLock.Lock()
	defer h.outLock.Unlock()
	_ = h.out.Encode(v)
}

func (h *host) setState(b64 string) {
	s := &api.SynchronizeRequest{}
	if err := decode(b64, s); err != nil {
		h.say(map[string]any{"fatal": "bad state: " + err.Error()})
		return
	}
	h.mu.Lock()
	h.state = s
	h.mu.Unlock()
}

func (h *host) sync(ctx context.Context, cb nri.SyncCB) error {
	h.mu.Lock()
	s := h.state
	h.mu.Unlock()
	updates, err := cb(ctx, s.Pods, s.Containers)
	if err != nil {
		return err
	}
	h.report(updates)
	h.syncedC <- struct{}{}
	return nil
}

func (h *host) update(_ context.Context, updates []*nri.ContainerUpdate) ([]*nri.ContainerUpdate, error) {
	h.report(updates)
	return nil, nil
}

func (h *host) report(updates []*nri.ContainerUpdate) {
	if len(updates) == 0 {
		return
	}
	b, err := proto.Marshal(&api.UpdateContainersRequest{Update: updates})
	if err != nil {
		h.say(map[string]any{"fatal": "cannot encode updates: " + err.Error()})
		return
	}
	h.say(map[string]any{"updates": base64.StdEncoding.EncodeToString(b)})
}

func (h *host) await(n int, timeout string) {
	d, err := time.ParseDuration(timeout)
	if err != nil {
		d = 30 * time.Second
	}
	deadline := time.After(d)
	for h.synced < n {
		select {
		case <-h.syncedC:
			h.synced++
		case <-deadline:
			h.say(map[string]any{"fatal": fmt.Sprintf("%d of %d plugins registered within %s", h.synced, n, d)})
			return
		}
	}
	h.say(map[string]any{"registered": h.synced})
}

// event decodes the request of M, calls the adaptation and encodes its reply.
func (h *host) event(rt *nri.Adaptation, c command) {
	ctx := context.Background()
	var reply proto.Message = &api.Empty{}
	var err error
	call := func(req proto.Message, do func() error) {
		if err = decode(c.Request, req); err == nil {
			err = do()
		}
	}
	switch c.Method {
	case "RunPodSandbox":
		r := &api.RunPodSandboxRequest{}
		call(r, func() error { return rt.RunPodSandbox(ctx, r) })
	case "UpdatePodSandbox":
		r := &api.UpdatePodSandboxRequest{}
		call(r, func() (e error) { reply, e = rt.UpdatePodSandbox(ctx, r); return })
	case "PostUpdatePodSandbox":
		r := &api.PostUpdatePodSandboxRequest{}
		call(r, func() error { return rt.PostUpdatePodSandbox(ctx, r) })
	case "StopPodSandbox":
		r := &api.StopPodSandboxRequest{}
		call(r, func() error { return rt.StopPodSandbox(ctx, r) })
	case "RemovePodSandbox":
		r := &api.RemovePodSandboxRequest{}
		call(r, func() error { return rt.RemovePodSandbox(ctx, r) })
	case "CreateContainer":
		r := &api.CreateContainerRequest{}
		call(r, func() (e error) { reply, e = rt.CreateContainer(ctx, r); return })
	case "PostCreateContainer":
		r := &api.PostCreateContainerRequest{}
		call(r, func() error { return rt.PostCreateContainer(ctx, r) })
	case "StartContainer":
		r := &api.StartContainerRequest{}
		call(r, func() error { return rt.StartContainer(ctx, r) })
	case "PostStartContainer":
		r := &api.PostStartContainerRequest{}
		call(r, func() error { return rt.PostStartContainer(ctx, r) })
	case "UpdateContainer":
		r := &api.UpdateContainerRequest{}
		call(r, func() (e error) { reply, e = rt.UpdateContainer(ctx, r); return })
	case "PostUpdateContainer":
		r := &api.PostUpdateContainerRequest{}
		call(r, func() error { return rt.PostUpdateContainer(ctx, r) })
	case "StopContainer":
		r := &api.StopContainerRequest{}
		call(r, func() (e error) { reply, e = rt.StopContainer(ctx, r); return })
	case "RemoveContainer":
		r := &api.RemoveContainerRequest{}
		call(r, func() error { return rt.RemoveContainer(ctx, r) })
	default:
		err = fmt.Errorf("unknown event %s", c.Method)
	}
	if err != nil {
		h.say(map[string]any{"id": c.ID, "error": err.Error()})
		return
	}
	b, merr := proto.Marshal(reply)
	if merr != nil {
		h.say(map[string]any{"id": c.ID, "error": "cannot encode the reply: " + merr.Error()})
		return
	}
	h.say(map[string]any{"id": c.ID, "reply": base64.StdEncoding.EncodeToString(b)})
}

func decode(b64 string, m proto.Message) error {
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return err
	}
	return proto.Unmarshal(b, m)
}
