package parser_test

import (
	"os"
	"strings"
	"testing"

	"typd/parser"
	"typd/parser/ast"
)

// TestSnippets checks the AST of small programs against CPython 3.11's
// ast.dump, recorded in testdata/snippets.txt (### name, source, ---, dump).
// They cover the places where the converter repairs tree-sitter's reading.
func TestSnippets(t *testing.T) {
	b, err := os.ReadFile("testdata/snippets.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, block := range strings.Split(string(b), "### ")[1:] {
		name, rest, _ := strings.Cut(block, "\n")
		src, want, _ := strings.Cut(rest, "---\n")
		t.Run(name, func(t *testing.T) {
			f := parser.Parse([]byte(src))
			if len(f.Errors) > 0 {
				t.Fatalf("unexpected syntax error: %+v", f.Errors[0])
			}
			if got := ast.Dump(f.Module); got != strings.TrimSuffix(want, "\n") {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// TestSyntaxErrors checks CPython's message and position for invalid code.
func TestSyntaxErrors(t *testing.T) {
	for _, tc := range []struct {
		src       string
		line, col int32 // col is CPython's 1-based offset
		msg       string
	}{
		{"f()\n1 +\n", 2, 4, "invalid syntax"},
		{"x = (1,\ny = 2\n", 1, 5, "'(' was never closed"},
		// The parser reaches the end of the file inside the bracket.
		{"(\n", 1, 1, "'(' was never closed"},
		{"f(\n", 1, 2, "'(' was never closed"},
		{"def f():\n    return 10\n\n(\n", 4, 1, "'(' was never closed"},
		{"def f(:\n    pass\n", 1, 7, "invalid syntax"},
		{"x = )\n", 1, 5, "unmatched ')'"},
		{"a = [1, 2)\n", 1, 10, "closing parenthesis ')' does not match opening parenthesis '['"},
		{"f() = 1\n", 1, 1, "cannot assign to function call here. Maybe you meant '==' instead of '='?"},
		{"(a, 1) = x\n", 1, 5, "cannot assign to literal"},
		{"del f()\n", 1, 5, "cannot delete function call"},
		{"print 'x'\n", 1, 1, "Missing parentheses in call to 'print'. Did you mean print(...)?"},
		{"exec 'x'\n", 1, 1, "Missing parentheses in call to 'exec'. Did you mean exec(...)?"},
		{"a = 0777\n", 1, 5, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"},
		{"a = 1__0\n", 1, 6, "invalid decimal literal"},
		{"a = 12abc\n", 1, 6, "invalid decimal literal"},
		{"a = 10L\n", 1, 6, "invalid decimal literal"},
		{"def f(a=1, b): pass\n", 1, 12, "non-default argument follows default argument"},
		{"def f(*): pass\n", 1, 7, "named arguments must follow bare *"},
		{"f(**a, *b)\n", 1, 8, "iterable argument unpacking follows keyword argument unpacking"},
		{"f(a=1, b)\n", 1, 8, "positional argument follows keyword argument"},
		{"x = b'\xc3\xa9'\n", 1, 5, "bytes can only contain ASCII literal characters"},
		{"f'{x!z}'\n", 1, 5, "f-string: invalid conversion character: expected 's', 'r', or 'a'"},
		{"# coding: uft-8\n", 1, 1, "unknown encoding: uft-8"},
		{"x = '\xf6'\n", 1, 6, "(unicode error) 'utf-8' codec can't decode byte 0xf6 in position 0: invalid start byte"},
		{"x = f\"abc\n", 1, 5, "unterminated string literal (detected at line 1)"},
		{"x = (rb\"abc\n", 1, 6, "unterminated string literal (detected at line 1)"},
		{"x = 1 # \"\ny = \"abc\n", 2, 5, "unterminated string literal (detected at line 2)"},
		{"def f():\n    x = \"a\\\nb\n", 2, 9, "unterminated string literal (detected at line 3)"},
		{"def main():\n    print(\"Hello world\n!\")\n", 2, 11, "unterminated string literal (detected at line 2)"},
		{"x = \"\"\"abc\n\ny = 1\n", 1, 5, "unterminated triple-quoted string literal (detected at line 3)"},
		{"x = 'a\xe9'\n", 1, 7, "(unicode error) 'utf-8' codec can't decode byte 0xe9 in position 1: unexpected end of data"},
		// tree-sitter reads a missing block as an empty one.
		{"if x:\ny = 2\n", 2, 1, "expected an indented block after 'if' statement on line 1"},
		{"if x:\n", 1, 6, "expected an indented block after 'if' statement on line 1"},
		{"if x:", 1, 6, "expected an indented block after 'if' statement on line 1"},
		{"def f():\nreturn 1\n", 2, 1, "expected an indented block after function definition on line 1"},
		{"class C:\n", 1, 9, "expected an indented block after class definition on line 1"},
		{"for x in y:\n# c\n", 2, 4, "expected an indented block after 'for' statement on line 1"},
		{"while x:\n\n\nz\n", 4, 1, "expected an indented block after 'while' statement on line 1"},
		{"try:\n  pass\nexcept* E:\nz\n", 4, 1, "expected an indented block after 'except*' statement on line 3"},
		{"if a:\n  pass\nelif b:\nz\n", 4, 1, "expected an indented block after 'elif' statement on line 3"},
		{"match x:\n  case 1:\n  z\n", 3, 3, "expected an indented block after 'case' statement on line 2"},
		{"async with a:\nz\n", 2, 1, "expected an indented block after 'with' statement on line 1"},
		{"@d\ndef f():\nz\n", 3, 1, "expected an indented block after function definition on line 2"},
		{"def f():\n  if x:\n", 2, 8, "expected an indented block after 'if' statement on line 2"},
		{"class C(B): \\\n  \nz\n", 3, 1, "expected an indented block after class definition on line 1"},
		{"if x:\n\n\n", 3, 1, "expected an indented block after 'if' statement on line 1"},
		{"if x:  # hi\n", 1, 12, "expected an indented block after 'if' statement on line 1"},
	} {
		f := parser.Parse([]byte(tc.src))
		if len(f.Errors) == 0 {
			t.Errorf("%q: no syntax error", tc.src)
			continue
		}
		e := f.Errors[0]
		if e.Msg != tc.msg || e.Line != tc.line || e.Col+1 != tc.col {
			t.Errorf("%q: got %d:%d %q, want %d:%d %q", tc.src, e.Line, e.Col+1, e.Msg, tc.line, tc.col, tc.msg)
		}
	}
}

// TestBlocksWithoutError checks that blocks indented as CPython wants them
// give no "expected an indented block" error.
func TestBlocksWithoutError(t *testing.T) {
	for _, src := range []string{"if x:\n    y = 1  # c", "if x: pass\nz = 1\n", "def f() -> None: ...\nif x:\n    y\n",
		"d = {1:\n 2}\n", "if x:\n    # c\n    y\n", "class C:\n    x: int\nif y:\n\ty\n", "s = x[1:\n]\n"} {
		if f := parser.Parse([]byte(src)); len(f.Errors) > 0 {
			t.Errorf("%q: %+v", src, f.Errors)
		}
	}
}

// TestTypeComments checks that type comments and type: ignore comments reach the AST.
func TestTypeComments(t *testing.T) {
	src := "x = []  # type: List[int]\n" +
		"def f(a, b):  # type: (int, str) -> bool\n    pass\n" +
		"for i in y:  # type: int\n    pass\n" +
		"z = g()  # type: ignore[arg-type, misc]\n" +
		"w = 1  # type: ignore\n"
	f := parser.Parse([]byte(src))
	if len(f.Errors) > 0 {
		t.Fatal(f.Errors)
	}
	body := f.Module.Body
	if got := body[0].(*ast.Assign).TypeComment; got != "List[int]" {
		t.Errorf("assignment type comment = %q", got)
	}
	if got := body[1].(*ast.FunctionDef).TypeComment; got != "(int, str) -> bool" {
		t.Errorf("function type comment = %q", got)
	}
	if got := body[2].(*ast.For).TypeComment; got != "int" {
		t.Errorf("for type comment = %q", got)
	}
	want := []ast.TypeIgnore{{Lineno: 6, Tag: "[arg-type, misc]"}, {Lineno: 7, Tag: ""}}
	if len(f.Module.TypeIgnores) != 2 || f.Module.TypeIgnores[0] != want[0] || f.Module.TypeIgnores[1] != want[1] {
		t.Errorf("type ignores = %+v, want %+v", f.Module.TypeIgnores, want)
	}
}
