// Command tiny is the only program of the test image that the containerd
// harness (io.nrivertx.containerd) imports into a real containerd, and the
// harness's process supervisor on the host. Statically linked: no libc, no
// shell in the image.
//
//	tiny              pause: sleep until SIGTERM or SIGINT (the pod sandbox)
//	tiny workload ... print what the container was given, then sleep the same way
//	tiny supervise    the harness's supervisor (see supervise.go)
//
// The workload prints one line per fact, so that a test can check an NRI
// adjustment from inside the running container in the container's log:
//
//	env NAME=VALUE                  every environment variable
//	arg VALUE                       every argument after "workload"
//	cgroup CONTROLLER/FILE VALUE    memory and cpu limits as the kernel applies them
//	ready                           the last line
package main

import (
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// The cgroup files a test may want to see (cgroup v1 first, then v2).
var cgroupFiles = []string{
	"memory/memory.limit_in_bytes",
	"cpu/cpu.shares",
	"cpu/cpu.cfs_quota_us",
	"memory.max",
	"cpu.weight",
	"cpu.max",
}

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "workload":
			report(os.Args[2:])
		case "supervise":
			os.Exit(supervise(os.Stdin, os.Stdout))
		}
	}
	wait()
}

func report(args []string) {
	for _, e := range os.Environ() {
		fmt.Printf("env %s\n", e)
	}
	for _, a := range args {
		fmt.Printf("arg %s\n", a)
	}
	for _, f := range cgroupFiles {
		if b, err := os.ReadFile("/sys/fs/cgroup/" + f); err == nil {
			fmt.Printf("cgroup %s %s\n", f, strings.TrimSpace(string(b)))
		}
	}
	fmt.Println("ready")
}

// wait blocks until the runtime asks the process to stop; it exits 0 so that
// a clean stop is told apart from a kill (exit 137).
func wait() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	<-signals
	os.Exit(0)
}
