package report

import (
	"reflect"
	"testing"

	"typd/checker/diag"
)

// TestFinalOrder checks the order and repeats of one file's diagnostics:
// by line and column, ties in the order reported (a note stays after its
// error), a message repeated on its line dropped whatever its column,
// overload listings kept.
func TestFinalOrder(t *testing.T) {
	e := func(line, col int, sev diag.Severity, msg string) diag.Diagnostic {
		return diag.Diagnostic{Line: line, Col: col, Severity: sev, Message: msg}
	}
	in := []diag.Diagnostic{
		e(3, 0, diag.Error, "late"),
		e(1, 4, diag.Error, "twice"),
		e(1, 0, diag.Error, "first"),
		e(1, 0, diag.Note, "its note"),
		e(1, 8, diag.Error, "twice"),
		e(2, 0, diag.Note, "@overload"),
		e(2, 0, diag.Note, "@overload"),
	}
	want := []diag.Diagnostic{
		e(1, 0, diag.Error, "first"),
		e(1, 0, diag.Note, "its note"),
		e(1, 4, diag.Error, "twice"),
		e(2, 0, diag.Note, "@overload"),
		e(2, 0, diag.Note, "@overload"),
		e(3, 0, diag.Error, "late"),
	}
	if got := WithoutDuplicates(SortByLine(in)); !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
}
