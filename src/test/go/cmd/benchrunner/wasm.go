package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// WasmSettings is the drop-in JSON of the WASM adjuster of wasm-create: the
// answer of socket adjuster 0 (adjusterConfig), and no log lines. nri-vertx's
// bench driver writes the same.
func wasmSettings() ([]byte, error) {
	return json.Marshal(map[string]any{
		"plugin": "10-bench0",
		"quiet":  true,
		"answers": map[string]any{"*": map[string]any{"adjust": map[string]any{
			"annotations": map[string]string{"bench.nri.io/p0": "adjusted"},
			"env":         []map[string]string{{"key": "BENCH_P0", "value": "1"}},
		}}},
	})
}

// installWasm lays out DIR/plugins/10-bench0 (a link to the module) and
// DIR/conf.d/10-bench0.conf; it returns the plugin directory.
func installWasm(dir, module string) (string, error) {
	if module == "" {
		return "", fmt.Errorf("wasm-create needs -wasm FILE")
	}
	abs, err := filepath.Abs(module)
	if err != nil {
		return "", err
	}
	plugins, conf := filepath.Join(dir, "plugins"), filepath.Join(dir, "conf.d")
	for _, d := range []string{plugins, conf} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return "", err
		}
	}
	if err := os.Symlink(abs, filepath.Join(plugins, "10-bench0")); err != nil {
		return "", err
	}
	settings, err := wasmSettings()
	if err != nil {
		return "", err
	}
	return plugins, os.WriteFile(filepath.Join(conf, "10-bench0.conf"), settings, 0o600)
}
