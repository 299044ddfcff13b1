package main

import (
	"sort"
	"time"
)

// latencies summarises samples in microseconds: p50, p90, p99, p99.9, max, mean.
// Percentiles are nearest-rank, as the Java driver computes them.
func latencies(samples []time.Duration) map[string]any {
	sorted := append([]time.Duration(nil), samples...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	var sum time.Duration
	for _, s := range sorted {
		sum += s
	}
	return map[string]any{
		"p50Us":  us(rank(sorted, 500)),
		"p90Us":  us(rank(sorted, 900)),
		"p99Us":  us(rank(sorted, 990)),
		"p999Us": us(rank(sorted, 999)),
		"maxUs":  us(sorted[len(sorted)-1]),
		"meanUs": us(sum / time.Duration(len(sorted))),
	}
}

// rank is the nearest-rank percentile: the smallest sample with at least
// perMille‰ of all samples at or below it.
func rank(sorted []time.Duration, perMille int) time.Duration {
	i := (perMille*len(sorted)+999)/1000 - 1
	if i < 0 {
		i = 0
	}
	return sorted[i]
}

func us(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1000 }

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }
