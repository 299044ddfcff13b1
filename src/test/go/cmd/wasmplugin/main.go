//go:build wasip1

// Command wasmplugin is the project's WebAssembly NRI test plugin, written on
// containerd/nri's WASM plugin API (api.RegisterPlugin, the exports of
// pkg/api/api_plugin.pb.go). Build it with
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared
//
// Its drop-in configuration (Settings) makes it a recorder or an adjuster;
// every request it gets is logged through the host's env.log as one JSON line
// in the format of the socket plugins (README.md).
package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/containerd/nri/pkg/api"

	"nrivertx.test/peers/internal/answers"
	"nrivertx.test/peers/internal/peer"
)

type plugin struct {
	cfg *parsed
	log *peer.Log
}

func main() {}

func init() {
	api.RegisterPlugin(&plugin{})
}

// hostLog hands a line to the host. The Go adaptation prints the message as
// a format string, so '%' is written as its JSON escape.
func hostLog(line []byte) {
	msg := strings.ReplaceAll(string(line), "%", `\u0025`)
	_, _ = api.NewHostFunctions().Log(context.Background(), &api.LogRequest{Msg: msg, Level: api.LogRequest_LEVEL_INFO})
}

// handle logs the request, then misbehaves or fails when configured to.
func (p *plugin) handle(event string, kv ...any) error {
	p.log.Write(event, kv...)
	if m := p.cfg.settings.Misbehave; m != nil && strings.EqualFold(m.On, event) {
		misbehave(m.How)
	}
	if p.cfg.failOn[event] {
		return fmt.Errorf("wasmplugin: injected failure in %s", event)
	}
	return nil
}

var sink [][]byte

func misbehave(how string) {
	switch how {
	case "loop":
		for n := 0; ; n++ {
			if n < 0 {
				return
			}
		}
	case "panic":
		panic("wasmplugin: misbehaving as configured")
	case "oom":
		for {
			sink = append(sink, make([]byte, 16<<20))
		}
	}
}

func (p *plugin) Configure(_ context.Context, req *api.ConfigureRequest) (*api.ConfigureResponse, error) {
	cfg, err := parse(req.GetConfig())
	if err != nil {
		return nil, err
	}
	p.cfg = cfg
	p.log = nil // a nil log discards
	if !cfg.settings.Quiet {
		p.log = peer.SinkLog(hostLog)
		p.log.SetPlugin(cfg.settings.Plugin)
	}
	if err := p.handle("Configure", "config", req.GetConfig(), "runtimeName", req.GetRuntimeName(),
		"runtimeVersion", req.GetRuntimeVersion(), "nriVersion", req.GetNRIVersion(),
		"registrationTimeout", req.GetRegistrationTimeout(), "requestTimeout", req.GetRequestTimeout(),
		"subscribe", cfg.events.PrettyString()); err != nil {
		return nil, err
	}
	rsp := &api.ConfigureResponse{Events: int32(cfg.events)}
	if cfg.settings.FailRequest || cfg.settings.KeepConnected {
		rsp.FailurePolicy = &api.FailurePolicy{FailRequest: cfg.settings.FailRequest,
			KeepConnected: cfg.settings.KeepConnected}
	}
	return rsp, nil
}

// Synchronize answers each message of a split synchronization with the
// same More flag, as the runtime requires.
func (p *plugin) Synchronize(_ context.Context, req *api.SynchronizeRequest) (*api.SynchronizeResponse, error) {
	err := p.handle("Synchronize", "pods", peer.List(req.GetPods()), "containers", peer.List(req.GetContainers()))
	return &api.SynchronizeResponse{More: req.GetMore()}, err
}

func (p *plugin) Shutdown(context.Context, *api.Empty) (*api.Empty, error) {
	return &api.Empty{}, p.handle("Shutdown")
}

func (p *plugin) RunPodSandbox(_ context.Context, req *api.RunPodSandboxRequest) (*api.RunPodSandboxResponse, error) {
	return &api.RunPodSandboxResponse{}, p.handle("RunPodSandbox", "pod", req.GetPod())
}

func (p *plugin) UpdatePodSandbox(_ context.Context, req *api.UpdatePodSandboxRequest) (*api.UpdatePodSandboxResponse, error) {
	return &api.UpdatePodSandboxResponse{}, p.handle("UpdatePodSandbox", "pod", req.GetPod(),
		"overheadLinuxResources", req.GetOverheadLinuxResources(), "linuxResources", req.GetLinuxResources())
}

func (p *plugin) PostUpdatePodSandbox(_ context.Context, req *api.PostUpdatePodSandboxRequest) (*api.PostUpdatePodSandboxResponse, error) {
	return &api.PostUpdatePodSandboxResponse{}, p.handle("PostUpdatePodSandbox", "pod", req.GetPod())
}

func (p *plugin) StopPodSandbox(_ context.Context, req *api.StopPodSandboxRequest) (*api.StopPodSandboxResponse, error) {
	return &api.StopPodSandboxResponse{}, p.handle("StopPodSandbox", "pod", req.GetPod())
}

func (p *plugin) RemovePodSandbox(_ context.Context, req *api.RemovePodSandboxRequest) (*api.RemovePodSandboxResponse, error) {
	return &api.RemovePodSandboxResponse{}, p.handle("RemovePodSandbox", "pod", req.GetPod())
}

func (p *plugin) CreateContainer(_ context.Context, req *api.CreateContainerRequest) (*api.CreateContainerResponse, error) {
	pod, ctr := req.GetPod(), req.GetContainer()
	spec := p.cfg.answers.Lookup(ctr.GetName())
	if p.cfg.answers == nil || spec == nil {
		kv := []any{"pod", pod, "container", ctr}
		if p.cfg.answers != nil {
			kv = append(kv, "matched", false)
		}
		return &api.CreateContainerResponse{}, p.handle("CreateContainer", kv...)
	}
	update := answers.ResolveUpdates(spec.Update, ctr.GetId())
	evict := answers.ResolveEvictions(spec.Evict, ctr.GetId())
	if err := p.handle("CreateContainer", "pod", pod, "container", ctr, "matched", true, "adjust", spec.Adjust,
		"update", peer.List(update), "evict", peer.List(evict), "error", spec.Error); err != nil {
		return nil, err
	}
	if spec.Error != "" {
		return nil, errors.New(spec.Error)
	}
	return &api.CreateContainerResponse{Adjust: spec.Adjust, Update: update, Evict: evict}, nil
}

func (p *plugin) PostCreateContainer(_ context.Context, req *api.PostCreateContainerRequest) (*api.PostCreateContainerResponse, error) {
	return &api.PostCreateContainerResponse{}, p.handle("PostCreateContainer", "pod", req.GetPod(), "container", req.GetContainer())
}

func (p *plugin) StartContainer(_ context.Context, req *api.StartContainerRequest) (*api.StartContainerResponse, error) {
	return &api.StartContainerResponse{}, p.handle("StartContainer", "pod", req.GetPod(), "container", req.GetContainer())
}

func (p *plugin) PostStartContainer(_ context.Context, req *api.PostStartContainerRequest) (*api.PostStartContainerResponse, error) {
	return &api.PostStartContainerResponse{}, p.handle("PostStartContainer", "pod", req.GetPod(), "container", req.GetContainer())
}

// reply is the configured answer to UpdateContainer or StopContainer.
func (p *plugin) reply(event string, req interface {
	GetPod() *api.PodSandbox
	GetContainer() *api.Container
}, pick func(*answers.Spec) *answers.Reply, extra ...any) (*answers.Reply, []*api.ContainerUpdate, []*api.ContainerEviction, error) {
	pod, ctr := req.GetPod(), req.GetContainer()
	var r *answers.Reply
	if spec := p.cfg.answers.Lookup(ctr.GetName()); spec != nil {
		r = pick(spec)
	}
	kv := append([]any{"pod", pod, "container", ctr}, extra...)
	if r == nil {
		if p.cfg.answers != nil {
			kv = append(kv, "matched", false)
		}
		return nil, nil, nil, p.handle(event, kv...)
	}
	update := answers.ResolveUpdates(r.Update, ctr.GetId())
	evict := answers.ResolveEvictions(r.Evict, ctr.GetId())
	kv = append(kv, "matched", true, "update", peer.List(update))
	if event != "StopContainer" {
		kv = append(kv, "evict", peer.List(evict))
	}
	if err := p.handle(event, append(kv, "error", r.Error)...); err != nil {
		return nil, nil, nil, err
	}
	if r.Error != "" {
		return nil, nil, nil, errors.New(r.Error)
	}
	return r, update, evict, nil
}

func (p *plugin) UpdateContainer(_ context.Context, req *api.UpdateContainerRequest) (*api.UpdateContainerResponse, error) {
	_, update, evict, err := p.reply("UpdateContainer", req, func(s *answers.Spec) *answers.Reply { return s.UpdateContainer },
		"linuxResources", req.GetLinuxResources())
	if err != nil {
		return nil, err
	}
	return &api.UpdateContainerResponse{Update: update, Evict: evict}, nil
}

func (p *plugin) PostUpdateContainer(_ context.Context, req *api.PostUpdateContainerRequest) (*api.PostUpdateContainerResponse, error) {
	return &api.PostUpdateContainerResponse{}, p.handle("PostUpdateContainer", "pod", req.GetPod(), "container", req.GetContainer())
}

func (p *plugin) StopContainer(_ context.Context, req *api.StopContainerRequest) (*api.StopContainerResponse, error) {
	_, update, _, err := p.reply("StopContainer", req, func(s *answers.Spec) *answers.Reply { return s.StopContainer })
	if err != nil {
		return nil, err
	}
	return &api.StopContainerResponse{Update: update}, nil
}

func (p *plugin) RemoveContainer(_ context.Context, req *api.RemoveContainerRequest) (*api.RemoveContainerResponse, error) {
	return &api.RemoveContainerResponse{}, p.handle("RemoveContainer", "pod", req.GetPod(), "container", req.GetContainer())
}

// StateChange is the pre-v0.12 catch-all; nothing sends it to a WASM plugin.
func (p *plugin) StateChange(_ context.Context, req *api.StateChangeEvent) (*api.Empty, error) {
	return &api.Empty{}, p.handle("StateChange", "pod", req.GetPod(), "container", req.GetContainer())
}

// ValidateContainerAdjustment answers with the verdict configured for the
// container: a WASM plugin returns it itself (no stub turns errors into
// rejections), and an error fails the request.
func (p *plugin) ValidateContainerAdjustment(_ context.Context, req *api.ValidateContainerAdjustmentRequest) (*api.ValidateContainerAdjustmentResponse, error) {
	var v *answers.Verdict
	if spec := p.cfg.answers.Lookup(req.GetContainer().GetName()); spec != nil {
		v = spec.Validate
	}
	kv := []any{"pod", req.GetPod(), "container", req.GetContainer(), "request", req}
	if v == nil {
		if p.cfg.answers != nil {
			kv = append(kv, "matched", false)
		}
		return &api.ValidateContainerAdjustmentResponse{}, p.handle("ValidateContainerAdjustment", kv...)
	}
	if err := p.handle("ValidateContainerAdjustment", append(kv, "matched", true, "reject", v.Reject,
		"reason", v.Reason, "error", v.Error)...); err != nil {
		return nil, err
	}
	if v.Error != "" {
		return nil, errors.New(v.Error)
	}
	return &api.ValidateContainerAdjustmentResponse{Reject: v.Reject, Reason: v.Reason}, nil
}
