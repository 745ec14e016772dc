package checker_test

import (
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
	}
	for _, step := range steps {
		step.edit()
		cfg := checker.Config{Files: files, Typeshed: stubs, Options: opts}
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
