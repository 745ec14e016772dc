package merge

import (
	"fmt"
	"strings"
	"testing"

	"typd/checker/reach"
	"typd/parser"
	"typd/parser/ast"
)

// outline writes a block one statement a line: each def as "def NAME@LINE",
// each if as "if@LINE" with its branches indented.
func outline(b *strings.Builder, stmts []ast.Stmt, indent string) {
	for _, s := range stmts {
		switch x := s.(type) {
		case *ast.FunctionDef:
			fmt.Fprintf(b, "%sdef %s@%d\n", indent, x.Name, x.Lineno)
		case *ast.If:
			fmt.Fprintf(b, "%sif@%d\n", indent, x.Lineno)
			outline(b, x.Body, indent+"  ")
			if len(x.Orelse) > 0 {
				fmt.Fprintf(b, "%selse\n", indent)
				outline(b, x.Orelse, indent+"  ")
			}
		default:
			fmt.Fprintf(b, "%sstmt@%d\n", indent, s.Pos().Lineno)
		}
	}
}

func TestModule(t *testing.T) {
	rc := &reach.Config{PythonVersion: [2]int{3, 12}, AlwaysTrue: []string{"yes"}, AlwaysFalse: []string{"no"}}
	for _, tc := range []struct {
		name, src, want string
		unknown         []int32
	}{{
		name: "true condition merges",
		src: `@overload
def f(x: int) -> int: ...
if yes:
    @overload
    def f(x: str) -> str: ...
def f(x): ...
`,
		want: "if@3\ndef f@2\ndef f@5\ndef f@6\n",
	}, {
		name: "false condition drops its part",
		src: `@overload
def f(x: int) -> int: ...
if no:
    @overload
    def f(x: str) -> str: ...
def f(x): ...
`,
		want: "if@3\ndef f@2\ndef f@6\n",
	}, {
		name: "unknown condition drops its part and is reported",
		src: `@overload
def f(x: int) -> int: ...
if maybe:
    @overload
    def f(x: str) -> str: ...
def f(x): ...
`,
		want:    "if@3\ndef f@2\ndef f@6\n",
		unknown: []int32{3},
	}, {
		name: "elif chain runs the known branch",
		src: `@overload
def f(x: int) -> int: ...
if no:
    @overload
    def f(x: str) -> str: ...
elif yes:
    @overload
    def f(x: bytes) -> bytes: ...
def f(x): ...
`,
		// (as in mypy, the elif is replaced by the part it runs first, so
		// the emptied if keeps no else)
		want: "if@3\ndef f@2\ndef f@8\ndef f@9\n",
	}, {
		name: "an if with other statements is left alone",
		src: `@overload
def f(x: int) -> int: ...
if yes:
    @overload
    def f(x: str) -> str: ...
    pass
def f(x): ...
`,
		want: "def f@2\nif@3\n  def f@5\n  stmt@6\ndef f@7\n",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			f := parser.Parse([]byte(tc.src))
			before := ast.Dump(f.Module)
			m, unknown := Module(f.Module, rc)
			var b strings.Builder
			outline(&b, m.Body, "")
			if got := b.String(); got != tc.want {
				t.Errorf("merged outline:\n%s\nwant:\n%s", got, tc.want)
			}
			var lines []int32
			for _, x := range unknown {
				lines = append(lines, x.Lineno)
			}
			if fmt.Sprint(lines) != fmt.Sprint(tc.unknown) {
				t.Errorf("unknown conditions at lines %v, want %v", lines, tc.unknown)
			}
			if after := ast.Dump(f.Module); after != before {
				t.Errorf("the parse changed:\n%s\nwas:\n%s", after, before)
			}
		})
	}
}

func TestModuleNestedClassBody(t *testing.T) {
	rc := &reach.Config{PythonVersion: [2]int{3, 12}, AlwaysTrue: []string{"yes"}}
	f := parser.Parse([]byte(`class C:
    @overload
    def f(self) -> int: ...
    if yes:
        @overload
        def f(self, x: str) -> str: ...
    def f(self, x=None): ...
`))
	m, _ := Module(f.Module, rc)
	var b strings.Builder
	outline(&b, m.Body[0].(*ast.ClassDef).Body, "")
	if want := "if@4\ndef f@3\ndef f@6\ndef f@7\n"; b.String() != want {
		t.Errorf("class body:\n%s\nwant:\n%s", b.String(), want)
	}
	if m.Body[0] == f.Module.Body[0] {
		t.Error("the class statement was not copied")
	}
}

func TestModuleUnchanged(t *testing.T) {
	f := parser.Parse([]byte("def f(): ...\nif x:\n    y = 1\n"))
	if m, _ := Module(f.Module, &reach.Config{}); m != f.Module {
		t.Error("a module with nothing to merge was copied")
	}
}

// BenchmarkModule merges a generated module of functions, classes and
// conditional overloads; the time per line stays flat as it grows.
func BenchmarkModule(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		var src strings.Builder
		for i := range n {
			fmt.Fprintf(&src, "@overload\ndef f%d(x: int) -> int: ...\nif yes:\n    @overload\n    def f%d(x: str) -> str: ...\ndef f%d(x): return x\n", i, i, i)
			fmt.Fprintf(&src, "class C%d:\n    if maybe:\n        def m(self) -> None: ...\n", i)
		}
		f := parser.Parse([]byte(src.String()))
		lines := strings.Count(src.String(), "\n")
		rc := &reach.Config{PythonVersion: [2]int{3, 12}, AlwaysTrue: []string{"yes"}}
		b.Run(fmt.Sprint(lines, " lines"), func(b *testing.B) {
			for b.Loop() {
				Module(f.Module, rc)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(lines), "ns/line")
		})
	}
}
