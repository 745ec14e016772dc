package parser_test

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"reflect"
	"strings"
	"testing"

	"typd/parser"
	"typd/parser/ast"
)

// reparseCase is one edit: the text before and after.
type reparseCase struct {
	name     string
	old, new string
}

// The paths Reparse takes: one def or class parsed again, the module-level
// statements an edit touches parsed again, or the whole file.
const (
	viaStatement   = "statement"
	viaModuleLevel = "module level"
	viaWhole       = "whole file"
)

// checkReparse asserts that Reparse gives exactly Parse's result for the
// edit and leaves the old tree as it was, and reports the path it took.
func checkReparse(t *testing.T, c reparseCase) string {
	t.Helper()
	want := parser.Parse([]byte(c.new))
	spliced := viaWhole
	if parser.Splice(parser.Parse([]byte(c.old)), []byte(c.old), []byte(c.new)) != nil {
		spliced = viaStatement
	} else if parser.SpliceTop(parser.Parse([]byte(c.old)), []byte(c.old), []byte(c.new)) != nil {
		spliced = viaModuleLevel
	}
	old := parser.Parse([]byte(c.old))
	before := ast.Dump(old.Module)
	got := parser.Reparse(old, []byte(c.old), []byte(c.new))
	if after := ast.Dump(old.Module); after != before {
		i := commonPrefixLen(after, before)
		t.Errorf("%s: Reparse changed the old tree at ...%s", c.name, after[max(0, i-100):min(len(after), i+100)])
	}
	if !reflect.DeepEqual(got, want) {
		g := fmt.Sprintf("%s %v %v", ast.Dump(got.Module), got.Module.TypeIgnores, got.Errors)
		w := fmt.Sprintf("%s %v %v", ast.Dump(want.Module), want.Module.TypeIgnores, want.Errors)
		i := commonPrefixLen(g, w)
		from := max(0, i-200)
		t.Errorf("%s: Reparse differs from Parse (spliced: %v) at %s:\n got: ...%s\nwant: ...%s\nold text:\n%s\nnew text:\n%s", c.name, spliced, firstFieldDifference("file", reflect.ValueOf(got), reflect.ValueOf(want)),
			g[from:min(len(g), i+200)], w[from:min(len(w), i+200)], c.old, c.new)
	}
	return spliced
}

const reparseBase = `import os

@decorator
def first(a: int) -> int:
    x = a + 1  # type: ignore[misc]
    return x

class C(Base):
    attr: int = 1

    def method(self) -> None:
        if self.attr:
            print("yes")
        else:
            print("no")

    @property
    def prop(self) -> str:
        def inner() -> str:
            return "inner"
        return inner()

if os.name == "nt":
    def platform() -> str:
        return "nt"
elif os.name == "posix":
    def platform() -> str:
        return "posix"
else:
    try:
        import missing
    except ImportError:
        def platform() -> str:
            return "other"

last = first(1)  # type: ignore
`

// TestReparseEdits checks hand-picked edits, and the path each takes.
func TestReparseEdits(t *testing.T) {
	edit := func(old, new string) string {
		if !strings.Contains(reparseBase, old) {
			t.Fatalf("%q is not in the base text", old)
		}
		return strings.Replace(reparseBase, old, new, 1)
	}
	cases := []struct {
		reparseCase
		path string
	}{
		{reparseCase{"line added in a body", reparseBase, edit("    return x\n", "    y = 2\n    return x\n")}, viaStatement},
		{reparseCase{"line removed from a body", reparseBase, edit("            print(\"no\")\n", "            pass\n")}, viaStatement},
		{reparseCase{"same-length change", reparseBase, edit("return \"inner\"", "return \"outer\"")}, viaStatement},
		{reparseCase{"ignore comment added", reparseBase, edit("print(\"yes\")", "print(\"yes\")  # type: ignore")}, viaStatement},
		{reparseCase{"ignore comment removed", reparseBase, edit("  # type: ignore[misc]", "")}, viaStatement},
		{reparseCase{"decorator changed", reparseBase, edit("@decorator\n", "@decorator2\n@other\n")}, viaStatement},
		{reparseCase{"signature changed", reparseBase, edit("def method(self) -> None:", "def method(self, b: int = 2) -> None:")}, viaStatement},
		{reparseCase{"last statement of a class grows", reparseBase, edit("        return inner()\n", "        return inner()  \\\n            + \"!\"\n")}, viaStatement},
		{reparseCase{"def in an elif", reparseBase, edit("return \"posix\"", "return \"posix\" * 2")}, viaStatement},
		{reparseCase{"def in an except", reparseBase, edit("            return \"other\"\n", "            x = 1\n            return \"other\"\n")}, viaStatement},
		{reparseCase{"class attribute", reparseBase, edit("attr: int = 1", "attr: int = 2")}, viaStatement},
		{reparseCase{"syntax error", reparseBase, edit("    return x\n", "    return (x\n")}, viaWhole},
		{reparseCase{"syntax error fixed", edit("    return x\n", "    return (x\n"), reparseBase}, viaWhole},
		{reparseCase{"dedented line splits a def", reparseBase, edit("    return x\n", "y = 1\n    return x\n")}, viaWhole},
		{reparseCase{"statement after a def", reparseBase, edit("    return x\n", "    return x\nz = 3\n")}, viaModuleLevel},
		{reparseCase{"module level", reparseBase, edit("import os", "import sys")}, viaModuleLevel},
		{reparseCase{"new def at the end", reparseBase, reparseBase + "def more() -> None:\n    pass\n"}, viaModuleLevel},
		{reparseCase{"statement removed", reparseBase, edit("import os\n", "")}, viaModuleLevel},
		{reparseCase{"statement at the top", reparseBase, "import sys\n" + reparseBase}, viaModuleLevel},
		{reparseCase{"comment between statements", reparseBase, edit("\nif os.name", "\n# note\nif os.name")}, viaModuleLevel},
		{reparseCase{"compound statement at module level", reparseBase, edit("elif os.name == \"posix\":", "elif os.name == \"linux\":")}, viaModuleLevel},
		{reparseCase{"no newline at the end", "x = 1\ny = 2", "x = 1\ny = 3"}, viaModuleLevel},
		{reparseCase{"two statements on a line", "x = 1; y = 2\nz = 3\n", "x = 1; y = 4\nz = 3\n"}, viaModuleLevel},
		{reparseCase{"line joined to the next", "x = 1\ny = 2\n", "x = 1y = 2\n"}, viaWhole},
		{reparseCase{"continuation into the next line", "x = 1\ny\n", "x = 1 + \\\ny\n"}, viaWhole},
		{reparseCase{"bracket opened over later lines", "x = 1\ny = 2\n", "x = (1,\ny = 2\n"}, viaWhole},
		{reparseCase{"string opened over later lines", "x = 1\ny = 2\nz = 3\n", "x = \"\"\"1\ny = 2\nz = 3\"\"\"\n"}, viaModuleLevel},
		{reparseCase{"block opened over later lines", "x = 1\ny = 2\n", "if x:\ny = 2\n"}, viaWhole},
		{reparseCase{"encoding declaration in a part", reparseBase, reparseBase + "# -*- coding: latin-1 -*-\nz = 1\n"}, viaWhole},
		{reparseCase{"no change", reparseBase, reparseBase}, viaWhole},
		{reparseCase{"BOM", reparseBase, "\ufeff" + reparseBase}, viaWhole},
		{reparseCase{"carriage returns", reparseBase, strings.ReplaceAll(reparseBase, "\n", "\r\n")}, viaWhole},
	}
	for _, c := range cases {
		if path := checkReparse(t, c.reparseCase); path != c.path {
			t.Errorf("%s: path = %s, want %s", c.name, path, c.path)
		}
	}
}

// reparseSnippets are what the random edits insert.
var reparseSnippets = []string{"\n", " ", "x", ":", "(", ")", "    pass\n", "        y = 1\n", "#", "'''", "\\\n", "\t",
	"# type: ignore\n", "def g():\n", "return 1\n", "@d\n", "\"", "else:\n"}

// TestReparseRandomEdits applies random insertions and deletions to files
// of the standard library, as an editor's typing would, and checks that
// Reparse always gives Parse's result.
func TestReparseRandomEdits(t *testing.T) {
	paths := stdlibSources(t)
	rng := rand.New(rand.NewSource(1))
	files, edits, spliced, top := 0, 0, 0, 0
	for i := 0; i < len(paths) && files < 60; i += 7 {
		src, err := os.ReadFile(paths[i])
		if err != nil || len(src) == 0 || len(src) > 60000 || len(parser.Parse(src).Errors) > 0 {
			continue
		}
		files++
		for range 12 {
			at := rng.Intn(len(src))
			// Most edits land inside a def's body: right after a newline
			// followed by indentation.
			if k := bytes.Index(src[at:], []byte("\n        ")); k >= 0 && rng.Intn(4) > 0 {
				at += k + 1
			}
			var next []byte
			if rng.Intn(3) == 0 {
				end := min(len(src), at+1+rng.Intn(40))
				next = append(append([]byte{}, src[:at]...), src[end:]...)
			} else {
				ins := reparseSnippets[rng.Intn(len(reparseSnippets))]
				next = append(append(append([]byte{}, src[:at]...), ins...), src[at:]...)
			}
			edits++
			switch checkReparse(t, reparseCase{name: paths[i], old: string(src), new: string(next)}) {
			case viaStatement:
				spliced++
			case viaModuleLevel:
				top++
			}
			if t.Failed() {
				return
			}
		}
	}
	t.Logf("%d files, %d edits, %d spliced in a statement, %d at module level", files, edits, spliced, top)
	if files < 30 || spliced < edits/4 || top < edits/20 {
		t.Errorf("too few files (%d) or splices (%d of %d edits) to test the splice", files, spliced, edits)
	}
}

func commonPrefixLen(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// firstFieldDifference names the first field where two values differ.
func firstFieldDifference(path string, a, b reflect.Value) string {
	if a.Kind() != b.Kind() || a.Type() != b.Type() {
		return path + " (types differ)"
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return path + " (nil on one side)"
			}
			return ""
		}
		return firstFieldDifference(path, a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if d := firstFieldDifference(path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Slice:
		if a.IsNil() != b.IsNil() {
			return path + " (nil slice on one side)"
		}
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s (lengths %d and %d)", path, a.Len(), b.Len())
		}
		for i := range a.Len() {
			if d := firstFieldDifference(fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i)); d != "" {
				return d
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a.Interface(), b.Interface()) {
		return fmt.Sprintf("%s (%v and %v)", path, a.Interface(), b.Interface())
	}
	return ""
}
