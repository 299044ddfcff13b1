// Command adjuster is an NRI test plugin on the official Go stub that answers
// CreateContainer (and, when configured, UpdateContainer and StopContainer)
// with adjustments, updates and evictions read from a YAML or JSON file.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/containerd/nri/pkg/api"
	"github.com/containerd/nri/pkg/stub"
	"github.com/containerd/ttrpc"

	"nrivertx.test/peers/internal/answers"
	"nrivertx.test/peers/internal/peer"
)

type adjuster struct {
	cfg     answers.Config
	session *peer.Session
	log     *peer.Log
	events  api.EventMask
}

func (a *adjuster) Configure(_ context.Context, config, runtime, version string) (stub.EventMask, error) {
	a.log.Write("Configure", "config", config, "runtimeName", runtime, "runtimeVersion", version,
		"subscribe", a.events.PrettyString())
	a.session.MarkReady()
	return a.events, nil
}

func (a *adjuster) CreateContainer(ctx context.Context, pod *api.PodSandbox, ctr *api.Container) (*api.ContainerAdjustment, []*api.ContainerUpdate, error) {
	spec := a.cfg.Lookup(ctr.GetName())
	if spec == nil {
		a.log.Write("CreateContainer", "pod", pod, "container", ctr, "matched", false)
		return nil, nil, nil
	}
	update := answers.ResolveUpdates(spec.Update, ctr.GetId())
	evict := answers.ResolveEvictions(spec.Evict, ctr.GetId())
	a.log.Write("CreateContainer", "pod", pod, "container", ctr, "matched", true,
		"adjust", spec.Adjust, "update", peer.List(update), "evict", peer.List(evict), "error", spec.Error)
	if spec.Error != "" {
		return nil, nil, errors.New(spec.Error)
	}
	setEvictions(ctx, evict)
	return spec.Adjust, update, nil
}

func (a *adjuster) UpdateContainer(ctx context.Context, pod *api.PodSandbox, ctr *api.Container, res *api.LinuxResources) ([]*api.ContainerUpdate, error) {
	var reply *answers.Reply
	if spec := a.cfg.Lookup(ctr.GetName()); spec != nil {
		reply = spec.UpdateContainer
	}
	if reply == nil {
		a.log.Write("UpdateContainer", "pod", pod, "container", ctr, "linuxResources", res, "matched", false)
		return nil, nil
	}
	update := answers.ResolveUpdates(reply.Update, ctr.GetId())
	evict := answers.ResolveEvictions(reply.Evict, ctr.GetId())
	a.log.Write("UpdateContainer", "pod", pod, "container", ctr, "linuxResources", res, "matched", true,
		"update", peer.List(update), "evict", peer.List(evict), "error", reply.Error)
	if reply.Error != "" {
		return nil, errors.New(reply.Error)
	}
	setEvictions(ctx, evict)
	return update, nil
}

func (a *adjuster) StopContainer(_ context.Context, pod *api.PodSandbox, ctr *api.Container) ([]*api.ContainerUpdate, error) {
	var reply *answers.Reply
	if spec := a.cfg.Lookup(ctr.GetName()); spec != nil {
		reply = spec.StopContainer
	}
	if reply == nil {
		a.log.Write("StopContainer", "pod", pod, "container", ctr, "matched", false)
		return nil, nil
	}
	update := answers.ResolveUpdates(reply.Update, ctr.GetId())
	a.log.Write("StopContainer", "pod", pod, "container", ctr, "matched", true,
		"update", peer.List(update), "error", reply.Error)
	if reply.Error != "" {
		return nil, errors.New(reply.Error)
	}
	return update, nil
}

// ValidateContainerAdjustment answers with the verdict configured for the
// container's name. The stub turns a returned error into reject=true with the
// error text as reason, which is how a rejection is made here.
func (a *adjuster) ValidateContainerAdjustment(ctx context.Context, req *api.ValidateContainerAdjustmentRequest) error {
	var v *answers.Verdict
	if spec := a.cfg.Lookup(req.GetContainer().GetName()); spec != nil {
		v = spec.Validate
	}
	if v == nil {
		a.log.Write("ValidateContainerAdjustment", "pod", req.GetPod(), "container", req.GetContainer(),
			"request", req, "matched", false)
		return nil
	}
	a.log.Write("ValidateContainerAdjustment", "pod", req.GetPod(), "container", req.GetContainer(),
		"request", req, "matched", true, "reject", v.Reject, "reason", v.Reason, "error", v.Error)
	if v.Error != "" {
		setRequestError(ctx, v.Error)
		return nil
	}
	if v.Reject {
		return errors.New(v.Reason)
	}
	return nil
}

// The stub's handler signatures cannot return evictions, although
// CreateContainerResponse and UpdateContainerResponse carry them, nor fail a
// validation request (its errors become rejections). A ttrpc server
// interceptor hands the handler a slot in its context and applies what the
// handler put there to the response the stub built.
type replySlotKey struct{}

type replySlot struct {
	evict    []*api.ContainerEviction
	errorMsg string
}

func setEvictions(ctx context.Context, evict []*api.ContainerEviction) {
	if slot, ok := ctx.Value(replySlotKey{}).(*replySlot); ok {
		slot.evict = evict
	}
}

func setRequestError(ctx context.Context, msg string) {
	if slot, ok := ctx.Value(replySlotKey{}).(*replySlot); ok {
		slot.errorMsg = msg
	}
}

func replyInterceptor(ctx context.Context, un ttrpc.Unmarshaler, _ *ttrpc.UnaryServerInfo, m ttrpc.Method) (any, error) {
	slot := &replySlot{}
	resp, err := m(context.WithValue(ctx, replySlotKey{}, slot), un)
	if err == nil && slot.errorMsg != "" {
		return nil, errors.New(slot.errorMsg)
	}
	if err != nil || len(slot.evict) == 0 {
		return resp, err
	}
	switch r := resp.(type) {
	case *api.CreateContainerResponse:
		r.Evict = slot.evict
	case *api.UpdateContainerResponse:
		r.Evict = slot.evict
	}
	return resp, err
}

func main() {
	fs := flag.NewFlagSet(os.Args[0], flag.ExitOnError)
	name := fs.String("name", "adjuster", "plugin name (default: NRI_PLUGIN_NAME if set, else \"adjuster\")")
	idx := fs.String("idx", "10", "plugin index (default: NRI_PLUGIN_IDX if set, else \"10\")")
	socket := fs.String("socket", "", "NRI socket path (default: the stub's default, "+api.DefaultSocketPath+")")
	cfgFile := fs.String("config", "", "YAML or JSON file: container name (or \"*\") -> answer (required)")
	logFile := fs.String("log-file", "", "optional file to append one JSON line per request to")
	eventList := fs.String("events", "", "comma list of events to subscribe to, among "+
		"CreateContainer, UpdateContainer, StopContainer, ValidateContainerAdjustment "+
		"(default: CreateContainer plus those the config answers)")
	_ = fs.Parse(os.Args[1:])

	if *cfgFile == "" {
		peer.Fatalf("adjuster: -config is required")
	}
	cfg, err := answers.LoadConfig(*cfgFile)
	if err != nil {
		peer.Fatalf("adjuster: invalid -config %s: %v", *cfgFile, err)
	}
	log, err := peer.OpenLog(*logFile)
	if err != nil {
		peer.Fatalf("adjuster: cannot open -log-file: %v", err)
	}

	events, err := answers.Subscription(cfg, *eventList)
	if err != nil {
		peer.Fatalf("adjuster: bad -events %q: %v", *eventList, err)
	}

	session := &peer.Session{Log: log}
	a := &adjuster{cfg: cfg, session: session, log: log, events: events}
	opts := append(peer.IdentityOptions(fs, *name, *idx, *socket), session.OnClose(),
		stub.WithTTRPCOptions(nil, []ttrpc.ServerOpt{ttrpc.WithUnaryServerInterceptor(replyInterceptor)}))
	st, err := stub.New(a, opts...)
	if err != nil {
		fmt.Fprintf(os.Stderr, "adjuster: failed to create stub: %v\n", err)
		os.Exit(1)
	}
	log.SetPlugin(peer.Name(st))
	fmt.Fprintf(os.Stderr, "adjuster %s: %d config entries, subscribing to %s\n",
		peer.Name(st), len(cfg), events.PrettyString())

	session.Run(st)
}
