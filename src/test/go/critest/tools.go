//go:build tools

// Package tools pins critest, the CRI conformance suite of sigs.k8s.io/cri-tools,
// as a dependency of this module. critest is a test binary (cmd/critest holds only
// cri_test.go, built with `go test -c`), so it cannot be imported itself; importing
// the packages its test imports records them, with their dependencies, in go.mod and
// go.sum, and `go test -c sigs.k8s.io/cri-tools/cmd/critest` here then builds the
// release pinned in go.mod. The CritestIT of nri-vertx runs it against the CRI endpoint.
package tools

import (
	_ "github.com/onsi/ginkgo/v2"
	_ "github.com/onsi/gomega"
	_ "sigs.k8s.io/cri-tools/pkg/benchmark"
	_ "sigs.k8s.io/cri-tools/pkg/common"
	_ "sigs.k8s.io/cri-tools/pkg/framework"
	_ "sigs.k8s.io/cri-tools/pkg/validate"
	_ "sigs.k8s.io/cri-tools/pkg/version"
)
