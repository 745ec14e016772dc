package parser_test

import (
	"testing"
	"time"

	"typd/parser"
	"typd/parser/ast"
)

// FuzzParse checks that parsing never panics and always yields a module, on
// any input (DESIGN.md invariant 1), and that a module without syntax
// errors can be dumped.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"x = 1\n", "def f(a, /, b=2, *c, d, **e) -> int: ...\n", "class C[T](B): pass\n",
		"f'{a!r:>{w}} {b=}'\n", "match x:\n    case [1, *r] | {'k': v}: pass\n", "type X = int\n",
		"async def f():\n    async with a as b: await c\n", "x: int = 0777\n", "print >>f, 'x'\n",
		"try:\n    pass\nexcept* E:\n    pass\n", "\xef\xbb\xbf# coding: latin-1\nx = 1\n", "(\n", "'''\n",
		"a[*b]\n", "lambda *a, **k: (yield)\n", "from __future__ import *\n", "type(x).y = 1\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		start := time.Now()
		file := parser.Parse(src)
		if d := time.Since(start); d > 2*time.Second && len(src) < 10000 {
			t.Fatalf("parsing %d bytes took %v", len(src), d)
		}
		if file.Module == nil {
			t.Fatal("nil module")
		}
		if len(file.Errors) == 0 {
			ast.Dump(file.Module)
		}
	})
}
