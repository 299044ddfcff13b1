package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/containerd/nri/pkg/log"
)

// guestLines keeps what WASM test plugins log through the host's env.log.
// The adaptation prints such a message with log.Infof(ctx, msg) and no
// arguments; a message that is one of cmd/wasmplugin's JSON lines (it names
// its plugin) is appended to DIR/NN-name.jsonl instead, the file a socket
// plugin's -log-file would be. Scenarios run one at a time, so one directory
// at a time is enough.
var guestLines = &wasmLines{}

type wasmLines struct {
	mu  sync.Mutex
	dir string
}

// use directs lines to dir ("" drops them back into the log).
func (w *wasmLines) use(dir string) {
	w.mu.Lock()
	w.dir = dir
	w.mu.Unlock()
}

func (w *wasmLines) write(msg string) bool {
	if !strings.HasPrefix(msg, `{"plugin":`) {
		return false
	}
	var head struct {
		Plugin string `json:"plugin"`
	}
	if json.Unmarshal([]byte(msg), &head) != nil || head.Plugin == "" || strings.ContainsAny(head.Plugin, "/\\") {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.dir == "" {
		return false
	}
	f, err := os.OpenFile(filepath.Join(w.dir, head.Plugin+".jsonl"), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return false
	}
	defer f.Close()
	_, err = f.WriteString(msg + "\n")
	return err == nil
}

// captureGuestLogs wraps the adaptation's logger so guest lines are kept.
func captureGuestLogs() {
	log.Set(guestLogger{log.Get()})
}

type guestLogger struct{ log.Logger }

func (g guestLogger) Infof(ctx context.Context, format string, args ...interface{}) {
	if len(args) == 0 && guestLines.write(format) {
		return
	}
	g.Logger.Infof(ctx, format, args...)
}
