package checker_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"typd/checker"
	"typd/checker/diag"
	"typd/checker/fsys"
	"typd/checker/options"
	"typd/checker/sources"
	"typd/checker/typeshed"
)

// TestSessionMatchesColdCheck edits a small program step by step and
// checks it both through one session and cold: the output must be the
// same, and the session must re-check only what an edit can affect.
func TestSessionMatchesColdCheck(t *testing.T) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	stubs := fsys.FromFS(embedded)
	opts, _, err := options.Parse([]string{"--python-version", "3.12", "--no-site-packages"})
	if err != nil {
		t.Fatal(err)
	}
	files := fsys.Map{
		"lib.py":   []byte("class C:\n    def __init__(self) -> None:\n        self.x = 1\n\ndef f(a: int) -> int:\n    return a\n"),
		"main.py":  []byte("import lib\nv: int = lib.f(1)\nw: str = lib.C().x\n"),
		"other.py": []byte("z: int = ''\n"),
	}
	srcs := []sources.Source{{Path: "lib.py", Module: "lib"}, {Path: "main.py", Module: "main"}, {Path: "other.py", Module: "other"}}
	sess := checker.NewSession()
	steps := []struct {
		name     string
		edit     func()
		analyzed int
	}{
		{"first check", func() {}, 3},
		{"nothing changed", func() {}, 0},
		{"function body", func() {
			files["lib.py"] = []byte("class C:\n    def __init__(self) -> None:\n        self.x = 1\n\ndef f(a: int) -> int:\n    b: str = 1\n    return a\n")
		}, 1},
		{"line added above", func() {
			files["lib.py"] = append([]byte("# comment\n"), files["lib.py"]...)
		}, 1},
		{"attribute type", func() {
			files["lib.py"] = []byte("class C:\n    def __init__(self) -> None:\n        self.x = ''\n\ndef f(a: int) -> int:\n    return a\n")
		}, 2},
		{"signature", func() {
			files["lib.py"] = []byte("class C:\n    def __init__(self) -> None:\n        self.x = ''\n\ndef f(a: int) -> str:\n    return ''\n")
		}, 2},
		{"import added", func() {
			files["main.py"] = []byte("import lib\nimport other\nv: int = lib.f(1)\nw: str = other.z\n")
		}, 1},
		{"syntax error", func() { files["other.py"] = []byte("z: int = (\n") }, 0},
		// main imports other now: other's interface is new to it.
		{"syntax error fixed", func() { files["other.py"] = []byte("z: int = 1\n") }, 2},
		// A definition no other file names cannot change another module's
		// check: writing a new function re-checks its module alone...
		{"new function nothing names", func() {
			files["lib.py"] = append(files["lib.py"], []byte("def fresh(a: int) -> int:\n    return a\n")...)
		}, 1},
		{"its signature edited", func() {
			files["lib.py"] = bytes.Replace(files["lib.py"], []byte("def fresh(a: int) -> int"), []byte("def fresh(a: str) -> int"), 1)
		}, 1},
		// ... until another file names it (here in a string annotation):
		// then that file sees it change.
		{"named in a string", func() {
			files["main.py"] = append(files["main.py"], []byte("u: \"int\" = lib.fresh('')\nq: 'Callable[[str], int]' = lib.fresh # fresh\n")...)
		}, 1},
		{"named signature edited", func() {
			files["lib.py"] = bytes.Replace(files["lib.py"], []byte("def fresh(a: str) -> int"), []byte("def fresh(a: bytes) -> int"), 1)
		}, 2},
		{"new class nothing names", func() {
			files["other.py"] = append(files["other.py"], []byte("class Fresh:\n    y = 1\n")...)
		}, 1},
		// A name written twice in its own file is not hidden, but the
		// statement that names it again binds nothing main reads: main
		// keeps its diagnostics.
		{"named in its own file", func() {
			files["other.py"] = append(files["other.py"], []byte("Fresh.y = 2\n")...)
		}, 1},
		// A changed signature re-checks a module that names it; one that
		// does not keeps its diagnostics (main imports other, which does
		// not name lib.f).
		{"signature named by one module", func() {
			files["lib.py"] = bytes.Replace(files["lib.py"], []byte("def f(a: int) -> str"), []byte("def f(a: int) -> bytes"), 1)
		}, 2},
		{"variable whose type derives from it", func() {
			files["other.py"] = append(files["other.py"], []byte("import lib\nderived = lib.f(1)\n")...)
			files["main.py"] = append(files["main.py"], []byte("d: int = other.derived\n")...)
		}, 2},
		{"signature read through another module's variable", func() {
			files["lib.py"] = bytes.Replace(files["lib.py"], []byte("def f(a: int) -> bytes"), []byte("def f(a: int) -> int"), 1)
		}, 3},
		// Whether a body is trivial is seen from outside: super() reaching
		// an abstract method that does nothing is unsafe [safe-super].
		{"abstract method called through super()", func() {
			files["lib.py"] = append(files["lib.py"], []byte("from abc import abstractmethod\nclass Base:\n    @abstractmethod\n    def meth(self) -> int: ...\n")...)
			files["main.py"] = append(files["main.py"], []byte("class Sub(lib.Base):\n    def meth(self) -> int:\n        return super().meth()\n")...)
		}, 3}, // (other.py imports lib too)
		{"its body made to do something", func() {
			files["lib.py"] = bytes.Replace(files["lib.py"], []byte("def meth(self) -> int: ..."), []byte("def meth(self) -> int: return 0"), 1)
		}, 2},
		// A class with two bases compares the definitions they give a
		// name its own text need not hold.
		{"a class inheriting from two", func() {
			files["lib.py"] = append(files["lib.py"], []byte("class M1:\n    def mf(self, x: int) -> None: pass\n    def mg(self) -> None:\n        self.mv = 1\nclass M2:\n    def mf(self, x: int) -> None: pass\n    mv = 2\n")...)
			files["other.py"] = append(files["other.py"], []byte("class Both(lib.M1, lib.M2): pass\n")...)
		}, 2},
		{"a method of one base changed", func() {
			files["lib.py"] = bytes.Replace(files["lib.py"], []byte("class M1:\n    def mf(self, x: int)"), []byte("class M1:\n    def mf(self, x: str)"), 1)
		}, 2},
		{"an attribute of one base changed", func() {
			files["lib.py"] = bytes.Replace(files["lib.py"], []byte("self.mv = 1"), []byte("self.mv = ''"), 1)
		}, 2},
	}
	for i, step := range steps {
		step.edit()
		cfg := checker.Config{Files: files, Typeshed: stubs, Options: opts}
		if i%2 == 1 {
			// A check cancelled before it ends leaves no result and the
			// previous snapshot; the next check answers as if it had not run.
			before, _ := sess.Snapshot()
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if res, err := sess.CheckContext(ctx, cfg, srcs); res != nil || err != context.Canceled {
				t.Fatalf("%s: a cancelled check gave %v, %v", step.name, res, err)
			}
			if after, _ := sess.Snapshot(); after != before {
				t.Errorf("%s: a cancelled check replaced the snapshot", step.name)
			}
		}
		warm := sess.Check(cfg, srcs)
		cold := checker.Check(cfg, srcs)
		if got, want := format(warm.Diagnostics), format(cold.Diagnostics); got != want {
			t.Errorf("%s: session printed\n%s\ncold check printed\n%s", step.name, got, want)
		}
		if warm.Analyzed != step.analyzed {
			t.Errorf("%s: session analysed %d modules, want %d", step.name, warm.Analyzed, step.analyzed)
		}
	}
}

func format(ds []diag.Diagnostic) string {
	var b strings.Builder
	diag.Format{}.Write(&b, ds)
	return b.String()
}

// stopAfter is a context that reports itself cancelled from its n+1st
// question on: a check asks before each module.
type stopAfter struct {
	context.Context
	n int
}

func (c *stopAfter) Err() error {
	if c.n == 0 {
		return context.Canceled
	}
	c.n--
	return nil
}

// TestSessionCancelledMidway stops a first check after one module: the
// next check reuses that module's result and prints what a cold check
// prints.
func TestSessionCancelledMidway(t *testing.T) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	opts, _, err := options.Parse([]string{"--python-version", "3.12", "--no-site-packages"})
	if err != nil {
		t.Fatal(err)
	}
	files := fsys.Map{"a.py": []byte("x: int = ''\n"), "b.py": []byte("import a\ny: str = a.x\n"),
		"c.py": []byte("import b\nz: int = b.y\n")}
	srcs := []sources.Source{{Path: "a.py", Module: "a"}, {Path: "b.py", Module: "b"}, {Path: "c.py", Module: "c"}}
	cfg := checker.Config{Files: files, Typeshed: fsys.FromFS(embedded), Options: opts}
	sess := checker.NewSession()
	// One question after loading, one before module a, then the stop.
	if res, err := sess.CheckContext(&stopAfter{context.Background(), 2}, cfg, srcs); res != nil || err != context.Canceled {
		t.Fatalf("the stopped check gave %v, %v", res, err)
	}
	if _, err := sess.Snapshot(); err != checker.ErrNoCheck {
		t.Errorf("a stopped first check left a snapshot: %v", err)
	}
	warm := sess.Check(cfg, srcs)
	cold := checker.Check(cfg, srcs)
	if got, want := format(warm.Diagnostics), format(cold.Diagnostics); got != want {
		t.Errorf("after a stopped check the session printed\n%s\ncold check printed\n%s", got, want)
	}
	if warm.Analyzed != 2 {
		t.Errorf("analysed %d modules after the stop, want 2 (a was kept)", warm.Analyzed)
	}
}

// TestSessionIsolatesSyntaxErrors checks, with IsolateSyntaxErrors, that a
// file that stops parsing is reported by its syntax error alone while the
// other files are checked against its last parse, their diagnostics and
// queries still there; that a file that never parsed still stops the
// check; and that without the option the check stops, as mypy's does.
func TestSessionIsolatesSyntaxErrors(t *testing.T) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	opts, _, err := options.Parse([]string{"--python-version", "3.12", "--no-site-packages"})
	if err != nil {
		t.Fatal(err)
	}
	files := fsys.Map{"lib.py": []byte("def f() -> int:\n    return 1\n"), "main.py": []byte("import lib\nx: str = lib.f()\n")}
	srcs := []sources.Source{{Path: "lib.py", Module: "lib"}, {Path: "main.py", Module: "main"}}
	cfg := checker.Config{Files: files, Typeshed: fsys.FromFS(embedded), Options: opts, IsolateSyntaxErrors: true}
	sess := checker.NewSession()
	sess.Check(cfg, srcs)
	files["lib.py"] = []byte("def f() -> int:\n    return 1 +\n")
	res := sess.Check(cfg, srcs)
	want := "lib.py:2: error: Invalid syntax  [syntax]\n" +
		"main.py:2: error: Incompatible types in assignment (expression has type \"int\", variable has type \"str\")  [assignment]\n"
	if got := format(res.Diagnostics); got != want {
		t.Errorf("a file that stopped parsing:\n%s\nwant\n%s", got, want)
	}
	snap, err := sess.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := snap.Inspect("main.py"); err != nil {
		t.Errorf("main.py: %v", err)
	}
	if ins, err := snap.Inspect("lib.py"); err != checker.ErrStale || ins == nil || !strings.Contains(string(ins.Text), "return 1\n") {
		t.Errorf("lib.py: %v", err)
	}
	// mypy's mode: the syntax error stops the check.
	cold := cfg
	cold.IsolateSyntaxErrors = false
	if got := format(checker.Check(cold, srcs).Diagnostics); got != "lib.py:2: error: Invalid syntax  [syntax]\n" {
		t.Errorf("without isolation: %q", got)
	}
	// A new file that never parsed stops the check even so.
	files["new.py"] = []byte("y = 1 +\n")
	res = sess.Check(cfg, append(srcs, sources.Source{Path: "new.py", Module: "new"}))
	if _, err := sess.Snapshot(); err != checker.ErrNoCheck || !strings.Contains(format(res.Diagnostics), "new.py:1: error: Invalid syntax") {
		t.Errorf("a file that never parsed: %v\n%s", err, format(res.Diagnostics))
	}
}

// TestSessionNewOptions checks the same files through one session under
// other options: the session answers as a cold check under them (the
// options are part of what it keeps).
func TestSessionNewOptions(t *testing.T) {
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	files := fsys.Map{"a.py": []byte("def f(x):\n    return x\n")}
	srcs := []sources.Source{{Path: "a.py", Module: "a"}}
	sess := checker.NewSession()
	for _, args := range [][]string{{}, {"--disallow-untyped-defs"}, {}} {
		opts, _, err := options.Parse(append([]string{"--python-version", "3.12", "--no-site-packages"}, args...))
		if err != nil {
			t.Fatal(err)
		}
		cfg := checker.Config{Files: files, Typeshed: fsys.FromFS(embedded), Options: opts}
		if got, want := format(sess.Check(cfg, srcs).Diagnostics), format(checker.Check(cfg, srcs).Diagnostics); got != want {
			t.Errorf("%v: the session printed\n%s\na cold check\n%s", args, got, want)
		}
	}
}
