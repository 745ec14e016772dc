package daemon_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRecheckMatchesColdCheck holds DESIGN.md invariant 3 for the daemon:
// after each edit of a series, `recheck` (the built-in watcher finding the
// change) prints byte for byte what a cold `typd check` of the same files
// prints, with the same exit code.
func TestRecheckMatchesColdCheck(t *testing.T) {
	dir := t.TempDir()
	flags := []string{"--no-site-packages", "--python-version", "3.12"}
	write(t, dir, "pkg/__init__.py", "")
	write(t, dir, "pkg/lib.py", "class C:\n    def __init__(self) -> None:\n        self.x = 1\n\ndef f(a: int) -> int:\n    return a\n")
	write(t, dir, "pkg/main.py", "from pkg.lib import f, C\nfrom pkg import lib\nv: int = f(1)\nw = lib.C().x\n")
	// The daemon has its own status file, so that `typd check` without
	// one is a cold, in-process check.
	daemon := []string{"--status-file", "daemon.json"}
	out, code := typd(t, dir, append(append(daemon, "start", "--"), flags...)...)
	if code != 0 {
		t.Fatalf("start: %s", out)
	}
	defer typd(t, dir, append(daemon, "kill")...)
	if out, code := typd(t, dir, append(daemon, "check", "pkg")...); code == 2 {
		t.Fatalf("check: %s", out)
	}
	steps := []struct {
		name string
		edit func()
	}{
		{"nothing changed", func() {}},
		{"body change", func() {
			write(t, dir, "pkg/lib.py", "class C:\n    def __init__(self) -> None:\n        self.x = 1\n\ndef f(a: int) -> int:\n    b: str = 2\n    return a\n")
		}},
		{"signature change", func() {
			write(t, dir, "pkg/lib.py", "class C:\n    def __init__(self) -> None:\n        self.x = 1\n\ndef g(a: int) -> int:\n    return a\n")
		}},
		{"new file", func() { write(t, dir, "pkg/extra.py", "from pkg.lib import g\nn: str = None\n") }},
		{"new file imported", func() {
			write(t, dir, "pkg/main.py", "from pkg.lib import g, C\nfrom pkg import lib, extra\nv: int = g(1)\nw = lib.C().x\n")
		}},
		{"deleted file", func() { os.Remove(filepath.Join(dir, "pkg", "extra.py")) }},
		{"syntax error", func() { write(t, dir, "pkg/lib.py", "def g(a: int) -> int:\n    return (a\n") }},
		{"syntax error fixed", func() { write(t, dir, "pkg/lib.py", "def g(a: int) -> int:\n    return a\nx: bytes = ''\n") }},
		{"touched, unchanged", func() {
			p := filepath.Join(dir, "pkg", "lib.py")
			text, _ := os.ReadFile(p)
			os.WriteFile(p, text, 0o644)
		}},
	}
	distinct := map[string]bool{}
	for _, step := range steps {
		step.edit()
		warm, warmCode := typd(t, dir, append(daemon, "recheck")...)
		cold, coldCode := typd(t, dir, append(append([]string{"check"}, flags...), "pkg")...)
		distinct[cold] = true
		if warm != cold || warmCode != coldCode {
			t.Errorf("%s: recheck printed (exit %d)\n%s\na cold check printed (exit %d)\n%s", step.name, warmCode, warm, coldCode, cold)
		}
	}
	// The edits must change the answer, or the comparison proves little.
	if len(distinct) < 5 {
		t.Errorf("only %d distinct answers over %d steps: %v", len(distinct), len(steps), distinct)
	}
}
