package cli_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"typd/checker"
	"typd/internal/casefile"
	"typd/internal/cli"
	"typd/workspace"
)

const depsPassingList = "../../testdata/mypy-deps-passing.txt"

// TestMypyDepsCases runs mypy's deps*.test as its harness
// (mypy/test/testdeps.py) does: the case is checked with its main file as
// module __main__, and the dependency maps of __main__, pkg and pkg.mod
// (of every module of the case with `# __dump_all__`) are merged and
// printed, after the check's messages, with __main__ written m. The cases
// listed in testdata/mypy-deps-passing.txt must pass; -update-passing
// adds the others that do (TYPD_SHOW_FAILURES=deps*.test shows the rest).
func TestMypyDepsCases(t *testing.T) {
	runListedCases(t, []string{"deps*.test"}, depsPassingList, "deps*.test", runDepsCase)
}

// runDepsCase checks a deps*.test case and returns what mypy's harness
// prints for it.
func runDepsCase(t *testing.T, c *casefile.Case) []string {
	var buf bytes.Buffer
	env := mainEnv(t, c, c.Input, &buf)
	var flags []string
	logical := false
	for _, f := range impliedFlags(c) {
		if f == "--logical-deps" {
			logical = true // (typd debug deps's own flag)
		} else {
			flags = append(flags, f)
		}
	}
	inv, _ := workspace.Parse(env, flags, "typd check")
	if inv == nil {
		return cleanLines(buf.String())
	}
	sess := checker.NewSession()
	workspace.Run(env, inv, sess)
	out := cleanLines(buf.String())
	snap, err := sess.Snapshot()
	if err != nil {
		return out
	}
	dumped := []string{"__main__", "pkg", "pkg.mod"}
	if strings.Contains(c.Input, "# __dump_all__") {
		dumped = caseModules(c)
	}
	all := checker.DependencyMap{}
	snap.Exclusive(func(r checker.Reader) {
		for _, name := range dumped {
			if name != "__main__" && !slices.Contains(caseModules(c), name) {
				continue
			}
			if m, ok := r.Dependencies(name, logical); ok {
				all.Merge(m)
			}
		}
	})
	for _, line := range all.Lines() {
		if !cli.Noise(line) {
			out = append(out, strings.ReplaceAll(line, "__main__", "m"))
		}
	}
	return out
}

// caseModules are the modules of a case's files (main's __main__ aside).
func caseModules(c *casefile.Case) []string {
	out := []string{"__main__"}
	for _, f := range c.Files {
		name, ok := strings.CutPrefix(f.Path, casefile.TempDir+"/")
		if !ok {
			continue
		}
		if !strings.HasSuffix(name, ".py") && !strings.HasSuffix(name, ".pyi") {
			continue
		}
		name = strings.TrimSuffix(strings.TrimSuffix(name, ".pyi"), ".py")
		name = strings.TrimSuffix(strings.TrimSuffix(name, "/__init__"), "__init__")
		out = append(out, strings.ReplaceAll(name, "/", "."))
	}
	return out
}
