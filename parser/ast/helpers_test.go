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
