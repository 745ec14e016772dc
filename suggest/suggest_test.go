package suggest_test

import (
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"typd/checker"
	"typd/checker/fsys"
	"typd/checker/options"
	"typd/checker/sources"
	"typd/checker/typeshed"
	"typd/suggest"
)

const lib = `from typing import Optional
class Point:
    def __init__(self, x: int) -> None:
        self.x = x
    def scale(self, by, *rest, **opts):
        return self
def area(w, h=1.0, *, label=None):
    if w:
        return w * h
    return None
def noop(x):
    pass
def shout(n: int, s, loud=False) -> str:
    return s * n
class Box:
    def __init__(self, size, label=""):
        self.size = size
data = 1
def bad(x):
    return x.upper()
def worse(x):
    return len(1)
`

const use = `from lib import Point, area, Box, bad
p = Point(1)
p.scale(2, 3, 4, flag=True)
Point.scale(p, 1.5)
area(2)
area(3.5, h=2.0)
area(w=1, label="x")
b = Box(3)
bad(1)
`

// TestSuggest checks suggestions, call sites, flags and failures against
// a small program.
func TestSuggest(t *testing.T) {
	ins := inspectAll(t, map[string]string{"lib": lib, "use": use})
	none := suggest.Options{FlexAny: -1}
	cases := []struct {
		function string
		o        suggest.Options
		out      string
		failure  string
	}{
		{function: "lib.area", o: none, out: "(float, float, str | None) -> float | None"},
		{function: "lib.area", o: suggest.Options{FlexAny: -1, Callsites: true},
			out: "use.py:5: (int)\nuse.py:6: (float, h=float)\nuse.py:7: (w=int, label=str)"},
		{function: "lib.Point.scale", o: none, out: "(float, *int, **bool) -> lib.Point"},
		{function: "lib.py:12", o: none, out: "(Any) -> None"},
		{function: "lib.noop", o: suggest.Options{FlexAny: -1, UseFixme: "FIXME"}, out: "(FIXME) -> None"},
		{function: "lib.shout", o: none, out: "(int, Any, bool) -> str"},
		{function: "lib.Box.__init__", o: none, out: "(int, str) -> None"},
		{function: "lib.Box.__init__", o: suggest.Options{FlexAny: -1, Callsites: true}, out: "use.py:8: (int)"},
		{function: "lib.noop", o: suggest.Options{FlexAny: -1, NoAny: true}, failure: "No guesses that match criteria!"},
		{function: "lib.area", o: suggest.Options{FlexAny: -1, NoAny: true}, out: "(float, float, str | None) -> float | None"},
		// The return type counts twice, as in mypy: (1 + 0 + 1 + 1 + 1) / 5.
		{function: "lib.shout", o: suggest.Options{FlexAny: -1, NoAny: true}, failure: "No guesses that match criteria!"},
		{function: "lib.shout", o: suggest.Options{FlexAny: 0.8}, out: "(int, Any, bool) -> str"},
		{function: "lib.shout", o: suggest.Options{FlexAny: 0.81}, failure: "No guesses that match criteria!"},
		{function: "lib.noop", o: suggest.Options{FlexAny: -1, JSON: true},
			out: `[{"func_name": "noop", "line": 11, "path": "` + abs(t, "lib.py") + `", "samples": 0, "signature": {"arg_types": ["Any"], "return_type": "None"}}]`},
		{function: "lib.noop", o: suggest.Options{FlexAny: -1, Callsites: true}, out: ""},
		// --no-errors: the only guess makes the body fail; the body fails
		// under any guess.
		{function: "lib.bad", o: none, out: "(int) -> Any"},
		{function: "lib.bad", o: suggest.Options{FlexAny: -1, NoErrors: true}, failure: "No annotation without errors"},
		{function: "lib.worse", o: suggest.Options{FlexAny: -1, NoErrors: true}, failure: "Function does not typecheck."},
		{function: "lib.data", o: none, failure: "Object lib.data is not a function"},
		{function: "lib.nope", o: none, failure: "Unknown function lib.nope"},
		{function: "lib.Point.nope", o: none, failure: "Unknown method lib.Point.nope"},
		{function: "lib.Nope.f", o: none, failure: "Unknown class lib.Nope"},
		{function: "lib.area.f", o: none, failure: "Object lib.area is not a class"},
		{function: "nomodule.f", o: none, failure: "Cannot find module for nomodule.f"},
		{function: "other.py:3", o: none, failure: "Unknown module: other.py"},
		{function: "lib.py:x", o: none, failure: "Line number must be a number. Got x"},
		{function: "a:b:c", o: none, failure: "Malformed location for function: a:b:c. Must be either package.module.Class.method or path/to/file.py:line"},
		{function: "lib.py:1", o: none, failure: "Cannot find a function at line 1"},
	}
	for _, c := range cases {
		out, err := suggest.Run(ins, c.function, c.o)
		switch {
		case c.failure != "" && (err == nil || err.Error() != c.failure):
			t.Errorf("%s: got %q, %v; want the failure %q", c.function, out, err, c.failure)
		case c.failure == "" && (err != nil || out != c.out):
			t.Errorf("%s %+v: got %q, %v; want %q", c.function, c.o, out, err, c.out)
		}
	}
}

// inspectAll checks modules (name to source, each in name.py) through a
// session and returns the snapshot of the check.
func inspectAll(t *testing.T, modules map[string]string) *checker.Snapshot {
	t.Helper()
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	opts, _, err := options.Parse([]string{"--python-version", "3.12", "--no-site-packages"})
	if err != nil {
		t.Fatal(err)
	}
	files := fsys.Map{}
	var srcs []sources.Source
	for _, name := range slices.Sorted(maps.Keys(modules)) {
		files[name+".py"] = []byte(modules[name])
		srcs = append(srcs, sources.Source{Path: name + ".py", Module: name})
	}
	sess := checker.NewSession()
	sess.Check(checker.Config{Files: files, Typeshed: fsys.FromFS(embedded), Options: opts}, srcs)
	snap, err := sess.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func abs(t *testing.T, path string) string {
	p, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSuggestReturnsParameter checks that a parameter returned as it is
// gets its suggested type as the return type, as dmypy 1.0.1's does, even
// where the body assigns it a value of another type (an error).
func TestSuggestReturnsParameter(t *testing.T) {
	ins := inspectAll(t, map[string]string{"m": "def same(x):\n    return x\ndef changed(x):\n    x = len(x)\n    return x\nsame('a')\nchanged('b')\n"})
	for function, want := range map[string]string{"m.same": "(str) -> str", "m.changed": "(str) -> str"} {
		if got, err := suggest.Run(ins, function, suggest.Options{FlexAny: -1}); err != nil || got != want {
			t.Errorf("%s: got %q, %v; want %q", function, got, err, want)
		}
	}
}
