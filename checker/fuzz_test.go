package checker_test

import (
	"strings"
	"testing"
	"time"

	"typd/checker"
	"typd/checker/diag"
	"typd/checker/fsys"
	"typd/checker/sources"
	"typd/parser"
)

// FuzzCheck type-checks whatever the parser accepts: the check must not
// crash (an internal error is reported as a diagnostic, which fails here)
// and must not take more than 5 s on an input of under 10,000 bytes.
func FuzzCheck(f *testing.F) {
	stubs, opts := stubsAndOptions(f, "--python-version", "3.11", "--no-site-packages", "--check-untyped-defs")
	for _, seed := range []string{
		"x = 1\nx = ''\n", "def f(a: int) -> str:\n    return a\n", "class A:\n    def f(self) -> 'A': return self\nA().f().g\n",
		"from typing import TypeVar, Generic\nT = TypeVar('T')\nclass B(Generic[T]): pass\nB[int]()\n",
		"x: list[int] = []\nif x:\n    y = x[0]\nelse:\n    y = None\nreveal_type(y)\n",
		"for i in range(3):\n    if i: break\nelse:\n    z = 1\nz\n", "try:\n    a = 1\nfinally:\n    a\n",
		"match x:\n    case int(): pass\n", "a = b = c = lambda: (yield)\n", "class C(A, B, A): pass\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(parser.Parse(src).Errors) > 0 {
			return
		}
		start := time.Now()
		res := checker.Check(checker.Config{Files: fsys.Map{"a.py": src}, Typeshed: stubs, Options: opts},
			[]sources.Source{{Path: "a.py", Module: "a"}})
		if d := time.Since(start); d > 5*time.Second && len(src) < 10000 {
			t.Fatalf("checking %d bytes took %v", len(src), d)
		}
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "INTERNAL ERROR") {
				t.Fatalf("%s", diag.Format{}.String(d))
			}
		}
	})
}
