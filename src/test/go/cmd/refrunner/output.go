package main

import (
	"bytes"
	"encoding/json"
	"reflect"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// Line is one step's output: a JSON object whose keys keep their order
// (step, op, ok, error, the results, expect), as nri-vertx prints them.
type Line struct {
	keys []string
	raw  map[string]json.RawMessage
}

func newLine(step *Step, ok bool, err error) *Line {
	l := &Line{raw: map[string]json.RawMessage{}}
	l.Put("step", step.Number)
	l.Put("op", step.Op.Name)
	l.Put("ok", ok)
	if err != nil {
		l.Put("error", err.Error())
	} else {
		l.Put("error", nil)
	}
	return l
}

// Put adds a key with a value encoded by encoding/json.
func (l *Line) Put(key string, v any) {
	l.PutRaw(key, encode(v))
}

// PutRaw adds a key with already encoded JSON.
func (l *Line) PutRaw(key string, raw json.RawMessage) {
	if _, seen := l.raw[key]; !seen {
		l.keys = append(l.keys, key)
	}
	l.raw[key] = raw
}

// Value decodes one key for comparisons (numbers as json.Number).
func (l *Line) Value(key string) (any, bool) {
	raw, ok := l.raw[key]
	if !ok {
		return nil, false
	}
	return decodeGeneric(raw), true
}

func (l *Line) String() string {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range l.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(encode(k))
		b.WriteByte(':')
		b.Write(l.raw[k])
	}
	b.WriteByte('}')
	return b.String()
}

// results adds the reply's results the operation reports, as canonical proto3
// JSON: lowerCamelCase names, defaults left out, 64-bit integers as strings.
func (l *Line) results(op *Op, reply proto.Message) {
	for _, key := range op.Results {
		fd := reply.ProtoReflect().Descriptor().Fields().ByJSONName(key)
		v := reply.ProtoReflect().Get(fd)
		if !fd.IsList() {
			l.PutRaw(key, message(v.Message().Interface()))
			continue
		}
		var b bytes.Buffer
		b.WriteByte('[')
		n := 0
		for i := 0; i < v.List().Len(); i++ {
			m := v.List().Get(i).Message().Interface()
			if isNil(m) {
				// The adaptation's UpdateContainer reply ends with a nil when no
				// plugin updated that container. Protobuf cannot encode a nil
				// list element, so a reply that travels (as nri-vertx's does)
				// has no element there: print it the same way.
				continue
			}
			if n > 0 {
				b.WriteByte(',')
			}
			b.Write(message(m))
			n++
		}
		b.WriteByte(']')
		l.PutRaw(key, b.Bytes())
	}
}

// message prints one message (null for a nil one).
func message(m proto.Message) json.RawMessage {
	if isNil(m) {
		return json.RawMessage("null")
	}
	raw, err := protojson.Marshal(m)
	if err != nil {
		return encode("protojson error: " + err.Error())
	}
	var c bytes.Buffer
	if err := json.Compact(&c, raw); err != nil {
		return encode("compact error: " + err.Error())
	}
	return c.Bytes()
}

func isNil(m proto.Message) bool {
	if m == nil {
		return true
	}
	v := reflect.ValueOf(m)
	return v.Kind() == reflect.Pointer && v.IsNil() || !m.ProtoReflect().IsValid()
}

func encode(v any) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return json.RawMessage(`"unencodable"`)
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

func decodeGeneric(raw []byte) any {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil
	}
	return v
}
