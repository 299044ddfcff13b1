package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/containerd/nri/pkg/api"
	"go.yaml.in/yaml/v3"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// Scenario is a parsed scenario file (docs/scenario.md), the format nri-vertx's
// `scenario` command reads. NRI objects are proto3 JSON written as YAML.
type Scenario struct {
	Name        string
	Plugins     []string
	WaitTimeout time.Duration
	Pods        []*api.PodSandbox
	Containers  []*api.Container
	Steps       []*Step
}

// Step is one event to play. Exactly one of Pod (RunPodSandbox), Container
// (CreateContainer) and Ref (an existing pod or container id) is set.
type Step struct {
	Number    int
	Op        *Op
	Pod       *api.PodSandbox
	Container *api.Container
	Ref       string
	Resources *api.LinuxResources
	Overhead  *api.LinuxResources
	Expect    *Expect
}

// Expect is what a step must produce; Results holds the expected adjust,
// update and evict as generic JSON, matched as subsets.
type Expect struct {
	OK      bool
	Error   *string
	Results map[string]any
	Order   []string
}

var topKeys = []string{"name", "plugins", "waitTimeout", "pods", "containers", "steps"}

// LoadScenario reads and checks a scenario file.
func LoadScenario(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := ParseScenario(data)
	if err != nil {
		return nil, fmt.Errorf("bad scenario %s: %w", path, err)
	}
	return s, nil
}

// ParseScenario reads a scenario from YAML (or JSON) text.
func ParseScenario(data []byte) (*Scenario, error) {
	var tree any
	if err := yaml.Unmarshal(data, &tree); err != nil {
		return nil, err
	}
	top, ok := jsonable(tree).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("expected a mapping with at least steps:")
	}
	if err := allowOnly(top, "", topKeys); err != nil {
		return nil, err
	}
	if _, ok := top["steps"]; !ok {
		return nil, fmt.Errorf("steps: missing")
	}
	s := &Scenario{WaitTimeout: 10 * time.Second}
	s.Name, _ = top["name"].(string)
	for i, p := range list(top["plugins"]) {
		name, ok := p.(string)
		if !ok {
			return nil, fmt.Errorf("plugins[%d]: expected a string", i)
		}
		s.Plugins = append(s.Plugins, name)
	}
	if w, ok := top["waitTimeout"]; ok {
		d, err := time.ParseDuration(fmt.Sprint(w))
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("waitTimeout: expected a positive Go duration, got %v", w)
		}
		s.WaitTimeout = d
	}
	ids := &known{pods: map[string]bool{}, containers: map[string]bool{}}
	for i, raw := range list(top["pods"]) {
		pod := &api.PodSandbox{}
		if err := decode(raw, pod); err != nil || pod.Id == "" {
			return nil, fmt.Errorf("pods[%d]: %v", i, orMissing(err, "id"))
		}
		ids.pods[pod.Id] = true
		s.Pods = append(s.Pods, pod)
	}
	for i, raw := range list(top["containers"]) {
		c := &api.Container{}
		if err := decode(raw, c); err != nil || c.Id == "" || !ids.pods[c.PodSandboxId] {
			return nil, fmt.Errorf("containers[%d]: %v", i, orMissing(err, "id or a known podSandboxId"))
		}
		// A seeded container runs unless the file says otherwise.
		if _, given := raw.(map[string]any)["state"]; !given {
			c.State = api.ContainerState_CONTAINER_RUNNING
		}
		ids.containers[c.Id] = true
		s.Containers = append(s.Containers, c)
	}
	for i, raw := range list(top["steps"]) {
		step, err := ids.step(raw, i+1)
		if err != nil {
			return nil, fmt.Errorf("steps[%d]: %w", i, err)
		}
		s.Steps = append(s.Steps, step)
	}
	return s, nil
}

type known struct{ pods, containers map[string]bool }

func (k *known) step(raw any, number int) (*Step, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("expected a mapping")
	}
	name, _ := m["op"].(string)
	op := opByName(name)
	if op == nil {
		return nil, fmt.Errorf("op: unknown operation %q", name)
	}
	allowed := append([]string{"op", op.SubjectKey(), "expect"}, op.ResourceKeys...)
	if err := allowOnly(m, "", allowed); err != nil {
		return nil, err
	}
	step := &Step{Number: number, Op: op}
	subject, ok := m[op.SubjectKey()]
	if !ok {
		return nil, fmt.Errorf("%s: missing", op.SubjectKey())
	}
	var err error
	switch op.Subject {
	case NewPod:
		step.Pod = &api.PodSandbox{}
		if err = decode(subject, step.Pod); err == nil {
			k.pods[step.Pod.Id] = true
		}
	case NewContainer:
		step.Container = &api.Container{}
		if err = decode(subject, step.Container); err == nil && !k.pods[step.Container.PodSandboxId] {
			err = fmt.Errorf("unknown pod %q", step.Container.PodSandboxId)
		}
		if err == nil {
			k.containers[step.Container.Id] = true
		}
	case PodRef, ContainerRef:
		ref, isString := subject.(string)
		seen := k.pods
		if op.Subject == ContainerRef {
			seen = k.containers
		}
		if !isString || !seen[ref] {
			err = fmt.Errorf("%s: unknown id %v", op.SubjectKey(), subject)
		}
		step.Ref = ref
	}
	if err != nil {
		return nil, err
	}
	if step.Resources, err = resources(m, "linuxResources"); err != nil {
		return nil, err
	}
	if step.Overhead, err = resources(m, "overheadLinuxResources"); err != nil {
		return nil, err
	}
	if e, ok := m["expect"]; ok {
		if step.Expect, err = parseExpect(e, op); err != nil {
			return nil, fmt.Errorf("expect: %w", err)
		}
	}
	return step, nil
}

func resources(m map[string]any, key string) (*api.LinuxResources, error) {
	raw, ok := m[key]
	if !ok {
		return nil, nil
	}
	r := &api.LinuxResources{}
	if err := decode(raw, r); err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	return r, nil
}

func parseExpect(raw any, op *Op) (*Expect, error) {
	m, ok := raw.(map[string]any)
	if !ok || len(m) == 0 {
		return nil, fmt.Errorf("expected a non-empty mapping")
	}
	if err := allowOnly(m, "", []string{"ok", "error", "adjust", "update", "evict"}); err != nil {
		return nil, err
	}
	e := &Expect{Results: map[string]any{}}
	if s, ok := m["error"].(string); ok {
		e.Error = &s
	}
	e.OK = e.Error == nil
	if b, ok := m["ok"].(bool); ok {
		e.OK = b
	}
	for _, key := range resultKeys {
		if v, ok := m[key]; ok {
			if !op.HasResult(key) {
				return nil, fmt.Errorf("%s replies carry no %s", op.Name, key)
			}
			e.Results[key] = v
			e.Order = append(e.Order, key)
		}
	}
	return e, nil
}

// decode reads generic JSON into an NRI message through protojson.
func decode(raw any, m proto.Message) error {
	data, err := json.Marshal(raw)
	if err != nil {
		return err
	}
	return protojson.Unmarshal(data, m)
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func allowOnly(m map[string]any, path string, keys []string) error {
	var unknown []string
	for k := range m {
		found := false
		for _, a := range keys {
			found = found || a == k
		}
		if !found {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("%sunknown key(s) %s (expected one of %s)", path, strings.Join(unknown, ", "),
			strings.Join(keys, ", "))
	}
	return nil
}

func orMissing(err error, what string) error {
	if err != nil {
		return err
	}
	return fmt.Errorf("missing or wrong %s", what)
}

// jsonable turns yaml.v3's decoded tree into one encoding/json can marshal.
func jsonable(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = jsonable(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = jsonable(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = jsonable(e)
		}
		return x
	}
	return v
}
