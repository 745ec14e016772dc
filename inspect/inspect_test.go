package inspect_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"typd/checker"
	"typd/checker/fsys"
	"typd/checker/options"
	"typd/checker/sources"
	"typd/checker/typeshed"
	"typd/inspect"
)

const program = `import helper
from typing import Optional

class Point:
    def __init__(self, x: int) -> None:
        self.x = x
        self.tag: Optional[str] = None

    def moved(self, by: int) -> "Point":
        total = self.x + by
        return Point(total)

def use(p: Point, names: list[str]) -> bool:
    first = names[0]
    return p.moved(1).x > len(first) and helper.VALUE is not None
`

// TestInspect checks answers of each kind against a small program.
func TestInspect(t *testing.T) {
	ins := inspected(t)
	cases := []struct {
		loc    string
		o      inspect.Options
		out    string
		status int
		// prefix asserts only the start of the answer (typeshed's lists
		// are long).
		prefix bool
	}{
		{"main.py:14:13", inspect.Options{IncludeKind: true}, "NameExpr -> \"list[str]\"\nIndexExpr -> \"str\"", 0, false},
		{"main.py:15:12:15:21", inspect.Options{}, `"Point"`, 0, false},
		{"main.py:15:12", inspect.Options{IncludeSpan: true, Limit: 2}, "15:12:15:12 -> \"Point\"\n15:12:15:18 -> \"Callable[[int], Point]\"", 0, false},
		{"main.py:15:14", inspect.Options{IncludeSpan: true, Limit: 1}, "15:12:15:18 -> \"Callable[[int], Point]\"", 0, false},
		// Targets of assignments have types too, as in dmypy (an attribute
		// target, an annotated one, and where it is defined).
		{"main.py:6:9", inspect.Options{}, "\"Point\"\n\"int\"", 0, false},
		{"main.py:7:14", inspect.Options{}, "\"str | None\"", 0, false},
		{"main.py:6:14", inspect.Options{Show: "definition"}, "main.py:6:9:x", 0, false},
		// -v names the parameters, as dmypy's Arg(type, 'name').
		{"main.py:15:14", inspect.Options{Verbosity: 1, Limit: 1}, "\"Callable[[Arg(int, 'by')], Point]\"", 0, false},
		{"main.py:15:31", inspect.Options{IncludeKind: true, Verbosity: 2}, "NameExpr -> \"builtins.str\"\nCallExpr -> \"builtins.int\"\nComparisonExpr -> \"builtins.bool\"\nOpExpr -> \"builtins.bool\"", 0, false},
		{"main.py:10:17", inspect.Options{Show: "definition"}, "main.py:9:15:self\nmain.py:6:9:x", 0, false},
		{"main.py:10:22", inspect.Options{Show: "definition"}, "main.py:6:9:x", 0, false},
		{"main.py:11:22", inspect.Options{Show: "definition"}, "main.py:10:9:total", 0, false},
		{"main.py:11:16", inspect.Options{Show: "definition"}, "main.py:4:1:Point", 0, false},
		{"main.py:15:50", inspect.Options{Show: "definition", IncludeKind: true}, "MemberExpr -> helper.py:1:1:VALUE", 0, false},
		{"main.py:15:27", inspect.Options{Show: "definition"}, "builtins.pyi:", 0, true},
		{"main.py:10:9", inspect.Options{Show: "attrs"}, `{"int": ["__abs__"`, 0, true},
		// A class object has its class's attributes, then type's (its
		// metaclass's).
		{"main.py:11:16", inspect.Options{Show: "attrs", Limit: 1}, `{"Point": ["__init__", "moved", "tag", "x"], "type": ["__annotations__", "__base__"`, 0, true},
		{"main.py:15:42", inspect.Options{Show: "attrs", Limit: 1}, `{"<helper>": ["VALUE", "__annotations__", "__doc__", "__file__", "__name__", "__package__", "__spec__"], "ModuleType": [`, 0, true},
		{"main.py:9:5", inspect.Options{}, "Can't find any expressions at position 9:5", 1, false},
		{"main.py:1:1:1:3", inspect.Options{}, "Can't find expression at span 1:1:1:3", 1, false},
	}
	for _, c := range cases {
		loc, err := inspect.ParseLocation(c.loc)
		if err != nil {
			t.Fatalf("%s: %v", c.loc, err)
		}
		ans, err := inspect.Run(ins, loc, c.o)
		if err != nil {
			t.Errorf("%s: %v", c.loc, err)
			continue
		}
		match := ans.Out == c.out
		if c.prefix {
			match = strings.HasPrefix(ans.Out, c.out) || strings.Contains(ans.Out, "/"+c.out)
		}
		if !match || ans.Status != c.status {
			t.Errorf("%s %+v:\n got %q (status %d)\nwant %q (status %d)", c.loc, c.o, ans.Out, ans.Status, c.out, c.status)
		}
	}
}

// TestInspectFString checks an f-string's answers: dmypy's, about mypy's
// rewriting of it as "".join(["{:{}}".format(item.name, ""), ": ", ...]),
// whose new nodes have no end and so enclose every later column.
func TestInspectFString(t *testing.T) {
	ins := inspectedProgram(t, `class Item:
    name: str
    price: float
def label(item: Item) -> str:
    return f"{item.name}: {item.price:.2f}"
`)
	format := `"Callable[[VarArg(object), KwArg(object)], str]"`
	for _, c := range []struct {
		loc string
		o   inspect.Options
		out []string
	}{
		{"main.py:5:16", inspect.Options{}, []string{`"str"`, `"float"`, `"str"`, format, `"str"`, `"str"`, `"str"`, `"Item"`,
			`"str"`, `"str"`, format, `"str"`, `"list[str]"`, `"str"`, `"Callable[[Iterable[str]], str]"`, `"str"`}},
		{"main.py:5:12", inspect.Options{IncludeKind: true}, []string{`StrExpr -> "str"`, `MemberExpr -> "float"`,
			`StrExpr -> "str"`, "MemberExpr -> " + format, `CallExpr -> "str"`, `StrExpr -> "str"`, `StrExpr -> "str"`,
			`MemberExpr -> "str"`, `StrExpr -> "str"`, "MemberExpr -> " + format, `CallExpr -> "str"`,
			`ListExpr -> "list[str]"`, `StrExpr -> "str"`, `MemberExpr -> "Callable[[Iterable[str]], str]"`, `CallExpr -> "str"`}},
		{"main.py:5:12", inspect.Options{IncludeSpan: true, Limit: 3}, []string{`5:12:5:43 -> "str"`,
			`5:12:5:37 -> "float"`, `5:12:None:None -> "str"`}},
		// The span of the whole f-string finds the join call, the first
		// of the nodes mypy gives that span.
		{"main.py:5:12:5:43", inspect.Options{IncludeKind: true}, []string{`CallExpr -> "str"`}},
	} {
		loc, _ := inspect.ParseLocation(c.loc)
		ans, err := inspect.Run(ins, loc, c.o)
		if want := strings.Join(c.out, "\n"); err != nil || ans.Out != want {
			t.Errorf("%s %+v:\n got %q, %v\nwant %q", c.loc, c.o, ans.Out, err, want)
		}
	}
}

// TestInspectStdlibDefinition checks that a definition in the embedded
// typeshed names a file an editor can open: the stub copied out,
// read-only, below the user's cache folder, where the line shows the def.
func TestInspectStdlibDefinition(t *testing.T) {
	ins := inspected(t)
	cache, err := os.UserCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := inspect.ParseLocation("main.py:15:27")
	ans, err := inspect.Run(ins, loc, inspect.Options{Show: "definition"})
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(ans.Out, ":")
	want := filepath.Join(cache, "typd", "typeshed-"+typeshed.Commit(), "stdlib", "builtins.pyi")
	if len(parts) != 4 || parts[0] != want || parts[3] != "len" {
		t.Fatalf("got %q, want %s:LINE:COLUMN:len", ans.Out, want)
	}
	st, err := os.Stat(want)
	if err != nil || st.Mode().Perm()&0o222 != 0 {
		t.Fatalf("the stub: %v, mode %v; want a read-only file", err, st)
	}
	text, _ := os.ReadFile(want)
	line, _ := strconv.Atoi(parts[1])
	if lines := strings.Split(string(text), "\n"); line < 1 || line > len(lines) || !strings.HasPrefix(lines[line-1], "def len(") {
		t.Errorf("line %d of the stub does not define len", line)
	}
}

// inspected checks the small program and returns its main module's
// inspection; the user's cache folder (where stubs are copied out) is a
// temporary one.
func inspected(t *testing.T) *checker.Inspection { return inspectedProgram(t, program) }

// inspectedProgram is inspected for another main module.
func inspectedProgram(t *testing.T, main string) *checker.Inspection {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	embedded, ok := typeshed.Embedded()
	if !ok {
		t.Skip(typeshed.ProvisionHint)
	}
	opts, _, err := options.Parse([]string{"--python-version", "3.12", "--no-site-packages"})
	if err != nil {
		t.Fatal(err)
	}
	files := fsys.Map{"main.py": []byte(main), "helper.py": []byte("VALUE: int | None = 1\n")}
	srcs := []sources.Source{{Path: "main.py", Module: "main"}, {Path: "helper.py", Module: "helper"}}
	sess := checker.NewSession()
	sess.Check(checker.Config{Files: files, Typeshed: fsys.FromFS(embedded), Options: opts}, srcs)
	snap, err := sess.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	ins, err := snap.Inspect("main.py")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := snap.Inspect("other.py"); err != checker.ErrUnknownModule {
		t.Errorf("unknown path: got %v", err)
	}
	return ins
}

// TestParseLocation covers dmypy's location syntax and its errors.
func TestParseLocation(t *testing.T) {
	for _, c := range []struct{ in, file, err string }{
		{"foo.py:1:2", "foo.py", ""},
		{"foo.py:1:2:3:4", "foo.py", ""},
		{"foo:1:2:3", "foo:1", ""},
		{"C:/x.py:1:2", "C:/x.py", ""},
		{"foo:1", "", "Format should be file:line:column[:end_line:end_column]"},
		{"foo.py:1:a", "", "invalid literal for int() with base 10: 'a'"},
		{"a:b:c:d:e:f:g", "", "Format should be file:line:column[:end_line:end_column]"},
	} {
		loc, err := inspect.ParseLocation(c.in)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.err || err == nil && loc.File != c.file {
			t.Errorf("%s: got %q, %v; want %q, %q", c.in, loc.File, err, c.file, c.err)
		}
	}
}
