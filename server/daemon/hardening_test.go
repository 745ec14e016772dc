package daemon_test

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestDaemonStaleStatusFileDeletesNothing: a status file is input anyone
// may write; one naming a dead daemon and a socket in a folder of the
// user's must not make typd delete that folder or what is in it.
func TestDaemonStaleStatusFileDeletesNothing(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(t.TempDir(), "typd-precious")
	write(t, precious, "keep.txt", "data\n")
	write(t, precious, "typd.sock", "not a socket\n")
	write(t, dir, ".dmypy.json", `{"pid": 999999999, "connection_name": "`+filepath.Join(precious, "typd.sock")+`"}`)
	write(t, dir, "a.py", "x: int = 1\n")
	expect(t, dir, "Daemon started\nSuccess: no issues found in 1 source file\n", 0,
		"run", "--", "--no-site-packages", "--python-version", "3.11", "a.py")
	defer typd(t, dir, "kill")
	for _, name := range []string{"keep.txt", "typd.sock"} {
		if _, err := os.Stat(filepath.Join(precious, name)); err != nil {
			t.Errorf("%s was deleted: %v", name, err)
		}
	}
}

// TestDaemonIdleClientDelaysNobody: a client that connects and sends
// nothing does not hold up the others' requests.
func TestDaemonIdleClientDelaysNobody(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", "x: int = 1\n")
	expect(t, dir, "Daemon started\n", 0, "start", "--", "--no-site-packages", "--python-version", "3.11")
	defer typd(t, dir, "kill")
	expect(t, dir, "Success: no issues found in 1 source file\n", 0, "check", "a.py")
	idle, err := net.Dial("unix", socketOf(t, dir, ".dmypy.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	start := time.Now()
	expect(t, dir, "Daemon is up and running\n", 0, "status")
	expect(t, dir, "Success: no issues found in 1 source file\n", 0, "check", "a.py")
	// Two process starts and two requests; the idle client would have
	// cost the 10 s read timeout.
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("status and check behind an idle client took %v", took)
	}
}

// TestDaemonConcurrentRunsStartOne: runs started together with no daemon
// running leave exactly one daemon, which answers them all.
func TestDaemonConcurrentRunsStartOne(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", "x: int = ''\n")
	defer typd(t, dir, "kill")
	const runs = 5
	var wg sync.WaitGroup
	outs := make([]string, runs)
	for i := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], _ = typd(t, dir, "run", "--", "--no-site-packages", "--python-version", "3.11", "a.py")
		}()
	}
	wg.Wait()
	started := 0
	for _, out := range outs {
		started += strings.Count(out, "Daemon started\n")
		if !strings.HasSuffix(out, "Found 1 error in 1 file (checked 1 source file)\n") {
			t.Errorf("a run answered:\n%s", out)
		}
	}
	if started != 1 {
		t.Errorf("%d runs said they started a daemon, want 1", started)
	}
	if n := daemonsIn(t, dir); n != 1 {
		t.Errorf("%d daemons run with this status file, want 1", n)
	}
}

// daemonsIn counts the typd daemons running with dir as their folder
// (started from the engine, beside the front end).
func daemonsIn(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skip("no /proc")
	}
	n := 0
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		cwd, _ := os.Readlink(filepath.Join("/proc", e.Name(), "cwd"))
		args := strings.Split(string(cmdline), "\x00")
		if len(args) > 1 && args[0] == filepath.Join(filepath.Dir(typdBinary), "typd-engine") && args[1] == "daemon" && cwd == dir && pid > 0 {
			n++
		}
	}
	return n
}

// TestDaemonSignalCleansUp: SIGTERM and SIGINT remove the status file and
// the socket's folder, as stop does.
func TestDaemonSignalCleansUp(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		dir := t.TempDir()
		expect(t, dir, "Daemon started\n", 0, "start", "--", "--no-site-packages")
		sock := socketOf(t, dir, ".dmypy.json")
		text, _ := os.ReadFile(filepath.Join(dir, ".dmypy.json"))
		pid := pidOf(t, string(text))
		if err := syscall.Kill(pid, sig); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			if _, err := os.Stat(filepath.Dir(sock)); os.IsNotExist(err) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		if _, err := os.Stat(filepath.Dir(sock)); !os.IsNotExist(err) {
			t.Errorf("%v: the socket folder outlived the daemon", sig)
		}
		if _, err := os.Stat(filepath.Join(dir, ".dmypy.json")); !os.IsNotExist(err) {
			t.Errorf("%v: the status file outlived the daemon", sig)
		}
	}
}

func pidOf(t *testing.T, status string) int {
	t.Helper()
	i := strings.Index(status, `"pid":`)
	if i < 0 {
		t.Fatalf("no pid in %s", status)
	}
	rest := strings.TrimLeft(status[i+len(`"pid":`):], " ")
	end := strings.IndexAny(rest, ",}")
	pid, err := strconv.Atoi(strings.TrimSpace(rest[:end]))
	if err != nil {
		t.Fatal(err)
	}
	return pid
}

// TestDeepNestingThroughCLIAndDaemon: a million nested parentheses, unary
// operators and attribute links get CPython's error, from the command line
// and from the daemon, which stays up.
func TestDeepNestingThroughCLIAndDaemon(t *testing.T) {
	dir := t.TempDir()
	const n = 1000000
	write(t, dir, "parens.py", "x = "+strings.Repeat("(", n)+"1"+strings.Repeat(")", n)+"\n")
	write(t, dir, "unary.py", "x = "+strings.Repeat("-", n)+"1\n")
	write(t, dir, "chain.py", "x = y"+strings.Repeat(".a", n)+"\n")
	want := map[string]string{
		"parens.py": "parens.py:1: error: Too many nested parentheses  [syntax]\n",
		"unary.py":  "unary.py:1: error: Parser stack overflowed - Python source too complex to parse  [syntax]\n",
		"chain.py":  "chain.py:1: error: Parser stack overflowed - Python source too complex to parse  [syntax]\n",
	}
	tail := "Found 1 error in 1 file (errors prevented further checking)\n"
	for file, msg := range want {
		expect(t, dir, msg+tail, 2, "check", "--no-site-packages", "--python-version", "3.11", file)
	}
	expect(t, dir, "Daemon started\n", 0, "start", "--", "--no-site-packages", "--python-version", "3.11")
	defer typd(t, dir, "kill")
	for file, msg := range want {
		expect(t, dir, msg+tail, 2, "check", file)
	}
	expect(t, dir, "Daemon is up and running\n", 0, "status")
}
