//go:build tools

// Package tools pins crictl (sigs.k8s.io/cri-tools) as a dependency of this
// module, so `go build sigs.k8s.io/cri-tools/cmd/crictl` here builds the
// release recorded in go.mod from the Go module proxy. The tests of
// nri-vertx's CRI endpoint use it as the real client.
package tools

import _ "sigs.k8s.io/cri-tools/cmd/crictl"
