package main

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strings"
)

// Check evaluates an expectation against a step's line with the rules and
// messages of nri-vertx's scenario runner (ScenarioFile.Expect, JsonSubset):
// objects match as subsets, lists element by element with equal length,
// numbers by value (also against the decimal strings of 64-bit integers), and
// an expected default matches an absent field. It returns "" when it holds.
func (e *Expect) Check(l *Line) string {
	okV, _ := l.Value("ok")
	actualOk, _ := okV.(bool)
	errV, _ := l.Value("error")
	actualError, hasError := errV.(string)
	shownError := "null"
	if hasError {
		shownError = actualError
	}
	if actualOk != e.OK {
		msg := fmt.Sprintf("ok: expected %v, got %v", e.OK, actualOk)
		if !actualOk {
			msg += " (error: " + shownError + ")"
		}
		return msg
	}
	if e.Error != nil && (!hasError || !strings.Contains(actualError, *e.Error)) {
		return fmt.Sprintf("error: expected it to contain \"%s\", got \"%s\"", *e.Error, shownError)
	}
	for _, key := range e.Order {
		actual, _ := l.Value(key)
		if m := mismatch(e.Results[key], actual, key); m != "" {
			return m
		}
	}
	return ""
}

const shown = 200

func mismatch(expected, actual any, path string) string {
	switch exp := expected.(type) {
	case map[string]any:
		act, ok := actual.(map[string]any)
		if !ok {
			return differ(path, expected, actual)
		}
		for _, key := range sortedKeys(exp) {
			at := key
			if path != "" {
				at = path + "." + key
			}
			want := exp[key]
			got, present := act[key]
			if !present {
				if !isDefault(want) {
					return at + ": missing (expected " + show(want) + ")"
				}
				continue
			}
			if m := mismatch(want, got, at); m != "" {
				return m
			}
		}
		return ""
	case []any:
		act, ok := actual.([]any)
		if !ok {
			return differ(path, expected, actual)
		}
		if len(exp) != len(act) {
			return fmt.Sprintf("%s: expected %d element(s), got %d: %s", path, len(exp), len(act), show(act))
		}
		for i := range exp {
			if m := mismatch(exp[i], act[i], fmt.Sprintf("%s[%d]", path, i)); m != "" {
				return m
			}
		}
		return ""
	}
	if sameScalar(expected, actual) {
		return ""
	}
	return differ(path, expected, actual)
}

func sameScalar(expected, actual any) bool {
	if expected == nil || actual == nil {
		return expected == nil && actual == nil
	}
	e, eok := number(expected)
	a, aok := number(actual)
	if (isNumber(expected) || isNumber(actual)) && eok && aok {
		return e.Cmp(a) == 0
	}
	return fmt.Sprint(expected) == fmt.Sprint(actual) && sameKind(expected, actual)
}

func sameKind(a, b any) bool {
	_, as := a.(string)
	_, bs := b.(string)
	return as == bs
}

func isNumber(v any) bool {
	switch v.(type) {
	case int, int64, uint64, float64, json.Number:
		return true
	}
	return false
}

func number(v any) (*big.Rat, bool) {
	if !isNumber(v) {
		if _, ok := v.(string); !ok {
			return nil, false
		}
	}
	return new(big.Rat).SetString(fmt.Sprint(v))
}

func isDefault(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	if n, ok := number(v); ok && isNumber(v) {
		return n.Sign() == 0
	}
	return false
}

func differ(path string, expected, actual any) string {
	prefix := ""
	if path != "" {
		prefix = path + ": "
	}
	return prefix + "expected " + show(expected) + ", got " + show(actual)
}

func show(v any) string {
	s := string(encode(v))
	if len(s) <= shown {
		return s
	}
	return s[:shown] + "..."
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
