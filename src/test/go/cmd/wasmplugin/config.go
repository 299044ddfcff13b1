//go:build wasip1

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/containerd/nri/pkg/api"

	"nrivertx.test/peers/internal/answers"
	"nrivertx.test/peers/internal/peer"
)

// Settings is the plugin's drop-in configuration, the only input a WASM
// plugin gets (no arguments, no environment, no files):
//
//	{"plugin": "10-adj", "events": "CreateContainer", "answers": {...},
//	 "failOn": "RunPodSandbox", "failRequest": true, "keepConnected": false,
//	 "misbehave": {"on": "CreateContainer", "how": "loop"}}
//
// plugin names the lines it logs (the host knows, the guest does not); quiet
// logs nothing (benchmarks).
// Without answers it is a recorder (every event but validation by default);
// with them it answers as the socket adjuster does (internal/answers).
type Settings struct {
	Plugin        string          `json:"plugin"`
	Events        string          `json:"events"`
	Answers       json.RawMessage `json:"answers"`
	FailOn        string          `json:"failOn"`
	FailRequest   bool            `json:"failRequest"`
	KeepConnected bool            `json:"keepConnected"`
	Misbehave     *Misbehaviour   `json:"misbehave"`
	Quiet         bool            `json:"quiet"`
}

// Misbehaviour makes one handler break the guest: "loop" spins forever,
// "panic" panics (the Go runtime exits the module), "oom" allocates until
// memory runs out.
type Misbehaviour struct {
	On  string `json:"on"`
	How string `json:"how"`
}

const recorderEvents = "RunPodSandbox,UpdatePodSandbox,PostUpdatePodSandbox,StopPodSandbox," +
	"RemovePodSandbox,CreateContainer,PostCreateContainer,StartContainer,PostStartContainer," +
	"UpdateContainer,PostUpdateContainer,StopContainer,RemoveContainer"

type parsed struct {
	settings Settings
	answers  answers.Config // nil: recorder
	events   api.EventMask
	failOn   map[string]bool
}

func parse(text string) (*parsed, error) {
	p := &parsed{}
	if strings.TrimSpace(text) == "" {
		text = "{}"
	}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p.settings); err != nil {
		return nil, fmt.Errorf("wasmplugin: bad configuration: %w", err)
	}
	var err error
	if len(p.settings.Answers) > 0 {
		if p.answers, err = answers.ParseConfig(p.settings.Answers); err != nil {
			return nil, fmt.Errorf("wasmplugin: bad answers: %w", err)
		}
		if p.events, err = answers.Subscription(p.answers, p.settings.Events); err != nil {
			return nil, fmt.Errorf("wasmplugin: bad events: %w", err)
		}
	} else {
		list := p.settings.Events
		if strings.TrimSpace(list) == "" {
			list = recorderEvents
		}
		names, err := peer.ParseNames(list, true)
		if err == nil && len(names) == 0 {
			err = errors.New("no events")
		}
		if err != nil {
			return nil, fmt.Errorf("wasmplugin: bad events %q: %w", list, err)
		}
		p.events = peer.Mask(names)
	}
	if p.failOn, err = peer.ParseNames(p.settings.FailOn, false); err != nil {
		return nil, fmt.Errorf("wasmplugin: bad failOn: %w", err)
	}
	if m := p.settings.Misbehave; m != nil {
		switch m.How {
		case "loop", "panic", "oom":
		default:
			return nil, fmt.Errorf("wasmplugin: misbehave.how must be loop, panic or oom, not %q", m.How)
		}
	}
	return p, nil
}
