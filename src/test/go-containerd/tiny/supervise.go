package main

// The supervisor runs (under `unshare -m`) in the private mount namespace of
// one harness instance and is the child subreaper of everything started in it:
// containerd, and the shims that containerd daemonizes, re-parent to it rather
// than to the host's init, so each is reaped and none outlives the test.
//
// Commands, one per stdin line; each answered by one stdout line:
//
//	start PROGRAM ARGS...   start a child (containerd)     -> "started PID"
//	stop PID SIGNAL         signal that child, wait for it -> "stopped PID STATUS"
//	exit                    (or end of stdin) SIGTERM every child, SIGKILL after
//	                        5 s, reap all descendants, exit 0 -> "exited"
//
// Arguments are separated by single spaces (the harness's paths have none).

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

const prSetChildSubreaper = 36

type supervisor struct {
	mu      sync.Mutex
	exited  map[int]chan int // started children: closed with their status once reaped
	out     io.Writer
	outLock sync.Mutex
}

func supervise(in io.Reader, out io.Writer) int {
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		fmt.Fprintf(os.Stderr, "supervise: cannot become a child subreaper: %v\n", errno)
		return 1
	}
	s := &supervisor{exited: map[int]chan int{}, out: out}
	go s.reap()
	s.say("ready")
	lines := bufio.NewScanner(in)
	for lines.Scan() {
		f := strings.Split(strings.TrimSpace(lines.Text()), " ")
		switch f[0] {
		case "start":
			s.start(f[1:])
		case "stop":
			s.stop(f[1:])
		case "exit":
			s.exitAll()
			return 0
		default:
			s.say("error unknown command %q", f[0])
		}
	}
	s.exitAll()
	return 0
}

func (s *supervisor) say(format string, args ...any) {
	s.outLock.Lock()
	defer s.outLock.Unlock()
	fmt.Fprintf(s.out, format+"\n", args...)
}

func (s *supervisor) start(argv []string) {
	if len(argv) == 0 {
		s.say("error start needs a program")
		return
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	// Its own process group, so that a signal to the harness's terminal does
	// not reach it before the supervisor decides.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Started under the lock: the reaper cannot see the child exit before it is registered.
	if err := cmd.Start(); err != nil {
		s.say("error %v", err)
		return
	}
	s.exited[cmd.Process.Pid] = make(chan int, 1)
	s.say("started %d", cmd.Process.Pid)
}

func (s *supervisor) stop(args []string) {
	if len(args) != 2 {
		s.say("error stop needs PID and SIGNAL")
		return
	}
	pid, err1 := strconv.Atoi(args[0])
	sig, err2 := strconv.Atoi(args[1])
	s.mu.Lock()
	done, ok := s.exited[pid]
	s.mu.Unlock()
	if err1 != nil || err2 != nil || !ok {
		s.say("error no child %s", args[0])
		return
	}
	_ = syscall.Kill(pid, syscall.Signal(sig))
	s.say("stopped %d %d", pid, <-done)
}

// reap collects every child that ends: those started here and every orphan of
// the namespace that was re-parented to the supervisor.
func (s *supervisor) reap() {
	for {
		var ws syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &ws, 0, nil)
		if err == syscall.ECHILD {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		if err != nil {
			continue
		}
		status := ws.ExitStatus()
		if ws.Signaled() {
			status = 128 + int(ws.Signal())
		}
		s.mu.Lock()
		if done, ok := s.exited[pid]; ok {
			done <- status
			delete(s.exited, pid)
		}
		s.mu.Unlock()
	}
}

// exitAll ends every descendant: SIGTERM to the children, SIGKILL to whatever
// is left after the grace period, until no child remains.
func (s *supervisor) exitAll() {
	for _, pid := range children() {
		_ = syscall.Kill(pid, syscall.SIGTERM)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		left := children()
		if len(left) == 0 {
			break
		}
		if time.Now().After(deadline) {
			for _, pid := range left {
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.say("exited")
}

// children lists the processes whose parent is this one, zombies included
// until the reaper collects them.
func children() []int {
	self := os.Getpid()
	dirs, _ := os.ReadDir("/proc")
	var out []int
	for _, d := range dirs {
		pid, err := strconv.Atoi(d.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + d.Name() + "/stat")
		if err != nil {
			continue
		}
		// "pid (comm) state ppid ...": comm may hold anything, so split after the last ')'.
		rest := string(stat[strings.LastIndexByte(string(stat), ')')+2:])
		fields := strings.Fields(rest)
		if len(fields) > 1 {
			if ppid, _ := strconv.Atoi(fields[1]); ppid == self {
				out = append(out, pid)
			}
		}
	}
	return out
}
