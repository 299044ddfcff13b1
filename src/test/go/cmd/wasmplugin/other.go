//go:build !wasip1

// Command wasmplugin is a WebAssembly NRI plugin; on any other target it only
// says how to build it.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasmplugin is a WASM module: GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared")
	os.Exit(2)
}
