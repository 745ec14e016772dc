package deps_test

import (
	"slices"
	"strings"
	"testing"

	"typd/deps"
	"typd/parser"
)

// TestChangedBindingOrder checks that Changed finds a name bound by the
// same statements in another order (the last assignment, or the first
// method that assigns an attribute, decides its type), whether the
// statements that bind it moved among the others, changed, or were added,
// and that an edit that moves nothing reports only what it changed.
func TestChangedBindingOrder(t *testing.T) {
	base := `x = 1
x = ''
y = 0

class C:
    def m1(self) -> None:
        self.a = 1
    def m2(self) -> None:
        self.a = ''

def f() -> int:
    return 1
`
	cases := []struct {
		name, old, new string
		want           []string // (among the changed names)
		not            []string
	}{
		{"assignments swapped", "x = 1\nx = ''\n", "x = ''\nx = 1\n", []string{"x"}, []string{"y", "f"}},
		{"methods swapped", "    def m1(self) -> None:\n        self.a = 1\n    def m2(self) -> None:\n        self.a = ''\n",
			"    def m2(self) -> None:\n        self.a = ''\n    def m1(self) -> None:\n        self.a = 1\n", []string{"a", "C"}, []string{"x", "f"}},
		{"an assignment added before", "x = 1\n", "x = 2.5\nx = 1\n", []string{"x"}, []string{"y", "f"}},
		{"a statement moved past another", "y = 0\n", "", nil, []string{"x", "y", "f", "a"}},
		{"a body edited", "    return 1\n", "    return 2\n", nil, []string{"x", "y", "a", "C"}},
	}
	for _, c := range cases {
		if !strings.Contains(base, c.old) {
			t.Fatalf("%s: the base has no %q", c.name, c.old)
		}
		text := strings.Replace(base, c.old, c.new, 1)
		if c.name == "a statement moved past another" {
			text = "y = 0\n" + text // (y's one binding moves above x's)
		}
		old, cur := unitsOf(t, base), unitsOf(t, text)
		ch, ok := deps.Changed(old, cur, nil, nil)
		if !ok {
			t.Fatalf("%s: Changed gave up", c.name)
		}
		for _, n := range c.want {
			if !ch.Names[n] {
				t.Errorf("%s: %s should have changed; changed: %v", c.name, n, sortedNames(ch.Names))
			}
		}
		for _, n := range c.not {
			if ch.Names[n] {
				t.Errorf("%s: %s should not have changed; changed: %v", c.name, n, sortedNames(ch.Names))
			}
		}
	}
}

func unitsOf(t *testing.T, text string) []deps.Unit {
	t.Helper()
	f := parser.Parse([]byte(text))
	if len(f.Errors) > 0 {
		t.Fatalf("%q does not parse: %v", text, f.Errors)
	}
	return deps.Units(f.Module)
}

func sortedNames(names map[string]bool) []string {
	var out []string
	for n := range names {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}
