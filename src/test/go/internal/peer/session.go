//go:build !wasip1

package peer

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/containerd/nri/pkg/api"
	"github.com/containerd/nri/pkg/stub"
)

// IdentityOptions returns the stub options for -name/-idx/-socket. A flag the
// user did not set gives way to NRI_PLUGIN_NAME/NRI_PLUGIN_IDX, which the
// runtime sets for plugins it launches. An explicit -idx wins over the
// environment; the variable is dropped because WithPluginIdx refuses to
// override an index the stub already took from it.
func IdentityOptions(fs *flag.FlagSet, name, idx, socket string) []stub.Option {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	var opts []stub.Option
	if set["name"] || os.Getenv(api.PluginNameEnvVar) == "" {
		opts = append(opts, stub.WithPluginName(name))
	}
	if set["idx"] {
		os.Unsetenv(api.PluginIdxEnvVar)
	}
	if set["idx"] || os.Getenv(api.PluginIdxEnvVar) == "" {
		opts = append(opts, stub.WithPluginIdx(idx))
	}
	if socket != "" {
		opts = append(opts, stub.WithSocketPath(socket))
	}
	return opts
}

// Session ties a stub to its log and decides the exit status: once the
// plugin is configured a lost connection is a normal end (exit 0); before
// that, any failure is an error (exit 1).
type Session struct {
	Log      *Log
	ready    atomic.Bool
	stopping atomic.Bool
	once     sync.Once
}

// MarkReady is called when Configure succeeded.
func (s *Session) MarkReady() { s.ready.Store(true) }

// OnClose is the stub option that ends the process when the runtime goes
// away. The stub would otherwise leave the process idle forever.
func (s *Session) OnClose() stub.Option {
	return stub.WithOnClose(func() {
		// Before Configure, Start() reports the failure itself.
		if s.ready.Load() && !s.stopping.Load() {
			s.connectionClosed(nil)
		}
	})
}

// connectionClosed records the end once (the ttrpc close callback and Run's
// return race each other) and exits 0.
func (s *Session) connectionClosed(err error) {
	s.once.Do(func() {
		s.Log.Write("ConnectionClosed")
		fmt.Fprintf(os.Stderr, "NRI connection closed (%v), exiting\n", err)
		os.Exit(0)
	})
}

// Run serves until the connection closes or SIGTERM/SIGINT; it never returns.
func (s *Session) Run(st stub.Stub) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sigs
		// Mark first so the close callback triggered by Stop() stays quiet.
		s.stopping.Store(true)
		cancel()
	}()

	err := st.Run(ctx)
	switch {
	case s.stopping.Load():
		fmt.Fprintln(os.Stderr, "terminated by signal")
		os.Exit(0)
	case s.ready.Load():
		s.connectionClosed(err)
	default:
		if err == nil {
			err = errors.New("stub stopped before it was configured")
		}
		fmt.Fprintf(os.Stderr, "plugin failed to start: %v\n", err)
		os.Exit(1)
	}
}

// Name returns the stub's "NN-name" (the method exists on the concrete stub
// but is not part of the stub.Stub interface).
func Name(st stub.Stub) string {
	if n, ok := st.(interface{ Name() string }); ok {
		return n.Name()
	}
	return ""
}
