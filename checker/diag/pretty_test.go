package diag

import (
	"bytes"
	"strings"
	"testing"
)

// TestPretty checks --pretty excerpts: markers over one-line spans, over
// the first line of longer spans, a bare caret without an end, tabs
// expanded, notes without excerpts, and fitting in a narrow terminal.
func TestPretty(t *testing.T) {
	src := []byte("x: int = 'no'\ndef f():\n    pass\n\tif\tx: y = 1\n" +
		"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz = bad_value_at_the_end_of_a_long_line\n")
	ds := []Diagnostic{
		{File: "a.py", Line: 1, Col: 9, EndLine: 1, EndCol: 13, Severity: Error, Message: "one line", Code: "assignment"},
		{File: "a.py", Line: 2, Col: 0, EndLine: 3, EndCol: 8, Severity: Error, Message: "a def"},
		{File: "a.py", Line: 2, Col: 0, Severity: Note, Message: "a note"},
		{File: "a.py", Line: 4, Col: 4, EndLine: 4, EndCol: 5, Severity: Error, Message: "after a tab"},
		{File: "a.py", Line: 3, Col: -1, Severity: Error, Message: "no column"},
		{File: "a.py", Line: -1, Col: -1, Severity: Error, Message: "no line"},
	}
	f := Format{Pretty: true, Source: func(string) []byte { return src }}
	var b bytes.Buffer
	f.Write(&b, ds)
	want := `a.py:1: error: one line  [assignment]
    x: int = 'no'
             ^~~~
a.py:2: error: a def
    def f():
    ^~~~~~~~
a.py:2: note: a note
a.py:4: error: after a tab
            if      x: y = 1
                    ^
a.py:3: error: no column
        pass
        ^
a.py: error: no line
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}

	long := Diagnostic{File: "a.py", Line: 5, Col: 75, EndLine: 5, EndCol: 111, Severity: Error,
		Message: `Incompatible types in assignment (expression has type "list[tuple[int, str]]", variable has type "int")`}
	f.Width = 60
	got := strings.Join(f.lines(long), "\n")
	want = `a.py:5: error: Incompatible types in assignment (expression
has type "list[tuple[int, str]]", variable has type "int")
    ...zzzzzzzzzzzzzzzzzzzzzzzzzz = bad_value_at_the_end_...
                                    ^~~~~~~~~~~~~~~~~~~~~...`
	// (The expected text is what mypy 1.0.1's soft_wrap and
	// trim_source_line make of the same input.)
	if got != want {
		t.Errorf("fitted in 60 columns, got\n%s\nwant\n%s", got, want)
	}
}
