package parser_test

import (
	"os"
	"reflect"
	"testing"

	"typd/parser"
	"typd/parser/ast"
)

// nodes lists the nodes of a tree in Inspect's order.
func nodes(n ast.Node) []ast.Node {
	var out []ast.Node
	ast.Inspect(n, func(c ast.Node) bool {
		out = append(out, c)
		return true
	})
	return out
}

// TestClone copies the statements of standard-library files: each copy is
// equal to its original and shares no node with it; CloneSharing shares
// exactly the subtrees it is told to.
func TestClone(t *testing.T) {
	paths := stdlibSources(t)
	files := 0
	for i := 0; i < len(paths); i += 15 {
		src, err := os.ReadFile(paths[i])
		if err != nil {
			continue
		}
		files++
		for _, s := range parser.Parse(src).Module.Body {
			c := ast.Clone(s)
			if !reflect.DeepEqual(c, s) {
				t.Fatalf("%s: the copy of the statement at line %d differs", paths[i], s.Pos().Lineno)
			}
			orig, copied := nodes(s), nodes(c)
			for k := range orig {
				if orig[k] == copied[k] {
					t.Fatalf("%s: the copy shares a %T with the statement at line %d", paths[i], orig[k], s.Pos().Lineno)
				}
			}
			names := func(n ast.Node) bool { _, ok := n.(*ast.Name); return ok }
			c = ast.CloneSharing(s, names)
			if !reflect.DeepEqual(c, s) {
				t.Fatalf("%s: the sharing copy of the statement at line %d differs", paths[i], s.Pos().Lineno)
			}
			copied = nodes(c)
			for k := range orig {
				if (orig[k] == copied[k]) != names(orig[k]) && orig[k].Pos() != nil {
					t.Fatalf("%s: %T shared = %v in the sharing copy", paths[i], orig[k], orig[k] == copied[k])
				}
			}
		}
	}
	if files < 40 {
		t.Fatalf("only %d files copied", files)
	}
}
