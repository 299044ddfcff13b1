package answers

import (
	"strings"
	"testing"
)

const sampleYAML = `
ctr0:
  adjust:
    annotations:
      added: "yes"
      -removed: ""
    env:
      - key: FOO
        value: "bar"
      - key: -DROP
    mounts:
      - destination: /data
        source: /host/data
        type: bind
        options: [rbind, ro]
    linux:
      resources:
        memory:
          limit: {value: 1073741824}
        cpu:
          shares: {value: 512}
  update:
    - containerId: other
      linux:
        resources:
          cpu: {quota: {value: 5000}}
  evict:
    - containerId: "@self"
      reason: testing
  updateContainer:
    update:
      - containerId: "@self"
        ignoreFailure: true
"*":
  error: rejected by test
  stopContainer: {}
`

func TestParseYAML(t *testing.T) {
	cfg, err := ParseConfig([]byte(sampleYAML))
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Lookup("ctr0")
	if got := s.Adjust.GetAnnotations()["-removed"]; got != "" || len(s.Adjust.GetAnnotations()) != 2 {
		t.Errorf("annotations: %v", s.Adjust.GetAnnotations())
	}
	if env := s.Adjust.GetEnv(); len(env) != 2 || env[1].Key != "-DROP" {
		t.Errorf("env: %v", env)
	}
	if v := s.Adjust.GetLinux().GetResources().GetMemory().GetLimit().GetValue(); v != 1<<30 {
		t.Errorf("memory limit %d", v)
	}
	if m := s.Adjust.GetMounts(); len(m) != 1 || m[0].Options[1] != "ro" {
		t.Errorf("mounts: %v", m)
	}
	if q := s.Update[0].GetLinux().GetResources().GetCpu().GetQuota().GetValue(); q != 5000 {
		t.Errorf("quota %d", q)
	}
	if ev := ResolveEvictions(s.Evict, "id0"); ev[0].ContainerId != "id0" || s.Evict[0].ContainerId != Self {
		t.Errorf("self not resolved on a copy: %v / %v", ev, s.Evict)
	}
	if up := ResolveUpdates(s.UpdateContainer.Update, "id0"); up[0].ContainerId != "id0" || !up[0].IgnoreFailure {
		t.Errorf("updateContainer: %v", up)
	}
	if other := cfg.Lookup("whatever"); other == nil || other.Error != "rejected by test" {
		t.Errorf("wildcard: %+v", other)
	}
	if u, st, _ := cfg.Wants(); !u || !st {
		t.Errorf("wants update=%v stop=%v", u, st)
	}
}

func TestParseJSON(t *testing.T) {
	cfg, err := ParseConfig([]byte(`{"c": {"adjust": {"args": ["sh", "-c", "true"]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if a := cfg.Lookup("c").Adjust.GetArgs(); len(a) != 3 {
		t.Errorf("args %v", a)
	}
	if cfg.Lookup("nope") != nil {
		t.Error("no wildcard, expected nil")
	}
}

func TestRejectsBadInput(t *testing.T) {
	for name, in := range map[string]string{
		"empty":             ``,
		"not a map":         `[1, 2]`,
		"unknown spec key":  `{"c": {"adjsut": {}}}`,
		"unknown api field": `{"c": {"adjust": {"annotationz": {}}}}`,
		"wrong type":        "c:\n  adjust:\n    env: [{key: A, value: 1}]\n",
		"update without id": `{"c": {"update": [{"linux": {}}]}}`,
		"evict on stop":     `{"c": {"stopContainer": {"evict": [{"containerId": "x"}]}}}`,
		"bad yaml":          "c: [",
	} {
		if _, err := ParseConfig([]byte(in)); err == nil {
			t.Errorf("%s: accepted %q", name, in)
		} else if strings.TrimSpace(err.Error()) == "" {
			t.Errorf("%s: empty error", name)
		}
	}
}

func TestValidateVerdicts(t *testing.T) {
	cfg, err := ParseConfig([]byte(`
app: {validate: {reject: true, reason: "no"}}
db: {validate: {error: "broken"}}
"*": {adjust: {annotations: {a: "1"}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	if v := cfg.Lookup("app").Validate; v == nil || !v.Reject || v.Reason != "no" {
		t.Errorf("app verdict %+v", v)
	}
	if _, _, validate := cfg.Wants(); !validate {
		t.Error("a config with verdicts must make the adjuster a validator")
	}
	events, err := Subscription(cfg, "")
	if err != nil || events.PrettyString() != "CreateContainer,ValidateContainerAdjustment" {
		t.Errorf("default subscription %s (%v)", events.PrettyString(), err)
	}
	if events, err = Subscription(cfg, "validatecontaineradjustment"); err != nil || events.PrettyString() != "ValidateContainerAdjustment" {
		t.Errorf("-events subscription %s (%v)", events.PrettyString(), err)
	}
	if _, err = Subscription(cfg, "RunPodSandbox"); err == nil {
		t.Error("an event the adjuster has no handler for was accepted")
	}
	for _, bad := range []string{`x: {validate: {error: "e", reject: true}}`, `x: {validate: {rejected: true}}`} {
		if _, err := ParseConfig([]byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}
