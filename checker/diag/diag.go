// Package diag holds the checker's diagnostics and prints them in mypy's
// format: `file:line[:col]: severity: message  [code]` and the summary line.
// It does no I/O beyond writing to the writer it is given.
package diag

import (
	"fmt"
	"io"
	"strings"
)

// Severity is error, warning or note.
type Severity string

// The severities mypy prints.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Note    Severity = "note"
)

// Diagnostic is one message. Line is 1-based; Col is 0-based (printed
// 1-based), -1 when unknown. Code is mypy's error code ("syntax",
// "arg-type"), or "" for notes.
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	EndLine  int
	EndCol   int
	Severity Severity
	Message  string
	Code     string
	// Blocking marks an error that stops the checking of its file (a syntax
	// error); a run with one exits 2.
	Blocking bool
	// IgnoreThrough, when not 0, is the last line whose ignore comment
	// silences the diagnostic (a def's errors span the def but only its
	// first line's comment counts); 0 means EndLine.
	IgnoreThrough int
	// IgnoreFrom, when not 0, is the first line whose ignore comment
	// silences the diagnostic, when that is before Line (an argument's
	// error in a def whose first line counts too).
	IgnoreFrom int
	// Repeatable marks a note that may repeat another of its line (a line
	// of a signature listing, mypy's allow_dups).
	Repeatable bool
}

// Format controls how diagnostics print.
type Format struct {
	ShowColumnNumbers bool
	ShowErrorEnd      bool
	HideErrorCodes    bool
	// Pretty prints each error's source line under it with a marker under
	// its span (mypy's --pretty); Source gives a file's text for that.
	Pretty bool
	Source func(path string) []byte
	// Width, when not 0, fits pretty output in a terminal that many
	// columns wide: long messages wrap, long source lines are trimmed.
	Width int
}

// String formats d as mypy prints it.
func (f Format) String(d Diagnostic) string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if f.ShowColumnNumbers && d.Col >= 0 {
			fmt.Fprintf(&b, ":%d", d.Col+1)
			if f.ShowErrorEnd && d.EndLine > 0 {
				fmt.Fprintf(&b, ":%d:%d", d.EndLine, d.EndCol)
			}
		}
	}
	fmt.Fprintf(&b, ": %s: %s", d.Severity, d.Message)
	if d.Code != "" && !f.HideErrorCodes && (d.Severity != Note || noteCodesShown[d.Code]) {
		fmt.Fprintf(&b, "  [%s]", d.Code)
	}
	return b.String()
}

// noteCodesShown are the codes shown on notes: those of notes that stand
// alone (other notes follow an error that shows the code).
var noteCodesShown = map[string]bool{"annotation-unchecked": true, "deprecated": true}

// Summary returns mypy's closing line for a run over checked source files.
func Summary(ds []Diagnostic, checked int) string {
	errors, files, blocking := 0, map[string]bool{}, false
	for _, d := range ds {
		if d.Severity == Error {
			errors++
			files[d.File] = true
			blocking = blocking || d.Blocking
		}
	}
	if errors == 0 {
		return fmt.Sprintf("Success: no issues found in %d source %s", checked, plural(checked, "file"))
	}
	if blocking {
		return fmt.Sprintf("Found %d %s in %d %s (errors prevented further checking)",
			errors, plural(errors, "error"), len(files), plural(len(files), "file"))
	}
	return fmt.Sprintf("Found %d %s in %d %s (checked %d source %s)", errors, plural(errors, "error"),
		len(files), plural(len(files), "file"), checked, plural(checked, "file"))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// Write prints the diagnostics, one a line (with source excerpts when
// Pretty).
func (f Format) Write(w io.Writer, ds []Diagnostic) {
	for _, d := range ds {
		for _, line := range f.lines(d) {
			fmt.Fprintln(w, line)
		}
	}
}
