package inspect_test

import (
	"fmt"
	"strings"
	"testing"

	"typd/checker"
	"typd/checker/fsys"
	"typd/checker/options"
	"typd/checker/sources"
	"typd/checker/typeshed"
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
		if g := referenceList(inspect.References(checker.Reader{}, ins, c.line, c.col, c.everywhere)); g != c.want {
			t.Errorf("references at %d:%d: got\n%s\nwant\n%s", c.line, c.col, g, c.want)
		}
	}
}

// TestMemberReferences finds the references of a class's members from an
// attribute, from a method's own name and from a class variable, in the
// module and in another that uses the class (through an instance, a
// subclass's instance and self), each assignment marked as a write and
// the class body's definition as the declaration; an attribute of
// another class with the same name is not one of them.
func TestMemberReferences(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	opts, _, err := options.Parse([]string{"--python-version", "3.12", "--no-site-packages"})
	if err != nil {
		t.Fatal(err)
	}
	files := fsys.Map{
		"shapes.py": []byte(`class Shape:
    sides: int = 0

    def area(self) -> float:
        return self.sides * 1.0

class Square(Shape):
    def grow(self) -> None:
        self.sides = 4

class Other:
    def area(self) -> float:
        return 0.0
`),
		"main.py": []byte(`from shapes import Shape, Square, Other

def total(s: Shape, q: Square, o: Other) -> float:
    q.sides = s.sides
    return s.area() + q.area() + o.area()
`),
	}
	srcs := []sources.Source{{Path: "shapes.py", Module: "shapes"}, {Path: "main.py", Module: "main"}}
	sess := checker.NewSession()
	sess.Check(checker.Config{Files: files, Typeshed: fsys.FromFS(embedded), Options: opts}, srcs)
	snap, err := sess.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	at := func(path string, line, col int, everywhere bool) string {
		ins, err := snap.Inspect(path)
		if err != nil {
			t.Fatal(err)
		}
		var refs []inspect.Reference
		snap.Exclusive(func(rd checker.Reader) { refs = inspect.References(rd, ins, line, col, everywhere) })
		return referenceList(refs)
	}
	area := "main.py:5:13-17, main.py:5:24-28, shapes.py:4:8-12 write declaration"
	sides := "main.py:4:6-11 write, main.py:4:16-21, shapes.py:2:4-9 write declaration, shapes.py:5:20-25, shapes.py:9:13-18 write"
	for _, c := range []struct {
		path       string
		line, col  int
		everywhere bool
		want       string
	}{
		{"main.py", 5, 15, true, area},   // s.area
		{"shapes.py", 4, 9, true, area},  // def area
		{"main.py", 4, 18, true, sides},  // s.sides
		{"shapes.py", 2, 5, true, sides}, // sides: int = 0
		{"shapes.py", 2, 5, false, "shapes.py:2:4-9 write declaration, shapes.py:5:20-25, shapes.py:9:13-18 write"},
		{"main.py", 5, 36, true, "main.py:5:35-39, shapes.py:12:8-12 write declaration"},                // o.area
		{"main.py", 5, 11, true, "main.py:3:10-11 write declaration, main.py:4:14-15, main.py:5:11-12"}, // s, a parameter
	} {
		if got := at(c.path, c.line, c.col, c.everywhere); got != c.want {
			t.Errorf("references at %s:%d:%d: got\n%s\nwant\n%s", c.path, c.line, c.col, got, c.want)
		}
	}
}

// referenceList writes references as the tests expect them:
// "path:line:col-endcol", then "write" and "declaration" where they are.
func referenceList(refs []inspect.Reference) string {
	var got []string
	for _, r := range refs {
		s := fmt.Sprintf("%s:%d:%d-%d", r.Path, r.Line, r.Col, r.EndCol)
		if r.Write {
			s += " write"
		}
		if r.Declaration {
			s += " declaration"
		}
		got = append(got, s)
	}
	return strings.Join(got, ", ")
}
