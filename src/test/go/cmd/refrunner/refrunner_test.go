package main

import (
	"strings"
	"testing"

	"github.com/containerd/nri/pkg/api"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

func TestScenarioParsing(t *testing.T) {
	s, err := ParseScenario([]byte(`
name: t
plugins: [10-adjuster]
waitTimeout: 1500ms
pods: [{id: pod0, name: web}]
containers: [{id: ctr0, podSandboxId: pod0, name: app}, {id: ctr1, podSandboxId: pod0, state: CONTAINER_STOPPED}]
steps:
  - op: CreateContainer
    container: {id: c1, podSandboxId: pod0, name: db}
    expect: {adjust: {annotations: {a: "1"}}}
  - op: UpdateContainer
    container: c1
    linuxResources: {cpu: {shares: {value: "512"}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	if s.WaitTimeout.Milliseconds() != 1500 || len(s.Steps) != 2 || s.Plugins[0] != "10-adjuster" {
		t.Fatalf("parsed %+v", s)
	}
	if s.Containers[0].State != api.ContainerState_CONTAINER_RUNNING || s.Containers[1].State != api.ContainerState_CONTAINER_STOPPED {
		t.Errorf("seeded states %v %v", s.Containers[0].State, s.Containers[1].State)
	}
	if s.Steps[1].Resources.GetCpu().GetShares().GetValue() != 512 {
		t.Errorf("resources %v", s.Steps[1].Resources)
	}
	for _, bad := range []string{"steps: [{op: Nope, pod: p}]", "pods: []", "steps: [{op: StartContainer, container: ghost}]",
		"steps: []\nextra: 1"} {
		if _, err := ParseScenario([]byte(bad)); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestExpectMessagesAreNriVertxs(t *testing.T) {
	op := opByName("CreateContainer")
	line := newLine(&Step{Number: 2, Op: op}, true, nil)
	line.PutRaw("adjust", []byte(`{"annotations":{"owner":"other"},"linux":{"resources":{"memory":{"limit":{"value":"5"}}}}}`))
	for _, c := range []struct{ expect, want string }{
		{`{adjust: {annotations: {owner: other}}}`, ""},
		{`{adjust: {linux: {resources: {memory: {limit: {value: 5}}}}}}`, ""},
		{`{adjust: {annotations: {owner: adjuster}}}`, `adjust.annotations.owner: expected "adjuster", got "other"`},
		{`{adjust: {env: []}}`, ""},
		{`{adjust: {args: [x]}}`, `adjust.args: missing (expected ["x"])`},
		{`{ok: false}`, "ok: expected false, got true"},
	} {
		s, err := ParseScenario([]byte("pods: [{id: p}]\nsteps: [{op: CreateContainer, container: {id: c, podSandboxId: p}, expect: " + c.expect + "}]"))
		if err != nil {
			t.Fatalf("%s: %v", c.expect, err)
		}
		if got := s.Steps[0].Expect.Check(line); got != c.want {
			t.Errorf("%s: got %q, want %q", c.expect, got, c.want)
		}
	}
}

func TestAdjustmentEditsOfTheStore(t *testing.T) {
	c := &api.Container{}
	mustJSON(t, `{"id":"c","env":["A=1","B=2"],"annotations":{"keep":"1","drop":"2"},
		"mounts":[{"destination":"/a"}],"args":["x"],"linux":{"netDevices":{"eth1":{"name":"old"}}}}`, c)
	adj := &api.ContainerAdjustment{}
	mustJSON(t, `{"annotations":{"-drop":"","new":"3"},"env":[{"key":"B","value":"20"},{"key":"-A"},{"key":"C","value":"3"}],
		"mounts":[{"destination":"-/a"},{"destination":"/b"}],"args":["","y"],
		"linux":{"netDevices":{"eth1":{"name":"new"},"-eth1":{}},"resources":{"memory":{"limit":{"value":"7"}}}}}`, adj)
	got := applyAdjustment(c, adj)
	if strings.Join(got.Env, ",") != "B=20,C=3" || got.Annotations["drop"] != "" || got.Annotations["new"] != "3" {
		t.Errorf("env/annotations: %v %v", got.Env, got.Annotations)
	}
	if len(got.Mounts) != 1 || got.Mounts[0].Destination != "/b" || strings.Join(got.Args, ",") != "y" {
		t.Errorf("mounts/args: %v %v", got.Mounts, got.Args)
	}
	if got.Linux.NetDevices["eth1"].GetName() != "new" || got.Linux.Resources.Memory.Limit.GetValue() != 7 {
		t.Errorf("linux: %v", got.Linux)
	}
}

func mustJSON(t *testing.T, text string, m proto.Message) {
	t.Helper()
	if err := protojson.Unmarshal([]byte(text), m); err != nil {
		t.Fatal(err)
	}
}
