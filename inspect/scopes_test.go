package inspect_test

import (
	"strings"
	"testing"

	"typd/inspect"
)

// TestScopedNames checks definitions and completion against the names
// each scope binds: a global declaration sends a name to the module, a
// class body is not seen from its methods, a local's first binding (in a
// nested block, by an import or a with statement) is its definition, and
// completion lists a function's parameters, then its locals in the order
// they are first bound, then the module's names (a global among them).
func TestScopedNames(t *testing.T) {
	ins := inspectedProgram(t, `counter = 0
size = 1

class Box:
    size = 2
    def grow(self, by: int) -> int:
        global counter
        if by:
            import os
            with open(os.sep) as f:
                pass
            total = by
        else:
            total = 0
        counter = total
        return size + total + counter + len(f.name)
`)
	for _, c := range []struct{ loc, out string }{
		{"main.py:16:16", "main.py:2:1:size"},    // not Box.size
		{"main.py:16:23", "main.py:12:13:total"}, // the first binding, in the if
		{"main.py:16:31", "main.py:1:1:counter"}, // declared global
		{"main.py:16:45", "main.py:10:34:f"},
		{"main.py:10:23", "main.py:9:13:os"},
		{"main.py:12:21", "main.py:6:20:by"},
	} {
		loc, err := inspect.ParseLocation(c.loc)
		if err != nil {
			t.Fatal(err)
		}
		ans, err := inspect.Run(ins, loc, inspect.Options{Show: "definition"})
		// (the first answer: the innermost expression's)
		if first, _, _ := strings.Cut(ans.Out, "\n"); err != nil || first != c.out {
			t.Errorf("definition at %s: got %q, %v; want %q", c.loc, ans.Out, err, c.out)
		}
	}
	var names []string
	for _, cand := range inspect.Names(ins, 16, 8) {
		names = append(names, cand.Name)
		if cand.Name == "counter" {
			break
		}
	}
	if got, want := strings.Join(names, " "), "self by os f total Box counter"; got != want {
		t.Errorf("completion at 16:8: got %q, want %q", got, want)
	}
}
