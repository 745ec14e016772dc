package diag

import "testing"

func TestFormat(t *testing.T) {
	d := Diagnostic{File: "m.py", Line: 3, Col: 4, EndLine: 3, EndCol: 9, Severity: Error, Message: "Bad", Code: "misc"}
	for _, tc := range []struct {
		f    Format
		want string
	}{
		{Format{}, "m.py:3: error: Bad  [misc]"},
		{Format{HideErrorCodes: true}, "m.py:3: error: Bad"},
		{Format{ShowColumnNumbers: true}, "m.py:3:5: error: Bad  [misc]"},
		{Format{ShowColumnNumbers: true, ShowErrorEnd: true}, "m.py:3:5:3:9: error: Bad  [misc]"},
	} {
		if got := tc.f.String(d); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
	note := Diagnostic{File: "m.py", Line: 1, Col: -1, Severity: Note, Message: "See", Code: "misc"}
	if got := (Format{ShowColumnNumbers: true}).String(note); got != "m.py:1: note: See" {
		t.Errorf("note: got %q", got)
	}
}

func TestSummary(t *testing.T) {
	e := func(file string, blocking bool) Diagnostic {
		return Diagnostic{File: file, Line: 1, Severity: Error, Message: "x", Blocking: blocking}
	}
	for _, tc := range []struct {
		ds      []Diagnostic
		checked int
		want    string
	}{
		{nil, 1, "Success: no issues found in 1 source file"},
		{nil, 3, "Success: no issues found in 3 source files"},
		{[]Diagnostic{e("a", false), e("a", false), e("b", false)}, 3, "Found 3 errors in 2 files (checked 3 source files)"},
		{[]Diagnostic{e("a", false)}, 1, "Found 1 error in 1 file (checked 1 source file)"},
		{[]Diagnostic{e("a", true)}, 5, "Found 1 error in 1 file (errors prevented further checking)"},
	} {
		if got := Summary(tc.ds, tc.checked); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
