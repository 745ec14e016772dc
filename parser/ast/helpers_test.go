package ast_test

import (
	"fmt"
	"strings"
	"testing"

	"typd/parser"
	"typd/parser/ast"
)

func TestTargetLeaves(t *testing.T) {
	f := parser.Parse([]byte("a, [b.c, *d[0]], (e,) = x\n"))
	target := f.Module.Body[0].(*ast.Assign).Targets[0]
	var got []string
	ast.TargetLeaves(target, func(leaf ast.Expr) { got = append(got, fmt.Sprintf("%T@%d", leaf, leaf.Pos().ColOffset)) })
	want := []string{"*ast.Name@0", "*ast.Attribute@4", "*ast.Subscript@10", "*ast.Name@18"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("leaves:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestIsGenerator(t *testing.T) {
	for src, want := range map[string]bool{
		"def f():\n    yield 1\n":                       true,
		"def f():\n    x = yield from g()\n":            true,
		"def f():\n    def g():\n        yield 1\n":     false,
		"def f():\n    return (lambda: (yield))\n":      false,
		"async def f():\n    await g()\n":               false,
		"def f():\n    if x:\n        print((yield))\n": true,
	} {
		f := parser.Parse([]byte(src)).Module.Body[0].(*ast.FunctionDef)
		if got := ast.IsGenerator(f.Body); got != want {
			t.Errorf("%q: IsGenerator = %v, want %v", src, got, want)
		}
	}
}
