package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"typd/checker"
	"typd/checker/fsys"
	"typd/internal/casefile"
	"typd/workspace"
)

const diffPassingList = "../../testdata/mypy-diff-passing.txt"

// TestMypyDiffCases runs mypy's diff.test as its harness
// (mypy/test/testdiff.py) does: the case's main file and its next.py are
// checked in turn as module __main__, each module's names are
// snapshotted, and the names whose snapshots differ are printed, sorted,
// after the messages of each check ("== next ==" before the second's).
// The cases listed in testdata/mypy-diff-passing.txt must pass;
// -update-passing adds the others that do.
func TestMypyDiffCases(t *testing.T) {
	runListedCases(t, []string{"diff.test"}, diffPassingList, "diff.test", runDiffCase)
}

// runListedCases runs the cases of mypy test files (names relative to
// mypy's unit folder, globs allowed) through run and compares what it
// prints with what each case expects: the cases of the passing list must
// pass, and -update-passing adds the others that do. TYPD_SHOW_FAILURES
// set to label logs the other failures; TYPD_ONLY_CASE runs one case.
func runListedCases(t *testing.T, patterns []string, list, label string, run func(*testing.T, *casefile.Case) []string) {
	if _, err := os.Stat(mypyUnit); err != nil {
		t.Skip("../shared/mypy-test-data is not here")
	}
	passing := readList(t, list)
	var files []string
	for _, p := range patterns {
		matched, err := filepath.Glob(filepath.Join(mypyUnit, p))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matched...)
	}
	show := os.Getenv("TYPD_SHOW_FAILURES") == label
	total, passed := 0, 0
	for _, file := range files {
		cases, err := casefile.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if c.Skip || c.XFail || c.ParseError != "" {
				continue
			}
			if only := os.Getenv("TYPD_ONLY_CASE"); only != "" && c.Name != only {
				continue
			}
			total++
			diff := compare(run(t, c), c.Output)
			switch {
			case diff == "":
				passed++
				passing[c.ID()] = true
			case passing[c.ID()] && !*updatePassing:
				t.Errorf("%s (line %d), listed as passing: %s", c.ID(), c.Line, diff)
			case show:
				t.Logf("%s (line %d): %s", c.ID(), c.Line, diff)
			}
		}
	}
	t.Logf("%s: %d of %d cases pass", label, passed, total)
	if *updatePassing {
		writeList(t, list, passing, "mypy "+label+" cases known to pass (run by `make test`; grown by `make update-passing`)")
	}
}

// runDiffCase checks a diff.test case's two versions of __main__ and
// returns what mypy's harness prints for it.
func runDiffCase(t *testing.T, c *casefile.Case) []string {
	var next string
	found := false
	for _, f := range c.Files {
		if f.Path == casefile.TempDir+"/next.py" {
			next, found = f.Content, true
		}
	}
	if !found {
		return []string{"(no next.py)"}
	}
	var out []string
	snapshot := func(main string) checker.Symbols {
		var buf bytes.Buffer
		env := mainEnv(t, c, main, &buf)
		inv, _ := workspace.Parse(env, impliedFlags(c), "typd check")
		if inv == nil {
			out = append(out, cleanLines(buf.String())...)
			return nil
		}
		sess := checker.NewSession()
		workspace.Run(env, inv, sess)
		if lines := cleanLines(buf.String()); len(lines) > 0 {
			if main == next {
				out = append(out, "== next ==")
			}
			out = append(out, lines...)
		}
		snap, err := sess.Snapshot()
		if err != nil {
			out = append(out, "(no snapshot: "+err.Error()+")")
			return nil
		}
		_, syms, _ := snap.Symbols("main")
		return syms
	}
	old := snapshot(c.Input)
	new := snapshot(next)
	for _, name := range checker.ChangedNames("__main__", old, new) {
		out = append(out, name)
	}
	return out
}

// mainEnv is the environment mypy's harnesses check a case in: the
// case's files with main's text checked as module __main__, MYPYPATH the
// case's folder, both outputs written to out.
func mainEnv(t *testing.T, c *casefile.Case, main string, out *bytes.Buffer) workspace.Env {
	files := caseFiles(c)
	files["main"] = []byte(main)
	return workspace.Env{Files: files, Typeshed: caseStubs(t, c, mypyUnit), Stdout: out, Stderr: out,
		ModuleNames: map[string]string{"main": "__main__"},
		Getenv: func(k string) string {
			if k == "MYPYPATH" {
				return casefile.TempDir
			}
			return ""
		}}
}

// caseFiles are a case's files, main aside.
func caseFiles(c *casefile.Case) fsys.Map {
	files := fsys.Map{}
	for _, f := range c.Files {
		if !strings.HasSuffix(f.Path, "/next.py") {
			files[f.Path] = []byte(f.Content)
		}
	}
	return files
}
