package daemon_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"typd/internal/casefile"
	"typd/internal/testbinary"
)

// typdBinary is the binary under test, built once by TestMain.
var typdBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "typd-daemon-test-")
	if err != nil {
		panic(err)
	}
	typdBinary, err = testbinary.Build(dir)
	if err != nil {
		os.RemoveAll(dir)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// leftOut are the cases of mypy's daemon.test that typd does not pass yet,
// with the reason. Every other case must pass; a left-out case that starts
// passing fails the test until it is taken off this list.
var leftOut = map[string]string{
	"testDaemonQuickstart": "depends on mypy's cache file names (.mypy_cache/3.11/bar.meta.ff) and runs mypy itself",
}

// TestMypyDaemonCases runs the cases of mypy's daemon.test step by step,
// reading dmypy as typd, each in a fresh folder with the real binary and
// real sockets.
func TestMypyDaemonCases(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix domain sockets")
	}
	path := filepath.Join("..", "..", "..", "shared", "mypy-test-data", "unit", "daemon.test")
	cases, err := casefile.ParseFile(path)
	if os.IsNotExist(err) {
		t.Skip("mypy's test data is not beside the repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("the cases run python3 for {python}")
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			why, isLeftOut := leftOut[c.Name]
			failure := runDaemonCase(t, c, python)
			switch {
			case isLeftOut && failure == "":
				t.Errorf("left out (%s) but passes: take it off the list", why)
			case !isLeftOut && failure != "":
				t.Error(failure)
			}
		})
	}
}

// runDaemonCase runs a case's steps and returns the first mismatch, or "".
func runDaemonCase(t *testing.T, c *casefile.Case, python string) string {
	dir := t.TempDir()
	for _, f := range c.Files {
		p := filepath.Join(dir, strings.TrimPrefix(f.Path, casefile.TempDir+"/"))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(f.Content+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	defer func() {
		// A case that does not stop its daemon leaves it to this.
		kill := exec.Command(typdBinary, "kill")
		kill.Dir = dir
		kill.Run()
	}()
	for i, step := range daemonSteps(c.Input) {
		cmd := step[0]
		// mypy's harness hides error codes in `dmypy run --` commands.
		if strings.HasPrefix(cmd, "dmypy run --") && !strings.Contains(cmd, "--show-error-codes") {
			cmd += " --hide-error-codes"
		}
		cmd = strings.ReplaceAll(cmd, "{python}", python)
		if rest, ok := strings.CutPrefix(cmd, "dmypy "); ok {
			cmd = typdBinary + " " + rest
		}
		sh := exec.Command("sh", "-c", cmd)
		sh.Dir = dir
		out, err := sh.CombinedOutput()
		got := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
		if len(out) == 0 {
			got = nil
		}
		if ee, ok := err.(*exec.ExitError); ok {
			got = append(got, "== Return code: "+strconv.Itoa(ee.ExitCode()))
		} else if err != nil {
			return err.Error()
		}
		var want []string
		for _, line := range step[1:] {
			line = strings.ReplaceAll(line, "mypy-daemon", "typd-daemon")
			want = append(want, strings.ReplaceAll(line, "dmypy", "typd"))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			return "step " + strconv.Itoa(i+1) + " (" + step[0] + "):\n--- want\n" + strings.Join(want, "\n") +
				"\n--- got\n" + strings.Join(got, "\n")
		}
	}
	return ""
}

// daemonSteps splits a case's input into steps: a `$ command` line and the
// output lines expected from it.
func daemonSteps(input string) [][]string {
	var steps [][]string
	for _, line := range strings.Split(input, "\n") {
		if cmd, ok := strings.CutPrefix(line, "$"); ok {
			steps = append(steps, []string{strings.TrimSpace(cmd)})
		} else if len(steps) > 0 {
			steps[len(steps)-1] = append(steps[len(steps)-1], line)
		}
	}
	for i, s := range steps {
		for len(s) > 1 && s[len(s)-1] == "" {
			s = s[:len(s)-1]
		}
		steps[i] = s
	}
	return steps
}
