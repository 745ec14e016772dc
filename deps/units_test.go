package deps_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"typd/deps"
	"typd/parser"
)

// TestUnitsReusing checks that the units of a module's next version made
// from the previous version's cache are the units made afresh, after edits
// of each kind: a body edit, a statement added above others (which moves
// them and renumbers the others' keys), a def renamed, an overload's
// variants split by a statement between them, a class body changed, a
// decorated class, and a method's body edited inside a class.
func TestUnitsReusing(t *testing.T) {
	base := `import os
X = 1

@overload
def f(x: int) -> int: ...
@overload
def f(x: str) -> str: ...
def f(x): return x

class C:
    y: int = 0
    def m(self) -> None:
        self.z = os.sep

def g() -> int:
    return X
`
	edits := []struct{ old, new string }{
		{"    return X\n", "    return X + 1\n"},
		{"import os\n", "import os\nimport sys\n"},
		{"def g()", "def h()"},
		{"@overload\ndef f(x: str)", "Y = 2\n@overload\ndef f(x: str)"},
		{"    y: int = 0\n", "    y: str = ''\n"},
		{"class C:", "@final\nclass C:"},
		{"        self.z = os.sep\n", "        self.z = 1\n"},
	}
	text := base
	_, cache := deps.UnitsReusing(parser.Parse([]byte(text)).Module, []byte(text), nil)
	for _, e := range edits {
		if !strings.Contains(text, e.old) {
			t.Fatalf("%q not in the text", e.old)
		}
		text = strings.Replace(text, e.old, e.new, 1)
		mod := parser.Parse([]byte(text)).Module
		var got []deps.Unit
		got, cache = deps.UnitsReusing(mod, []byte(text), cache)
		if want := deps.Units(mod); !reflect.DeepEqual(got, want) {
			t.Errorf("after %q: units reusing the cache differ from fresh ones:\n%+v\nwant\n%+v", e.new, got, want)
		}
	}
	// A real module, reused whole.
	if src, err := os.ReadFile("/usr/lib/python3.11/textwrap.py"); err == nil {
		mod := parser.Parse(src).Module
		_, c := deps.UnitsReusing(mod, src, nil)
		again, _ := deps.UnitsReusing(mod, src, c)
		if !reflect.DeepEqual(again, deps.Units(mod)) {
			t.Errorf("textwrap.py: units reused whole differ from fresh ones")
		}
	}
}
