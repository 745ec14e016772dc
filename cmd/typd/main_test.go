package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"typd/internal/testbinary"
	"typd/server/protocol"
)

// buildTypd builds the real binaries, the front end and the engine, for
// the end-to-end tests.
func buildTypd(t *testing.T) string {
	t.Helper()
	bin, err := testbinary.Build(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

func runTypd(t *testing.T, bin, dir string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), code
}

// TestBinary drives the built binary: check on a folder, a clean file,
// usage errors, version, and debug ast.
func TestBinary(t *testing.T) {
	bin := buildTypd(t)
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("pkg/__init__.py", "")
	write("pkg/good.py", "x: int = 1\n")
	write("pkg/bad.py", "def f(:\n    pass\n")
	write("ok.py", "print('hi')\n")
	write("other/ok.py", "")
	os.MkdirAll(filepath.Join(dir, "empty", "sub"), 0o755)

	for _, tc := range []struct {
		args []string
		out  string
		code int
	}{
		{[]string{"check", "pkg"}, "pkg/bad.py:1: error: Invalid syntax  [syntax]\nFound 1 error in 1 file (errors prevented further checking)\n", 2},
		{[]string{"check", "--show-column-numbers", "--hide-error-codes", "pkg/bad.py"}, "pkg/bad.py:1:8: error: Invalid syntax\nFound 1 error in 1 file (errors prevented further checking)\n", 2},
		{[]string{"check", "ok.py"}, "Success: no issues found in 1 source file\n", 0},
		{[]string{"check", "--no-error-summary", "ok.py", "pkg/good.py"}, "", 0},
		{[]string{"check"}, "Missing target module, package, files, or command.\n", 2},
		{[]string{"check", "empty"}, "There are no .py[i] files in directory 'empty'\n", 2},
		{[]string{"check", "ok.py", "other/ok.py"}, "other/ok.py: error: Duplicate module named \"ok\" (also at \"ok.py\")\n" +
			"other/ok.py: note: See https://mypy.readthedocs.io/en/stable/running_mypy.html#mapping-file-paths-to-modules for more info\n" +
			"other/ok.py: note: Common resolutions include: a) using `--exclude` to avoid checking one of them, b) adding `__init__.py` somewhere, c) using `--explicit-package-bases` or adjusting MYPYPATH\n" +
			"Found 1 error in 1 file (errors prevented further checking)\n", 2},
		{[]string{"check", "ok.py", "ok.py"}, "ok.py: error: Duplicate module named \"ok\" (also at \"ok.py\")\n", 2},
		{[]string{"nonsense"}, "typd: unknown command \"nonsense\"\n", 2},
		{[]string{"check", "--help"}, "usage: typd check [-h] [options] [-m MODULE] [-p PACKAGE] [-c PROGRAM_TEXT] [files ...]\n\nType check Python files as mypy does.\n", 0},
	} {
		out, code := runTypd(t, bin, dir, tc.args...)
		if code != tc.code || !strings.HasPrefix(out, tc.out) {
			t.Errorf("typd %v: exit %d, output\n%s\nwant exit %d, output\n%s", tc.args, code, out, tc.code, tc.out)
		}
	}
	// An unreadable file and a file that is not UTF-8 are clear errors.
	write("secret.py", "x = 1\n")
	os.Chmod(filepath.Join(dir, "secret.py"), 0)
	if os.Getuid() != 0 {
		out, code := runTypd(t, bin, dir, "check", "secret.py")
		if code != 2 || !strings.Contains(out, "secret.py: error: Cannot read file 'secret.py'") {
			t.Errorf("unreadable file: exit %d, %q", code, out)
		}
	}
	write("latin.py", "s = '\xe9'\n")
	out, code := runTypd(t, bin, dir, "check", "latin.py")
	if code != 2 || !strings.Contains(out, "latin.py:1: error: (unicode error) 'utf-8' codec can't decode byte 0xe9 in position 0: unexpected end of data  [syntax]") {
		t.Errorf("non-UTF-8 file: exit %d, %q", code, out)
	}
	if out, code := runTypd(t, bin, dir, "version"); code != 0 || !strings.HasPrefix(out, "typd ") {
		t.Errorf("version: %d %q", code, out)
	}
	out, code = runTypd(t, bin, dir, "debug", "ast", "ok.py")
	want := "Module(body=[Expr(value=Call(func=Name(id='print', ctx=Load(), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5), args=[Constant(value='hi', lineno=1, col_offset=6, end_lineno=1, end_col_offset=10)], keywords=[], lineno=1, col_offset=0, end_lineno=1, end_col_offset=11), lineno=1, col_offset=0, end_lineno=1, end_col_offset=11)], type_ignores=[])\n"
	if code != 0 || out != want {
		t.Errorf("debug ast: %d %q", code, out)
	}
	// debug diff: what a new version of a module changes, as mypy's
	// fine-grained mode names it (messages of each version first).
	write("old.py", "class A:\n    def f(self) -> None:\n        self.x = 1\nx = 1\ndef g(a: int) -> str: ...\n")
	write("new.py", "class A:\n    def f(self) -> None:\n        self.x = ''\nx = 1\ny = 2\ndef g(a: int, b: int = 0) -> str: ...\n")
	out, code = runTypd(t, bin, dir, "debug", "diff", "--allow-empty-bodies", "old.py", "new.py")
	if want := "old.A.x\nold.g\nold.y\n"; code != 0 || out != want {
		t.Errorf("debug diff: exit %d, output\n%s\nwant\n%s", code, out, want)
	}
	out, code = runTypd(t, bin, dir, "debug", "diff", "old.py", "new.py")
	if want := "old.py:5: error: Missing return statement  [empty-body]\n== next ==\nold.py:6: error: Missing return statement  [empty-body]\nold.A.x\n"; code != 0 || !strings.HasPrefix(out, want) {
		t.Errorf("debug diff with messages: exit %d, output\n%s\nwant\n%s", code, out, want)
	}
	// debug deps: the fine-grained dependency map, in mypy's deps*.test
	// format.
	write("deps.py", "class A:\n    def g(self) -> None:\n        self.x = 1\ndef f(a: A) -> None:\n    a.g()\n    a.x\n")
	out, code = runTypd(t, bin, dir, "debug", "deps", "deps.py")
	if want := "<deps.A.g> -> deps.f\n<deps.A.x> -> deps.A.g, deps.f\n<deps.A> -> <deps.f>, deps.A, deps.f\n"; code != 0 || out != want {
		t.Errorf("debug deps: exit %d, output\n%s\nwant\n%s", code, out, want)
	}
	for _, args := range [][]string{{"debug", "diff", "old.py"}, {"debug", "diff", "old.py", "missing.py"}, {"debug", "diff", "--bogus", "old.py", "new.py"},
		{"debug", "deps"}, {"debug", "deps", "--bogus", "deps.py"}} {
		if out, code := runTypd(t, bin, dir, args...); code != 2 || out == "" {
			t.Errorf("typd %v: exit %d, output %q; want a usage error", args, code, out)
		}
	}
}

// TestBinaryLSP runs `typd lsp` as an editor does, over the process's
// stdin and stdout: a session that ends with shutdown and exit (exit code
// 0) after the workspace's diagnostics came, one that exits without
// shutdown (1), and a usage error (2).
func TestBinaryLSP(t *testing.T) {
	bin := buildTypd(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mypy.ini"), []byte("[mypy]\npython_version = 3.12\nno_site_packages = True\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.py"), []byte("x: int = 'one'\n"), 0o644)
	frame := func(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }
	initialize := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":"file://`+dir+`","capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	for _, tc := range []struct {
		name  string
		args  []string
		input func(w io.Writer, out *bufio.Reader)
		code  int
	}{
		{"shutdown and exit", []string{"lsp", "--log-file", filepath.Join(dir, "lsp.log")}, func(w io.Writer, out *bufio.Reader) {
			io.WriteString(w, initialize)
			for {
				line, err := out.ReadString('}')
				if err != nil {
					t.Errorf("no diagnostics before the end of the output: %v", err)
					return
				}
				if strings.Contains(line, "Incompatible types in assignment") {
					break
				}
			}
			io.WriteString(w, frame(`{"jsonrpc":"2.0","id":2,"method":"shutdown"}`)+frame(`{"jsonrpc":"2.0","method":"exit"}`))
		}, 0},
		{"exit without shutdown", []string{"lsp"}, func(w io.Writer, out *bufio.Reader) {
			io.WriteString(w, initialize+frame(`{"jsonrpc":"2.0","method":"exit"}`))
		}, 1},
		{"usage error", []string{"lsp", "--bogus"}, func(io.Writer, *bufio.Reader) {}, 2},
	} {
		cmd := exec.Command(bin, tc.args...)
		cmd.Dir = dir
		stdin, _ := cmd.StdinPipe()
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		tc.input(stdin, bufio.NewReader(stdout))
		io.Copy(io.Discard, stdout)
		err := cmd.Wait()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d (%v)", tc.name, code, tc.code, err)
		}
	}
	if log, err := os.ReadFile(filepath.Join(dir, "lsp.log")); err != nil || !strings.Contains(string(log), `"message":"initialize"`) {
		t.Errorf("the log file: %v %q", err, log)
	}
}

// TestFrontEndAnswersItself: with a daemon running, the front end answers
// the daemon's commands without its engine (here moved away after the
// daemon started); a command that needs the engine then fails with a
// clear message, exit 2, and so does a run that must restart the daemon.
func TestFrontEndAnswersItself(t *testing.T) {
	bin := buildTypd(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.py"), []byte("x: int = ''\n"), 0o644)
	flags := []string{"--no-site-packages", "--python-version", "3.12", "a.py"}
	if out, code := runTypd(t, bin, dir, append([]string{"run", "--"}, flags...)...); code != 1 {
		t.Fatalf("run: exit %d\n%s", code, out)
	}
	engine := filepath.Join(filepath.Dir(bin), "typd-engine")
	moved := engine + ".away"
	if err := os.Rename(engine, moved); err != nil {
		t.Fatal(err)
	}
	defer func() {
		os.Rename(moved, engine)
		runTypd(t, bin, dir, "kill")
	}()
	want := "a.py:1: error: Incompatible types in assignment (expression has type \"str\", variable has type \"int\")  [assignment]\nFound 1 error in 1 file (checked 1 source file)\n"
	for _, args := range [][]string{{"recheck"}, {"check", "a.py"}, append([]string{"run", "--"}, flags...)} {
		if out, code := runTypd(t, bin, dir, args...); code != 1 || out != want {
			t.Errorf("typd %v without the engine: exit %d\n%s", args, code, out)
		}
	}
	if out, code := runTypd(t, bin, dir, "status"); code != 0 || out != "Daemon is up and running\n" {
		t.Errorf("status without the engine: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"version"}, {"check", "--strict", "a.py"}, {"run", "--", "--strict", "a.py"}, {"restart"}} {
		out, code := runTypd(t, bin, dir, args...)
		if code != 2 || !strings.HasPrefix(out, "typd: cannot run typd's engine "+engine+" (it is built and installed beside typd: make build): ") {
			t.Errorf("typd %v without the engine: exit %d\n%s", args, code, out)
		}
	}
}

// runTypdEnv runs the binary in dir with extra environment variables and
// returns its stdout, its stderr and its exit code.
func runTypdEnv(t *testing.T, bin, dir string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// goRuntimeTrace is what GODEBUG=inittrace=1 makes Go's runtime print on
// stderr when it starts: the fast path of `typd recheck` (fastrecheck.c)
// answered a command line exactly when its stderr has none of it.
const goRuntimeTrace = "init runtime @"

// withoutTrace drops the lines of GODEBUG=inittrace=1 from stderr.
func withoutTrace(stderr string) string {
	var kept []string
	for _, line := range strings.SplitAfter(stderr, "\n") {
		if !strings.HasPrefix(line, "init ") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "")
}

// TestFastRecheck holds `typd recheck`'s two paths to the same output:
// the C fast path (fastrecheck.c), which answers before Go's runtime
// starts, and the Go client, which `typd --status-file .dmypy.json
// recheck` always takes. The fast path must answer a plain recheck (with
// errors, and clean) and must leave every case it does not handle exactly
// (a width it does not parse, no status file or a malformed, foreign or
// dead one, a socket nobody listens on, a daemon that answers with an
// error) to the Go client, having printed nothing.
func TestFastRecheck(t *testing.T) {
	bin := buildTypd(t)
	dir := t.TempDir()
	write := func(dir, name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Messages with non-ASCII text, quotes, backslashes and a tab, which
	// the answer's JSON escapes.
	write(dir, "a.py", "x: int = 'caf\u00e9'\nreveal_type('\"\\\\\\t\u00e9\U0001F600')\n")
	flags := []string{"--no-site-packages", "--python-version", "3.12", "--pretty", "a.py"}
	if out, _, code := runTypdEnv(t, bin, dir, nil, append([]string{"run", "--"}, flags...)...); code != 1 {
		t.Fatalf("run: exit %d\n%s", code, out)
	}
	defer runTypd(t, bin, dir, "kill")
	trace := []string{"GODEBUG=inittrace=1"}
	same := func(what, dir string, env []string, fast bool) {
		t.Helper()
		env = append(env, trace...)
		out, errOut, code := runTypdEnv(t, bin, dir, env, "recheck")
		goOut, goErr, goCode := runTypdEnv(t, bin, dir, env, "--status-file", ".dmypy.json", "recheck")
		if took := !strings.Contains(errOut, goRuntimeTrace); took != fast {
			t.Errorf("%s: the fast path answered: %v, want %v", what, took, fast)
		}
		if out != goOut || withoutTrace(errOut) != withoutTrace(goErr) || code != goCode {
			t.Errorf("%s: typd recheck printed\n%s%s(exit %d)\nthe Go client\n%s%s(exit %d)", what, out, withoutTrace(errOut), code,
				goOut, withoutTrace(goErr), goCode)
		}
	}
	same("errors", dir, nil, true)
	same("a width", dir, []string{"COLUMNS=40"}, true)
	same("a forced width", dir, []string{"MYPY_FORCE_TERMINAL_WIDTH=+120", "COLUMNS=x"}, true)
	same("a width the fast path leaves", dir, []string{"COLUMNS=40x"}, false)
	write(dir, "a.py", "x: int = 1\n")
	same("clean", dir, nil, true)
	if out, _, code := runTypdEnv(t, bin, dir, nil, "recheck"); code != 0 || out != "Success: no issues found in 1 source file\n" {
		t.Errorf("clean recheck: exit %d\n%s", code, out)
	}

	// Status files the fast path leaves to the Go client.
	other := t.TempDir()
	same("no status file", other, nil, false)
	statusOf := func(text string) {
		write(other, ".dmypy.json", text)
	}
	status, err := os.ReadFile(filepath.Join(dir, ".dmypy.json"))
	if err != nil {
		t.Fatal(err)
	}
	live := string(status)
	for _, tc := range []struct{ what, text string }{
		{"a malformed status file", live[:len(live)/2]},
		{"a status file with text after it", strings.TrimSpace(live) + "x"},
		{"a foreign status file", strings.Replace(live, `"typd_version"`, `"version"`, 1)},
		{"a dead daemon", `{"pid":999999999,"connection_name":"/nonexistent/typd.sock","typd_version":"0"}`},
		{"a socket nobody listens on", fmt.Sprintf(`{"pid":%d,"connection_name":%q,"typd_version":"0"}`, os.Getpid(), filepath.Join(other, "no.sock"))},
		{"a pid that is no integer", strings.Replace(live, `"pid":`, `"pid":0.5+`, 1)},
	} {
		statusOf(tc.text)
		same(tc.what, other, nil, false)
	}
	os.Remove(filepath.Join(other, ".dmypy.json"))

	// A daemon that has checked nothing answers a recheck with an error.
	if out, code := runTypd(t, bin, other, "start", "--", "--no-site-packages"); code != 0 {
		t.Fatalf("start: exit %d\n%s", code, out)
	}
	defer runTypd(t, bin, other, "kill")
	same("an error", other, nil, false)
	if _, errOut, code := runTypdEnv(t, bin, other, nil, "recheck"); code != 2 || !strings.Contains(errOut, "only valid after a 'check' command") {
		t.Errorf("recheck before a check: exit %d\n%s", code, errOut)
	}
}

// TestFastRecheckBadInput feeds both paths of `typd recheck` mutated
// status files and mutated answers from a daemon's socket (a listener of
// this test that answers every request with the bytes it is given): the
// fast path must print what the Go client prints, or leave the case to
// it, and never crash.
func TestFastRecheckBadInput(t *testing.T) {
	bin := buildTypd(t)
	dir := t.TempDir()
	sock := filepath.Join(dir, "d.sock")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var mu sync.Mutex
	var answer []byte
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			var req protocol.Request
			protocol.ReadMessage(c, &req)
			mu.Lock()
			frame := binary.BigEndian.AppendUint32(nil, uint32(len(answer)))
			c.Write(append(frame, answer...))
			mu.Unlock()
			c.Close()
		}
	}()
	status := fmt.Sprintf(`{"pid": %d, "connection_name": %q, "typd_version": "0"}`, os.Getpid(), sock)
	goodAnswer := `{"out":"a.py:1: error: \"x\" \u00e9\ud83d\ude00\\ \t\/\n","err":"warn\n","status":1,` +
		`"stats":{"total_time":0.5e-3,"list":[1,-2,{"a":null,"b":true,"c":false}],"s":""},"python_version":"3.12"}`
	rng := rand.New(rand.NewPCG(1, 2))
	mutate := func(s string) string {
		b := []byte(s)
		switch rng.IntN(4) {
		case 0:
			return string(b[:rng.IntN(len(b))])
		case 1:
			b[rng.IntN(len(b))] = `"\{}[],:0-e.u9 x`[rng.IntN(16)]
		case 2:
			i := rng.IntN(len(b))
			b = append(b[:i], append([]byte(`\u`[rng.IntN(2):]), b[i:]...)...)
		case 3:
			i := rng.IntN(len(b))
			b = append(b[:i], b[i+1:]...)
		}
		return string(b)
	}
	compare := func(what string) {
		t.Helper()
		out, errOut, code := runTypdEnv(t, bin, dir, nil, "recheck")
		goOut, goErr, goCode := runTypdEnv(t, bin, dir, nil, "--status-file", ".dmypy.json", "recheck")
		if out != goOut || errOut != goErr || code != goCode {
			t.Errorf("%s: typd recheck printed\n%s%s(exit %d)\nthe Go client\n%s%s(exit %d)", what, out, errOut, code, goOut, goErr, goCode)
		}
	}
	set := func(statusText, answerText string) {
		if err := os.WriteFile(filepath.Join(dir, ".dmypy.json"), []byte(statusText), 0o644); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		answer = []byte(answerText)
		mu.Unlock()
	}
	set(status, goodAnswer)
	// (No runtime's trace on stderr: the fast path answered.)
	out, errOut, code := runTypdEnv(t, bin, dir, []string{"GODEBUG=inittrace=1"}, "recheck")
	if code != 1 || out != "a.py:1: error: \"x\" é😀\\ \t/\n" || errOut != "warn\n" {
		t.Errorf("the well-formed answer: exit %d, %q, %q", code, out, errOut)
	}
	compare("the well-formed answer")
	for i := 0; i < 60; i++ {
		s := mutate(status)
		set(s, goodAnswer)
		compare("status file " + s)
	}
	for i := 0; i < 120; i++ {
		a := mutate(goodAnswer)
		set(status, a)
		compare("answer " + a)
	}
}
