package daemon_test

import (
	"encoding/binary"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// typd runs the binary in dir and returns its combined output and exit
// code.
func typd(t *testing.T, dir string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(typdBinary, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), 0
}

// expect runs typd and fails unless it prints want and exits with code.
func expect(t *testing.T, dir string, want string, code int, args ...string) {
	t.Helper()
	got, gotCode := typd(t, dir, args...)
	if got != want || gotCode != code {
		t.Fatalf("typd %s:\n got (exit %d):\n%s\nwant (exit %d):\n%s", strings.Join(args, " "), gotCode, got, code, want)
	}
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// socketOf reads the daemon's socket path from its status file.
func socketOf(t *testing.T, dir, statusFile string) string {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(dir, statusFile))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		ConnectionName string `json:"connection_name"`
		PID            int    `json:"pid"`
	}
	if err := json.Unmarshal(text, &st); err != nil {
		t.Fatal(err)
	}
	return st.ConnectionName
}

// rawRequest sends bytes to the daemon's socket and returns the decoded
// answer.
func rawRequest(t *testing.T, sock string, frame []byte) map[string]any {
	t.Helper()
	conn, err := net.Dial("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(15 * time.Second))
	if _, err := conn.Write(frame); err != nil {
		t.Fatal(err)
	}
	var head [4]byte
	if _, err := conn.Read(head[:]); err != nil {
		t.Fatal(err)
	}
	body := make([]byte, binary.BigEndian.Uint32(head[:]))
	if _, err := ioReadFull(conn, body); err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func ioReadFull(c net.Conn, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := c.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func frame(body string) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	return append(out, body...)
}

// TestDaemonSocketAndStatusFile checks the private socket and the status
// file's content.
func TestDaemonSocketAndStatusFile(t *testing.T) {
	dir := t.TempDir()
	expect(t, dir, "Daemon started\n", 0, "start", "--", "--no-site-packages")
	defer typd(t, dir, "kill")
	sock := socketOf(t, dir, ".dmypy.json")
	st, err := os.Stat(sock)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 || st.Mode()&os.ModeSocket == 0 {
		t.Errorf("socket mode %v, want a socket with 0600", st.Mode())
	}
	if d, _ := os.Stat(filepath.Dir(sock)); d.Mode().Perm() != 0o700 {
		t.Errorf("socket folder mode %v, want 0700", d.Mode().Perm())
	}
	expect(t, dir, "Daemon stopped\n", 0, "stop")
	if _, err := os.Stat(filepath.Dir(sock)); !os.IsNotExist(err) {
		t.Errorf("the socket folder outlived the daemon: %v", err)
	}
}

// TestDaemonRobustness drives every failure of the list through
// the real binary and checks that the daemon keeps serving right answers.
func TestDaemonRobustness(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", "import b\nx: int = ''\n")
	write(t, dir, "b.py", "y: str = 1\n")
	aErr := "a.py:2: error: Incompatible types in assignment (expression has type \"str\", variable has type \"int\")  [assignment]\n"
	bErr := "b.py:1: error: Incompatible types in assignment (expression has type \"int\", variable has type \"str\")  [assignment]\n"

	// A stale status file (a pid that is gone) and the socket it names,
	// left in its folder by a daemon that died, are cleaned up by start.
	dead := exec.Command("true")
	dead.Run()
	stale := filepath.Join(t.TempDir(), "typd-stale")
	os.Mkdir(stale, 0o700)
	left, err := net.ListenUnix("unix", &net.UnixAddr{Name: filepath.Join(stale, "typd.sock"), Net: "unix"})
	if err != nil {
		t.Fatal(err)
	}
	left.SetUnlinkOnClose(false)
	left.Close()
	body, _ := json.Marshal(map[string]any{"pid": dead.Process.Pid, "connection_name": filepath.Join(stale, "typd.sock")})
	write(t, dir, ".dmypy.json", string(body))
	expect(t, dir, "Daemon has died\n", 2, "status")
	expect(t, dir, "Daemon started\n", 0, "start", "--", "--no-site-packages", "--python-version", "3.12")
	defer typd(t, dir, "kill")
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the stale socket folder was left: %v", err)
	}

	// Malformed status files.
	write(t, dir, "bad.json", "{not json")
	expect(t, dir, "Malformed status file (not JSON)\n", 2, "--status-file", "bad.json", "status")
	write(t, dir, "bad.json", "[]")
	expect(t, dir, "Invalid status file (not a dict)\n", 2, "--status-file", "bad.json", "status")
	write(t, dir, "bad.json", `{"connection_name": "x"}`)
	expect(t, dir, "Invalid status file (no pid field)\n", 2, "--status-file", "bad.json", "stop")

	want := bErr + aErr + "Found 2 errors in 2 files (checked 2 source files)\n"
	expect(t, dir, want, 1, "check", "a.py", "b.py")

	// Malformed requests get an error answer; the daemon keeps serving.
	sock := socketOf(t, dir, ".dmypy.json")
	if resp := rawRequest(t, sock, frame("{not json")); !strings.HasPrefix(resp["error"].(string), "Bad request: message is not valid JSON") {
		t.Errorf("invalid JSON answered %v", resp)
	}
	if resp := rawRequest(t, sock, binary.BigEndian.AppendUint32(nil, 1<<31)); !strings.Contains(resp["error"].(string), "longer than the limit") {
		t.Errorf("an oversized frame answered %v", resp)
	}
	if resp := rawRequest(t, sock, frame(`{"command": "frobnicate"}`)); resp["error"] != "Unrecognized command 'frobnicate'" {
		t.Errorf("an unknown command answered %v", resp)
	}
	if resp := rawRequest(t, sock, frame(`{}`)); resp["error"] != "No command found in request" {
		t.Errorf("a request without command answered %v", resp)
	}

	// A client that dies mid-request: half a frame, then a whole request
	// whose answer nobody reads.
	if conn, err := net.Dial("unix", sock); err == nil {
		conn.Write(frame(`{"command": "recheck"}`)[:6])
		conn.Close()
	}
	if conn, err := net.Dial("unix", sock); err == nil {
		conn.Write(frame(`{"command": "recheck"}`))
		conn.Close()
	}
	expect(t, dir, want, 1, "recheck")

	// Two clients at once are answered one after the other, both right.
	var wg sync.WaitGroup
	outs := make([]string, 2)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], _ = typd(t, dir, "recheck")
		}()
	}
	wg.Wait()
	for _, out := range outs {
		if out != want {
			t.Errorf("concurrent recheck printed\n%s\nwant\n%s", out, want)
		}
	}

	// A crash inside a request is answered as an internal error; the next
	// request starts from scratch and is right.
	resp := rawRequest(t, sock, frame(`{"command": "crash"}`))
	if e, _ := resp["error"].(string); !strings.HasPrefix(e, "Daemon crashed!\nINTERNAL ERROR: crash requested") || !strings.Contains(e, "goroutine") {
		t.Errorf("a crash answered %v", resp)
	}
	expect(t, dir, want, 1, "recheck")

	// A file deleted between check and recheck leaves the sources; its
	// importer reports it missing.
	os.Remove(filepath.Join(dir, "b.py"))
	expect(t, dir, "a.py:1: error: Cannot find implementation or library stub for module named \"b\"  [import-not-found]\n"+
		"a.py:1: note: See https://mypy.readthedocs.io/en/stable/running_mypy.html#missing-imports\n"+aErr+
		"Found 2 errors in 1 file (checked 1 source file)\n", 1, "recheck")

	// `typd check FILES` goes to the running daemon; with other mypy flags
	// it checks in-process.
	write(t, dir, "c.py", "z: int = ''\n")
	cErr := strings.ReplaceAll(aErr, "a.py:2", "c.py:1")
	expect(t, dir, cErr+"Found 1 error in 1 file (checked 1 source file)\n", 1, "check", "--", "c.py")
	expect(t, dir, "Success: no issues found in 1 source file\n", 0, "check", "--no-strict-optional", "--disable-error-code", "assignment", "c.py")

	// A daemon that does not answer: status gives up after 5 s.
	hang := exec.Command(typdBinary, "hang")
	hang.Dir = dir
	if err := hang.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	out, code := typd(t, dir, "status")
	if code != 2 || !strings.HasSuffix(out, "Daemon is stuck; consider typd kill\n") {
		t.Errorf("status of a hung daemon: exit %d\n%s", code, out)
	}
	expect(t, dir, "Daemon killed\n", 0, "kill")
	hang.Wait()
	expect(t, dir, "Daemon has died\n", 2, "status")
}

// TestDaemonLogFile checks that --log-file gets the structured log.
func TestDaemonLogFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", "x = 1\n")
	expect(t, dir, "Daemon started\nSuccess: no issues found in 1 source file\n", 0,
		"run", "--log-file", "log.json", "--", "a.py", "--no-site-packages")
	expect(t, dir, "Daemon stopped\n", 0, "stop")
	time.Sleep(100 * time.Millisecond)
	text, err := os.ReadFile(filepath.Join(dir, "log.json"))
	if err != nil {
		t.Fatal(err)
	}
	var commands []string
	for _, line := range strings.Split(strings.TrimSpace(string(text)), "\n") {
		var entry map[string]any
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		if c, ok := entry["command"].(string); ok {
			commands = append(commands, c)
		}
	}
	if strings.Join(commands, ",") != "run,stop" {
		t.Errorf("logged commands %v, want run,stop", commands)
	}
}

// TestDaemonLeavesDmypyAlone puts a status file as dmypy writes it (no
// typd version) naming a live process where typd looks for its own: typd
// check checks without a daemon, and the daemon's commands say whose the
// file is and leave both the file and the process alone.
func TestDaemonLeavesDmypyAlone(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", "x: int = ''\n")
	other := exec.Command("sleep", "60")
	if err := other.Start(); err != nil {
		t.Fatal(err)
	}
	defer other.Process.Kill()
	body, _ := json.Marshal(map[string]any{"pid": other.Process.Pid, "connection_name": filepath.Join(t.TempDir(), "dmypy.sock")})
	write(t, dir, ".dmypy.json", string(body))
	expect(t, dir, "a.py:1: error: Incompatible types in assignment (expression has type \"str\", variable has type \"int\")  [assignment]\n"+
		"Found 1 error in 1 file (checked 1 source file)\n", 1, "check", "--python-version", "3.12", "--no-site-packages", "a.py")
	msg := "The status file .dmypy.json names a daemon typd did not start (pid " + strconv.Itoa(other.Process.Pid) +
		"; dmypy's?). typd leaves it alone: stop it with dmypy stop, or give typd another status file with --status-file\n"
	for _, args := range [][]string{{"status"}, {"run", "--", "a.py"}, {"start"}, {"stop"}, {"kill"}, {"recheck"}} {
		expect(t, dir, msg, 2, args...)
	}
	if text, err := os.ReadFile(filepath.Join(dir, ".dmypy.json")); err != nil || string(text) != string(body) {
		t.Errorf("the status file changed: %v %q", err, text)
	}
	if other.ProcessState != nil || syscall.Kill(other.Process.Pid, 0) != nil {
		t.Error("the other daemon was killed")
	}
}

// TestDaemonInspectAbsolutePath inspects a file the daemon checked by a
// relative path through its absolute path (as editors send), and the
// other way round.
func TestDaemonInspectAbsolutePath(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", "x = 1\n")
	write(t, dir, "b.py", "y = 'b'\n")
	defer typd(t, dir, "kill")
	abs, _ := filepath.EvalSymlinks(dir)
	expect(t, dir, "Daemon started\nSuccess: no issues found in 2 source files\n", 0, "run", "--", "--python-version", "3.12", "--no-site-packages",
		"a.py", filepath.Join(abs, "b.py"))
	expect(t, dir, "\"int\"\n", 0, "inspect", filepath.Join(abs, "a.py")+":1:1")
	expect(t, dir, "\"str\"\n", 0, "inspect", "b.py:1:1")
	expect(t, dir, "Unknown module: c.py\n", 1, "inspect", "c.py:1:1")
}

// TestDaemonFromCache: a daemon started with --use-fine-grained-cache
// answers its first check from the cache a `typd check --cache-fine-grained`
// wrote (no module analysed), builds its session in the background, and
// then answers edits and inspect as a daemon started cold does.
func TestDaemonFromCache(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.py", "from b import f\nx: int = f()\n")
	write(t, dir, "b.py", "def f() -> str:\n    return 'a'\n")
	flags := []string{"--no-site-packages", "--python-version", "3.12", "a.py", "b.py"}
	report := "a.py:2: error: Incompatible types in assignment (expression has type \"str\", variable has type \"int\")  [assignment]\n" +
		"Found 1 error in 1 file (checked 2 source files)\n"
	expect(t, dir, report, 1, append([]string{"check", "--cache-fine-grained"}, flags...)...)
	expect(t, dir, "Daemon started\n"+report, 1,
		append([]string{"run", "--log-file", "log.json", "--perf-stats-file", "first.json", "--", "--use-fine-grained-cache"}, flags...)...)
	t.Cleanup(func() { typd(t, dir, "kill") })
	var stats map[string]any
	text, _ := os.ReadFile(filepath.Join(dir, "first.json"))
	if err := json.Unmarshal(text, &stats); err != nil || stats["analyzed_modules"] != 0.0 {
		t.Fatalf("the first check's stats: %s (%v)", text, err)
	}
	// An edit, checked (from the cache or by the built session), then
	// inspect, which waits for the session.
	write(t, dir, "b.py", "def f() -> int:\n    return 1\n")
	expect(t, dir, "Success: no issues found in 2 source files\n", 0, "recheck")
	expect(t, dir, "\"int\"\n", 0, "inspect", "a.py:2:1")
	write(t, dir, "b.py", "def f() -> bytes:\n    return b''\n")
	expect(t, dir, strings.Replace(report, `type "str"`, `type "bytes"`, 1), 1, "recheck")
	expect(t, dir, "Daemon stopped\n", 0, "stop")
	time.Sleep(100 * time.Millisecond)
	log, _ := os.ReadFile(filepath.Join(dir, "log.json"))
	if !strings.Contains(string(log), "session built after the first check from the cache") {
		t.Errorf("the log does not show the session built in the background:\n%s", log)
	}

	// Without a cache, the daemon starts as without the flag.
	bare := t.TempDir()
	write(t, bare, "a.py", "from b import f\nx: int = f()\n")
	write(t, bare, "b.py", "def f() -> str:\n    return 'a'\n")
	expect(t, bare, "Daemon started\n"+report, 1,
		append([]string{"run", "--perf-stats-file", "first.json", "--", "--use-fine-grained-cache"}, flags...)...)
	t.Cleanup(func() { typd(t, bare, "kill") })
	text, _ = os.ReadFile(filepath.Join(bare, "first.json"))
	if err := json.Unmarshal(text, &stats); err != nil || stats["analyzed_modules"] == 0.0 {
		t.Errorf("the first check without a cache: %s (%v)", text, err)
	}
	if _, err := os.Stat(filepath.Join(bare, ".typd_cache")); err == nil {
		t.Error("a daemon started without a cache made one")
	}
	expect(t, bare, "Daemon stopped\n", 0, "stop")
}
