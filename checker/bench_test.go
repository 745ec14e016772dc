package checker_test

import (
	"testing"

	"typd/checker"
	"typd/checker/fsys"
	"typd/checker/sources"
)

// BenchmarkCheckBuiltinsClosure checks a one-line file: the work is loading
// and analysing the closure of builtins (51 stub modules, ~18,000 lines)
// that every check depends on. Stub parses are shared across iterations,
// as in a long-running process.
func BenchmarkCheckBuiltinsClosure(b *testing.B) {
	stubs, opts := stubsAndOptions(b, "--python-version", "3.13", "--no-site-packages")
	files := fsys.Map{"a.py": []byte("x = 1\n")}
	for b.Loop() {
		res := checker.Check(checker.Config{Files: files, Typeshed: stubs, Options: opts},
			[]sources.Source{{Path: "a.py", Module: "a"}})
		if len(res.Diagnostics) != 0 {
			b.Fatal(res.Diagnostics)
		}
	}
}
