// Command tiny is the only program of the test image that the containerd
// harness (io.nrivertx.containerd) imports into a real containerd, and the
// harness's process supervisor on the host. Statically linked: no libc, no
// shell in the image but tiny itself as /bin/sh.
//
//	tiny              pause: sleep until SIGTERM or SIGINT (the pod sandbox)
//	tiny workload ... print what the container was given, then sleep the same way
//	tiny supervise    the harness's supervisor (see supervise.go)
//	/bin/sh -c SCRIPT  (the image's /bin/sh is a copy of tiny) runs a script of
//	                  "sleep N" and "exit N" commands separated by ";", so
//	                  that a container can exit on its own with a code; any
//	                  other command in it is an error (exit 127)
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
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
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
	if filepath.Base(os.Args[0]) == "sh" {
		os.Exit(shell(os.Args[1:]))
	}
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

// shell is the little of sh -c a test needs for a container that exits on
// its own: "sleep N" (seconds) and "exit N", separated by ";".
func shell(args []string) int {
	if len(args) != 2 || args[0] != "-c" {
		fmt.Fprintln(os.Stderr, "sh: only sh -c SCRIPT is supported")
		return 2
	}
	status := 0
	for _, cmd := range strings.Split(args[1], ";") {
		words := strings.Fields(cmd)
		if len(words) == 0 {
			continue
		}
		n := 0
		if len(words) > 1 {
			v, err := strconv.Atoi(words[1])
			if err != nil {
				fmt.Fprintf(os.Stderr, "sh: %s: bad number %q\n", words[0], words[1])
				return 2
			}
			n = v
		}
		switch words[0] {
		case "exit":
			return n & 255
		case "sleep":
			time.Sleep(time.Duration(n) * time.Second)
			status = 0
		default:
			fmt.Fprintf(os.Stderr, "sh: %s: not found\n", words[0])
			return 127
		}
	}
	return status
}
