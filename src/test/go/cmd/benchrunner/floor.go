package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"syscall"
	"time"

	"github.com/containerd/nri/pkg/api"
	"github.com/containerd/nri/pkg/net/multiplex"
	"github.com/containerd/ttrpc"
)

const pluginService = "nri.pkg.api.v1alpha1.Plugin"

// floorReply is what the floor peer answers to every CreateContainer: the
// same small adjustment an adjuster returns.
var floorReply = &api.CreateContainerResponse{Adjust: &api.ContainerAdjustment{
	Annotations: map[string]string{"bench.nri.io/p0": "adjusted"},
	Env:         []*api.KeyValue{{Key: "BENCH_P0", Value: "1"}},
}}

// runFloor times one CreateContainer ttrpc round trip, over NRI's mux, to a
// child process on the other end of a socketpair: no runtime, no stub, no
// plugin logic. It is the least any runtime can spend per plugin.
func runFloor(tmpl *api.CreateContainerRequest, warmup, events int) (map[string]any, error) {
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	mine, theirs := os.NewFile(uintptr(fds[0]), "floor"), os.NewFile(uintptr(fds[1]), "floor-peer")
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	peer := exec.Command(self, "-case", "floor-peer", "-until-eof")
	peer.ExtraFiles = []*os.File{theirs} // fd 3 in the child
	peer.Stderr = os.Stderr
	// The peer serves until its stdin closes: then it exits, even if we died.
	stdin, err := peer.StdinPipe()
	if err != nil {
		return nil, err
	}
	if err := peer.Start(); err != nil {
		return nil, err
	}
	theirs.Close()
	defer func() { stdin.Close(); _ = peer.Wait() }()
	conn, err := net.FileConn(mine)
	mine.Close()
	if err != nil {
		return nil, err
	}
	mux := multiplex.Multiplex(conn)
	defer mux.Close()
	pconn, err := mux.Open(multiplex.PluginServiceConn)
	if err != nil {
		return nil, err
	}
	client := ttrpc.NewClient(pconn)
	defer client.Close()

	samples := make([]time.Duration, 0, events)
	for i := 0; i < warmup+events; i++ {
		var rsp api.CreateContainerResponse
		start := time.Now()
		err := client.Call(context.Background(), pluginService, "CreateContainer", tmpl, &rsp)
		took := time.Since(start)
		if err != nil {
			return nil, fmt.Errorf("round trip %d: %w", i, err)
		}
		if i >= warmup {
			samples = append(samples, took)
		}
	}
	out := latencies(samples)
	out["events"] = events
	return out, nil
}

// servePeer is the child's side: it answers CreateContainer on fd 3 until
// its stdin closes (untilEOF) or it is killed; the ttrpc server alone would
// wait for another connection forever.
func servePeer(untilEOF bool) error {
	conn, err := net.FileConn(os.NewFile(3, "floor"))
	if err != nil {
		return err
	}
	// Blocked read until the listener exists: the mux drops frames for a connection nobody
	// opened yet, and the first CreateContainer may arrive before Listen (then the caller, which
	// sets no timeout, waits forever). NRI's runtime side opens its connections the same way.
	mux := multiplex.Multiplex(conn, multiplex.WithBlockedRead())
	l, err := mux.Listen(multiplex.PluginServiceConn)
	if err != nil {
		return err
	}
	mux.Unblock()
	srv, err := ttrpc.NewServer()
	if err != nil {
		return err
	}
	srv.RegisterService(pluginService, &ttrpc.ServiceDesc{Methods: map[string]ttrpc.Method{
		"CreateContainer": func(_ context.Context, unmarshal func(any) error) (any, error) {
			var req api.CreateContainerRequest
			if err := unmarshal(&req); err != nil {
				return nil, err
			}
			return floorReply, nil
		},
	}})
	go func() { _ = srv.Serve(context.Background(), l) }()
	if !untilEOF {
		select {}
	}
	_, _ = io.Copy(io.Discard, os.Stdin)
	return nil
}
