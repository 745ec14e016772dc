package inspect_test

import (
	"fmt"
	"strings"
	"testing"

	"typd/inspect"
)

// TestReferences finds the references of a local, a parameter, a def
// (from its name and from a call) and an imported module-level variable
// (from a use, across modules: its definition in helper.py, the import
// that binds it, and every read), each marked as a write or the
// declaration where it is one.
func TestReferences(t *testing.T) {
	ins := inspectedProgram(t, `from helper import VALUE

def total(count: int, step: int = VALUE or 0) -> int:
    acc = 0
    for i in range(count):
        acc += i * step
    return acc

class Acc:
    def add(self, n: int) -> int:
        return total(n) + VALUE if VALUE else 0

result = total(3)
`)
	for _, c := range []struct {
		line, col  int
		everywhere bool
		want       string
	}{
		{4, 5, false, "main.py:4:4-7 write declaration, main.py:6:8-11 write, main.py:7:11-14"},
		{3, 12, false, "main.py:3:10-15 write declaration, main.py:5:19-24"},
		{3, 5, true, "main.py:3:4-9 write declaration, main.py:11:15-20, main.py:13:9-14"},
		{13, 10, true, "main.py:3:4-9 write declaration, main.py:11:15-20, main.py:13:9-14"},
		{11, 28, true, "helper.py:1:0-5 write declaration, main.py:1:19-24 write, main.py:3:34-39, main.py:11:26-31, main.py:11:35-40"},
		{11, 28, false, "helper.py:1:0-5 write declaration, main.py:1:19-24 write, main.py:3:34-39, main.py:11:26-31, main.py:11:35-40"},
		{1, 0, true, ""},   // no name there
		{11, 10, true, ""}, // a keyword
	} {
		var got []string
		for _, r := range inspect.References(ins, c.line, c.col, c.everywhere) {
			s := fmt.Sprintf("%s:%d:%d-%d", r.Path, r.Line, r.Col, r.EndCol)
			if r.Write {
				s += " write"
			}
			if r.Declaration {
				s += " declaration"
			}
			got = append(got, s)
		}
		if g := strings.Join(got, ", "); g != c.want {
			t.Errorf("references at %d:%d: got\n%s\nwant\n%s", c.line, c.col, g, c.want)
		}
	}
}
