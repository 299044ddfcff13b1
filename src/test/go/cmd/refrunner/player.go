package main

import (
	"context"
	"fmt"

	nri "github.com/containerd/nri/pkg/adaptation"
	"github.com/containerd/nri/pkg/api"
	"google.golang.org/protobuf/proto"
)

// Player plays a scenario's steps against the adaptation and changes the
// store around each event exactly as nri-vertx's scenario player does
// (io.nrivertx.scenario.DomainPlayer, docs/scenario.md "What the runtime does
// around each step"). Every step sends exactly the event it names, except
// that a refused RunPodSandbox is torn down again.
type Player struct {
	rt    *Runtime
	store *Store
	clock func() int64
}

// notRun: the step names an object the store does not (or no longer) have.
type notRun struct{ msg string }

func (e notRun) Error() string { return e.msg }

// Play sends one step's event; the reply is nil for events without one.
func (p *Player) Play(step *Step) (proto.Message, error) {
	switch step.Op.Subject {
	case NewPod:
		return nil, p.runPod(step)
	case PodRef:
		pod := p.store.Pod(step.Ref)
		if pod == nil {
			return nil, notRun{fmt.Sprintf("pod %q is not in the runtime (refused or removed by an earlier step)", step.Ref)}
		}
		return nil, p.podEvent(step, pod)
	case NewContainer:
		return p.create(step)
	default:
		return p.containerEvent(step)
	}
}

func (p *Player) runPod(step *Step) error {
	pod := step.Pod
	if p.store.Pod(pod.Id) != nil {
		return notRun{fmt.Sprintf("pod %q already exists", pod.Id)}
	}
	p.store.PutPod(pod)
	ctx := context.Background()
	err := p.rt.RunPodSandbox(ctx, &nri.RunPodSandboxRequest{Pod: pod})
	if err != nil {
		// containerd tears a refused sandbox down again; the plugins hear it stop and go away.
		_ = p.rt.StopPodSandbox(ctx, &nri.StopPodSandboxRequest{Pod: pod})
		_ = p.rt.RemovePodSandbox(ctx, &nri.RemovePodSandboxRequest{Pod: pod})
		p.store.RemovePod(pod.Id)
	}
	return err
}

func (p *Player) podEvent(step *Step, pod *api.PodSandbox) error {
	ctx := context.Background()
	var err error
	switch step.Op.Name {
	case "UpdatePodSandbox":
		_, err = p.rt.UpdatePodSandbox(ctx, &nri.UpdatePodSandboxRequest{Pod: pod,
			OverheadLinuxResources: clone(step.Overhead), LinuxResources: clone(step.Resources)})
		if now := p.store.Pod(pod.Id); err == nil && now != nil {
			now = proto.Clone(now).(*api.PodSandbox)
			if now.Linux == nil {
				now.Linux = &api.LinuxPodSandbox{}
			}
			if step.Resources != nil {
				now.Linux.PodResources = step.Resources
			}
			if step.Overhead != nil {
				now.Linux.PodOverhead = step.Overhead
			}
			p.store.PutPod(now)
		}
	case "PostUpdatePodSandbox":
		err = p.rt.PostUpdatePodSandbox(ctx, &nri.PostUpdatePodSandboxRequest{Pod: pod})
	case "StopPodSandbox":
		err = p.rt.StopPodSandbox(ctx, &nri.StopPodSandboxRequest{Pod: pod})
	case "RemovePodSandbox":
		err = p.rt.RemovePodSandbox(ctx, &nri.RemovePodSandboxRequest{Pod: pod})
		p.store.RemovePod(pod.Id) // not blocking in containerd: the pod goes either way
	}
	return err
}

func (p *Player) create(step *Step) (proto.Message, error) {
	c := step.Container
	pod := p.store.Pod(c.PodSandboxId)
	if pod == nil {
		return nil, notRun{fmt.Sprintf("pod %q is not in the runtime (refused or removed by an earlier step)", c.PodSandboxId)}
	}
	if p.store.Container(c.Id) != nil {
		return nil, notRun{fmt.Sprintf("container %q already exists", c.Id)}
	}
	// The adaptation changes the request's container in place: give it a copy.
	rsp, err := p.rt.CreateContainer(context.Background(), &nri.CreateContainerRequest{Pod: pod, Container: clone(c)})
	if err != nil {
		return nil, err
	}
	p.store.Apply(rsp.Update)
	created := applyAdjustment(c, rsp.Adjust)
	created.State = api.ContainerState_CONTAINER_CREATED
	if created.CreatedAt == 0 {
		created.CreatedAt = p.clock()
	}
	p.store.PutContainer(created)
	return rsp, nil
}

func (p *Player) containerEvent(step *Step) (proto.Message, error) {
	c := p.store.Container(step.Ref)
	if c == nil {
		return nil, notRun{fmt.Sprintf("container %q is not in the runtime (its CreateContainer failed, or it was removed)", step.Ref)}
	}
	pod := p.store.Pod(c.PodSandboxId)
	if pod == nil {
		return nil, notRun{fmt.Sprintf("pod %q is not in the runtime (refused or removed by an earlier step)", c.PodSandboxId)}
	}
	ctx, id := context.Background(), c.Id
	switch step.Op.Name {
	case "PostCreateContainer":
		return nil, p.rt.PostCreateContainer(ctx, &nri.PostCreateContainerRequest{Pod: pod, Container: clone(c)})
	case "StartContainer":
		err := p.rt.StartContainer(ctx, &nri.StartContainerRequest{Pod: pod, Container: clone(c)})
		if err == nil {
			p.edit(id, func(c *api.Container) {
				c.State = api.ContainerState_CONTAINER_RUNNING
				c.StartedAt = p.clock()
			})
		}
		return nil, err
	case "PostStartContainer":
		return nil, p.rt.PostStartContainer(ctx, &nri.PostStartContainerRequest{Pod: pod, Container: clone(c)})
	case "UpdateContainer":
		return p.update(step, pod, c)
	case "PostUpdateContainer":
		return nil, p.rt.PostUpdateContainer(ctx, &nri.PostUpdateContainerRequest{Pod: pod, Container: clone(c)})
	case "StopContainer":
		// StopContainer is sent after the container stopped: the plugins see it stopped.
		c = clone(c)
		c.State = api.ContainerState_CONTAINER_STOPPED
		c.FinishedAt = p.clock()
		p.store.PutContainer(c)
		rsp, err := p.rt.StopContainer(ctx, &nri.StopContainerRequest{Pod: pod, Container: clone(c)})
		if err != nil {
			return nil, err
		}
		p.store.Apply(rsp.Update)
		return rsp, nil
	default: // RemoveContainer
		err := p.rt.RemoveContainer(ctx, &nri.RemoveContainerRequest{Pod: pod, Container: clone(c)})
		p.store.RemoveContainer(id)
		return nil, err
	}
}

func (p *Player) update(step *Step, pod *api.PodSandbox, c *api.Container) (proto.Message, error) {
	rsp, err := p.rt.UpdateContainer(context.Background(), &nri.UpdateContainerRequest{Pod: pod,
		Container: clone(c), LinuxResources: clone(step.Resources)})
	if err != nil {
		return nil, err
	}
	// The last element is the effective update of this container (nil: no
	// plugin changed it, the requested resources apply); the others go to
	// the containers they name.
	effective := step.Resources
	others := rsp.Update
	if n := len(rsp.Update); n > 0 {
		others = rsp.Update[:n-1]
		if last := rsp.Update[n-1]; last != nil && last.ContainerId == c.Id {
			effective = last.GetLinux().GetResources()
		}
	}
	p.store.Apply(others)
	if effective != nil {
		p.edit(c.Id, func(c *api.Container) {
			if c.Linux == nil {
				c.Linux = &api.LinuxContainer{}
			}
			c.Linux.Resources = overlay(c.Linux.Resources, effective)
		})
	}
	return rsp, nil
}

func (p *Player) edit(id string, change func(*api.Container)) {
	if now := p.store.Container(id); now != nil {
		now = clone(now)
		change(now)
		p.store.PutContainer(now)
	}
}

func clone[M proto.Message](m M) M {
	var zero M
	if proto.Message(m) == nil || !m.ProtoReflect().IsValid() {
		return zero
	}
	return proto.Clone(m).(M)
}
