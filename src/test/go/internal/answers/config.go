// Package answers reads the adjuster test plugins' configuration: per container name, the
// adjustment, updates, evictions, errors and verdicts to answer with. The
// socket adjuster and the WASM test plugin share it.
package answers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/containerd/nri/pkg/api"
	"go.yaml.in/yaml/v3"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"nrivertx.test/peers/internal/peer"
)

// Self, used as a containerId in update or evict entries, stands for the
// container of the request (tests rarely know container IDs up front).
const Self = "@self"

// Config maps a container name, or "*" for any other container, to the
// plugin's answers for that container.
type Config map[string]*Spec

// Spec is the answer for one container. Adjust, Update, Evict and Error
// answer CreateContainer; UpdateContainer and StopContainer are optional
// answers to those requests, Validate the optional verdict on the
// container's adjustment (ValidateContainerAdjustment).
type Spec struct {
	Adjust          *api.ContainerAdjustment
	Update          []*api.ContainerUpdate
	Evict           []*api.ContainerEviction
	Error           string
	UpdateContainer *Reply
	StopContainer   *Reply
	Validate        *Verdict
}

// Verdict answers ValidateContainerAdjustment. Reject rejects with Reason
// (the runtime reports an empty one as "unknown rejection reason"); a
// non-empty Error fails the request itself instead.
type Verdict struct {
	Reject bool   `json:"reject"`
	Reason string `json:"reason"`
	Error  string `json:"error"`
}

// Reply is the answer to UpdateContainer or StopContainer.
type Reply struct {
	Update []*api.ContainerUpdate
	Evict  []*api.ContainerEviction
	Error  string
}

// The raw shapes keep NRI objects as JSON until protojson decodes them, so
// any field of the API can be written without this code knowing it.
type rawSpec struct {
	Adjust          json.RawMessage   `json:"adjust"`
	Update          []json.RawMessage `json:"update"`
	Evict           []json.RawMessage `json:"evict"`
	Error           string            `json:"error"`
	UpdateContainer *rawReply         `json:"updateContainer"`
	StopContainer   *rawReply         `json:"stopContainer"`
	Validate        *Verdict          `json:"validate"`
}

type rawReply struct {
	Update []json.RawMessage `json:"update"`
	Evict  []json.RawMessage `json:"evict"`
	Error  string            `json:"error"`
}

// LoadConfig reads a YAML or JSON config file.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseConfig(data)
}

// ParseConfig parses YAML (JSON being a subset of it) and checks every entry.
func ParseConfig(data []byte) (Config, error) {
	data, err := toJSON(data)
	if err != nil {
		return nil, err
	}

	raw := map[string]json.RawMessage{}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("config must be a map from container name to answer: %w", err)
	}
	if len(raw) == 0 {
		return nil, errors.New("config has no entries")
	}

	cfg := Config{}
	for _, key := range sortedKeys(raw) {
		if key == "" {
			return nil, errors.New("empty container name in config")
		}
		spec, err := parseSpec(raw[key])
		if err != nil {
			return nil, fmt.Errorf("entry %q: %w", key, err)
		}
		cfg[key] = spec
	}
	return cfg, nil
}

func parseSpec(data json.RawMessage) (*Spec, error) {
	var rs rawSpec
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rs); err != nil {
		return nil, err
	}

	spec := &Spec{Error: rs.Error, Validate: rs.Validate}
	if v := rs.Validate; v != nil && v.Error != "" && (v.Reject || v.Reason != "") {
		return nil, errors.New("validate: error fails the request, it cannot also reject or give a reason")
	}
	if len(rs.Adjust) > 0 && string(rs.Adjust) != "null" {
		spec.Adjust = &api.ContainerAdjustment{}
		if err := unmarshal(rs.Adjust, spec.Adjust); err != nil {
			return nil, fmt.Errorf("adjust: %w", err)
		}
	}
	var err error
	if spec.Update, err = updates("update", rs.Update); err != nil {
		return nil, err
	}
	if spec.Evict, err = evictions("evict", rs.Evict); err != nil {
		return nil, err
	}
	if spec.UpdateContainer, err = parseReply("updateContainer", rs.UpdateContainer); err != nil {
		return nil, err
	}
	if spec.StopContainer, err = parseReply("stopContainer", rs.StopContainer); err != nil {
		return nil, err
	}
	if spec.StopContainer != nil && len(spec.StopContainer.Evict) > 0 {
		// StopContainerResponse has no evict field.
		return nil, errors.New("stopContainer: evict is not part of a StopContainer reply")
	}
	return spec, nil
}

func parseReply(what string, rr *rawReply) (*Reply, error) {
	if rr == nil {
		return nil, nil
	}
	r := &Reply{Error: rr.Error}
	var err error
	if r.Update, err = updates(what+".update", rr.Update); err != nil {
		return nil, err
	}
	if r.Evict, err = evictions(what+".evict", rr.Evict); err != nil {
		return nil, err
	}
	return r, nil
}

func updates(what string, items []json.RawMessage) ([]*api.ContainerUpdate, error) {
	var out []*api.ContainerUpdate
	for i, it := range items {
		u := &api.ContainerUpdate{}
		if err := unmarshal(it, u); err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", what, i, err)
		}
		if u.ContainerId == "" {
			return nil, fmt.Errorf("%s[%d]: containerId is required (use %q for the request's container)", what, i, Self)
		}
		out = append(out, u)
	}
	return out, nil
}

func evictions(what string, items []json.RawMessage) ([]*api.ContainerEviction, error) {
	var out []*api.ContainerEviction
	for i, it := range items {
		e := &api.ContainerEviction{}
		if err := unmarshal(it, e); err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", what, i, err)
		}
		if e.ContainerId == "" {
			return nil, fmt.Errorf("%s[%d]: containerId is required (use %q for the request's container)", what, i, Self)
		}
		out = append(out, e)
	}
	return out, nil
}

// unmarshal is strict: unknown fields are errors, so typos fail at start-up
// instead of silently doing nothing.
func unmarshal(data []byte, m proto.Message) error {
	return protojson.UnmarshalOptions{DiscardUnknown: false}.Unmarshal(data, m)
}

// toJSON converts YAML to JSON. JSON input passes through unchanged so its
// numbers keep their exact text.
func toJSON(data []byte) ([]byte, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' && json.Valid(trimmed) {
		return trimmed, nil
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("invalid YAML: %w", err)
	}
	v, err := jsonable(v)
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// jsonable makes YAML's decoded tree acceptable to encoding/json, which
// cannot encode maps with non-string keys.
func jsonable(v any) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			c, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			x[k] = c
		}
		return x, nil
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			c, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			m[fmt.Sprint(k)] = c
		}
		return m, nil
	case []any:
		for i, e := range x {
			c, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			x[i] = c
		}
		return x, nil
	}
	return v, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Lookup returns the spec for a container name, falling back to "*".
func (c Config) Lookup(name string) *Spec {
	if s, ok := c[name]; ok {
		return s
	}
	return c["*"]
}

// Wants reports which optional requests the config answers.
func (c Config) Wants() (update, stop, validate bool) {
	for _, s := range c {
		update = update || s.UpdateContainer != nil
		stop = stop || s.StopContainer != nil
		validate = validate || s.Validate != nil
	}
	return update, stop, validate
}

// ResolveUpdates copies the updates, replacing Self with the given ID.
func ResolveUpdates(in []*api.ContainerUpdate, self string) []*api.ContainerUpdate {
	var out []*api.ContainerUpdate
	for _, u := range in {
		c := proto.Clone(u).(*api.ContainerUpdate)
		if strings.EqualFold(c.ContainerId, Self) {
			c.ContainerId = self
		}
		out = append(out, c)
	}
	return out
}

func ResolveEvictions(in []*api.ContainerEviction, self string) []*api.ContainerEviction {
	var out []*api.ContainerEviction
	for _, e := range in {
		c := proto.Clone(e).(*api.ContainerEviction)
		if strings.EqualFold(c.ContainerId, Self) {
			c.ContainerId = self
		}
		out = append(out, c)
	}
	return out
}

// Subscription is the -events list or, without one, CreateContainer plus the
// requests the config answers (Update, Stop, validation), so the runtime does
// not call this plugin for nothing. A config answering validation makes the
// plugin a validator.
func Subscription(cfg Config, list string) (api.EventMask, error) {
	var events api.EventMask
	if strings.TrimSpace(list) != "" {
		names, err := peer.ParseNames(list, true)
		if err != nil {
			return 0, err
		}
		for name := range names {
			if !handled[name] {
				return 0, fmt.Errorf("the adjuster does not handle %s", name)
			}
		}
		if len(names) == 0 {
			return 0, errors.New("no events")
		}
		return peer.Mask(names), nil
	}
	events.Set(api.Event_CREATE_CONTAINER)
	update, stop, validate := cfg.Wants()
	if update {
		events.Set(api.Event_UPDATE_CONTAINER)
	}
	if stop {
		events.Set(api.Event_STOP_CONTAINER)
	}
	if validate {
		events.Set(api.Event_VALIDATE_CONTAINER_ADJUSTMENT)
	}
	return events, nil
}

var handled = map[string]bool{"CreateContainer": true, "UpdateContainer": true, "StopContainer": true,
	"ValidateContainerAdjustment": true}
