// Command promparse reads a Prometheus text exposition (format 0.0.4) on
// stdin with the Prometheus project's own parser (prometheus/common expfmt)
// and prints it as one JSON object, so that Java tests check a scrape the way
// Prometheus reads it, not with regular expressions:
//
//	{"nri_plugin_invocations_total": {"type": "COUNTER", "help": "...",
//	  "series": [{"labels": {"plugin": "10-a", ...}, "value": 3}]},
//	 "nri_plugin_latency_seconds": {"type": "HISTOGRAM", "series": [{"labels": {...},
//	  "count": 3, "sum": 0.002, "buckets": {"0.005": 3, ...}}]}}
//
// A text the parser refuses exits 1 with its error.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

type series struct {
	Labels  map[string]string `json:"labels"`
	Value   *float64          `json:"value,omitempty"`
	Count   *uint64           `json:"count,omitempty"`
	Sum     *float64          `json:"sum,omitempty"`
	Buckets map[string]uint64 `json:"buckets,omitempty"`
}

type family struct {
	Type   string   `json:"type"`
	Help   string   `json:"help"`
	Series []series `json:"series"`
}

func main() {
	parser := expfmt.NewTextParser(model.LegacyValidation)
	families, err := parser.TextToMetricFamilies(os.Stdin)
	if err != nil {
		fmt.Fprintf(os.Stderr, "promparse: %v\n", err)
		os.Exit(1)
	}
	out := map[string]family{}
	for name, f := range families {
		fam := family{Type: f.GetType().String(), Help: f.GetHelp(), Series: []series{}}
		for _, m := range f.GetMetric() {
			fam.Series = append(fam.Series, convert(f.GetType(), m))
		}
		out[name] = fam
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(os.Stderr, "promparse: %v\n", err)
		os.Exit(1)
	}
}

func convert(t dto.MetricType, m *dto.Metric) series {
	s := series{Labels: map[string]string{}}
	for _, l := range m.GetLabel() {
		s.Labels[l.GetName()] = l.GetValue()
	}
	switch t {
	case dto.MetricType_COUNTER:
		v := m.GetCounter().GetValue()
		s.Value = &v
	case dto.MetricType_GAUGE:
		v := m.GetGauge().GetValue()
		s.Value = &v
	case dto.MetricType_HISTOGRAM:
		h := m.GetHistogram()
		c, sum := h.GetSampleCount(), h.GetSampleSum()
		s.Count, s.Sum = &c, &sum
		s.Buckets = map[string]uint64{}
		for _, b := range h.GetBucket() {
			s.Buckets[strconv.FormatFloat(b.GetUpperBound(), 'g', -1, 64)] = b.GetCumulativeCount()
		}
	case dto.MetricType_SUMMARY:
		c, sum := m.GetSummary().GetSampleCount(), m.GetSummary().GetSampleSum()
		s.Count, s.Sum = &c, &sum
	default:
		v := m.GetUntyped().GetValue()
		s.Value = &v
	}
	return s
}
