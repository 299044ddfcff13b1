// Command oldruntime hosts containerd/nri's own runtime side (pkg/adaptation)
// of an old NRI release, for the relay differential conformance tests
// (io.nrivertx.conformance, docs/relay.md). The same source is built in
// src/test/go-old (nri v0.6.1, as in containerd 1.7.x) and, through a
// symlink, in src/test/go-v030 (nri v0.3.0, as in containerd 1.7.0): the two
// releases' adaptation API is the same for what it uses.
//
// It plays no scenario itself: the Java side (the scenario runner of
// `nri-vertx scenario`) sends each event and keeps the store. One JSON object
// per line on stdin, each answered on stdout:
//
//	{"state": B64}                 the pods and containers Synchronize lists (a
//	                               v0.12 SynchronizeRequest), before "start"
//	{"start": true}                start the adaptation      -> {"listening": SOCKET}
//	{"await": N, "timeout": "30s"} wait until N plugins registered -> {"registered": N}
//	{"id": I, "method": M, "request": B64}
//	                               send event M (its v0.12 request)
//	                               -> {"id": I, "reply": B64} or {"id": I, "error": TEXT}
//
// Updates the runtime must apply (plugins' Synchronize replies, and their own
// UpdateContainers) are reported as {"updates": B64} (an UpdateContainersRequest)
// and answered as applied. Failures of the host itself: {"fatal": TEXT}.
// End of stdin stops the adaptation and exits.
//
// Old requests for pod events and most container events are StateChange
// events; the v0.12 request bytes of every container event share the layout of
// CreateContainerRequest (pod = 1, container = 2), which is how they are read.
// Fields these versions do not know pass through as unknown fields.
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
	name := flag.String("runtime-name", "oldruntime", "runtime name sent in Configure")
	version := flag.String("runtime-version", "0.0.0", "runtime version sent in Configure")
	reqTimeout := flag.Duration("request-timeout", 2*time.Second, "plugin request timeout")
	regTimeout := flag.Duration("registration-timeout", 5*time.Second, "plugin registration timeout")
	flag.Parse()
	nri.SetPluginRequestTimeout(*reqTimeout)
	nri.SetPluginRegistrationTimeout(*regTimeout)

	h := &host{out: json.NewEncoder(os.Stdout), state: &api.SynchronizeRequest{}, syncedC: make(chan struct{}, 64)}
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
			rt, err = nri.New(*name, *version, h.sync, h.update, nri.WithSocketPath(*socket),
				nri.WithPluginPath("/nonexistent/nri-plugins"), nri.WithPluginConfigPath("/nonexistent/nri-conf"))
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

// sync is the runtime's SyncFn: the adaptation calls it under its lock for
// each plugin that registers, before adding the plugin to its list.
func (h *host) sync(ctx context.Context, cb nri.SyncCB) error {
	h.mu.Lock()
	s := h.state
	h.mu.Unlock()
	updates, err := cb(ctx, s.Pods, s.Containers)
	if err != nil {
		return err
	}
	h.report(updates)
	// Counted here, under the adaptation's lock: an event sent after the count
	// is seen waits for that lock, so the plugin is in the list by then.
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

func (h *host) event(rt *nri.Adaptation, c command) {
	req := &api.CreateContainerRequest{}
	var reply proto.Message = &api.Empty{}
	var err error
	ctx := context.Background()
	switch c.Method {
	case "UpdateContainer":
		u := &api.UpdateContainerRequest{}
		if err = decode(c.Request, u); err == nil {
			reply, err = rt.UpdateContainer(ctx, u)
		}
	case "StopContainer":
		s := &api.StopContainerRequest{}
		if err = decode(c.Request, s); err == nil {
			reply, err = rt.StopContainer(ctx, s)
		}
	case "CreateContainer":
		if err = decode(c.Request, req); err == nil {
			reply, err = rt.CreateContainer(ctx, req)
		}
	default:
		fn, ok := stateChanges(rt)[c.Method]
		if !ok {
			h.say(map[string]any{"id": c.ID, "error": "this NRI version has no " + c.Method + " event"})
			return
		}
		if err = decode(c.Request, req); err == nil {
			err = fn.call(ctx, &api.StateChangeEvent{Event: fn.event, Pod: req.Pod, Container: req.Container})
		}
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

type stateChange struct {
	event api.Event
	call  func(context.Context, *api.StateChangeEvent) error
}

func stateChanges(rt *nri.Adaptation) map[string]stateChange {
	return map[string]stateChange{
		"RunPodSandbox":       {api.Event_RUN_POD_SANDBOX, rt.RunPodSandbox},
		"StopPodSandbox":      {api.Event_STOP_POD_SANDBOX, rt.StopPodSandbox},
		"RemovePodSandbox":    {api.Event_REMOVE_POD_SANDBOX, rt.RemovePodSandbox},
		"PostCreateContainer": {api.Event_POST_CREATE_CONTAINER, rt.PostCreateContainer},
		"StartContainer":      {api.Event_START_CONTAINER, rt.StartContainer},
		"PostStartContainer":  {api.Event_POST_START_CONTAINER, rt.PostStartContainer},
		"PostUpdateContainer": {api.Event_POST_UPDATE_CONTAINER, rt.PostUpdateContainer},
		"RemoveContainer":     {api.Event_REMOVE_CONTAINER, rt.RemoveContainer},
	}
}

func decode(b64 string, m proto.Message) error {
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return err
	}
	return proto.Unmarshal(b, m)
}
