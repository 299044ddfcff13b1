package main

// Subject is what a step names: a new object written out in full, or an
// existing one's id.
type Subject int

const (
	NewPod Subject = iota
	PodRef
	NewContainer
	ContainerRef
)

// Op is one scenario operation: a lifecycle event of NRI's Plugin service.
type Op struct {
	Name         string
	Subject      Subject
	ResourceKeys []string
	// Results are the reply fields a line reports, in output order.
	Results []string
}

var resultKeys = []string{"adjust", "update", "evict"}

var ops = []*Op{
	{Name: "RunPodSandbox", Subject: NewPod},
	{Name: "UpdatePodSandbox", Subject: PodRef, ResourceKeys: []string{"linuxResources", "overheadLinuxResources"}},
	{Name: "PostUpdatePodSandbox", Subject: PodRef},
	{Name: "StopPodSandbox", Subject: PodRef},
	{Name: "RemovePodSandbox", Subject: PodRef},
	{Name: "CreateContainer", Subject: NewContainer, Results: []string{"adjust", "update", "evict"}},
	{Name: "PostCreateContainer", Subject: ContainerRef},
	{Name: "StartContainer", Subject: ContainerRef},
	{Name: "PostStartContainer", Subject: ContainerRef},
	{Name: "UpdateContainer", Subject: ContainerRef, ResourceKeys: []string{"linuxResources"}, Results: []string{"update", "evict"}},
	{Name: "PostUpdateContainer", Subject: ContainerRef},
	{Name: "StopContainer", Subject: ContainerRef, Results: []string{"update"}},
	{Name: "RemoveContainer", Subject: ContainerRef},
}

func opByName(name string) *Op {
	for _, op := range ops {
		if op.Name == name {
			return op
		}
	}
	return nil
}

// SubjectKey is the step key holding the subject.
func (o *Op) SubjectKey() string {
	if o.Subject == NewPod || o.Subject == PodRef {
		return "pod"
	}
	return "container"
}

// HasResult tells whether the reply of this operation carries key.
func (o *Op) HasResult(key string) bool {
	for _, r := range o.Results {
		if r == key {
			return true
		}
	}
	return false
}
