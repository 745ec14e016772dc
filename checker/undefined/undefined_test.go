package undefined

import (
	"fmt"
	"slices"
	"testing"

	"typd/parser"
	"typd/parser/ast"
)

const sample = `
import os.path
x = y
y = 1
if os.path:
    z = 1
print(z)
class C:
    def m(self, a: int) -> None:
        print(b)
        b = a
        if a:
            c = 1
        print(c)
def f(n: int = z) -> None:
    for i in range(n):
        if i:
            d = i
            break
    else:
        d = 0
    print(d)
    try:
        e = 1
    except Exception:
        pass
    print(e)
def untyped():
    print(g)
    g = 1
`

// findings formats findings as "line:col used|may name".
func findings(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		kind := "may"
		if f.UsedBeforeDef {
			kind = "used"
		}
		out = append(out, fmt.Sprintf("%d:%d %s %s", f.Name.Lineno, f.Name.ColOffset, kind, f.Name.ID))
	}
	slices.Sort(out)
	return out
}

// TestFindings checks the findings of a sample module, and that analysing
// its top-level defs on their own (as the checker does for its re-checking
// targets) finds the same as one walk of the whole module.
func TestFindings(t *testing.T) {
	mod := parser.Parse([]byte(sample)).Module
	cfg := &Config{Builtin: func(n string) bool { return n == "print" || n == "range" || n == "Exception" }}
	whole := findings(Module(mod.Body, cfg))
	// (d is defined before the break and in the else branch: on every path.)
	want := []string{"10:14 used b", "14:14 may c", "27:10 may e", "3:4 used y", "7:6 may z"}
	if !slices.Equal(whole, want) {
		t.Errorf("whole module: got %q, want %q", whole, want)
	}

	separate := map[*ast.FunctionDef]bool{}
	for _, s := range mod.Body {
		switch x := s.(type) {
		case *ast.FunctionDef:
			separate[x] = true
		case *ast.ClassDef:
			for _, m := range x.Body {
				if f, ok := m.(*ast.FunctionDef); ok {
					separate[f] = true
				}
			}
		}
	}
	split := *cfg
	split.Separate = func(f *ast.FunctionDef) bool { return separate[f] }
	fs := Module(mod.Body, &split)
	for f := range separate {
		fs = append(fs, Function(f, &split)...)
	}
	if got := findings(fs); !slices.Equal(got, whole) {
		t.Errorf("targets apart: got %q, want %q", got, whole)
	}
}
