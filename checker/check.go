// Package checker checks a set of Python source files as mypy does and
// returns mypy's diagnostics. It reads files only through the FileSystem the
// front end gives it (invariant 2 of DESIGN.md): the disk for `typd check`,
// disk plus editor buffers for the language server, a map in tests.
//
// So far it parses every source and reports syntax errors; module finding,
// semantic analysis and type checking plug in behind Check.
package checker

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"typd/checker/diag"
	"typd/checker/fsys"
	"typd/checker/options"
	"typd/checker/sources"
	"typd/parser"
)

// Config is what a check reads: the files, the typeshed stubs (stdlib/ and
// stubs/) and the options.
type Config struct {
	Files    fsys.FS
	Typeshed fsys.FS
	Options  *options.Options
}

// Result is the outcome of a check.
type Result struct {
	Diagnostics []diag.Diagnostic
	// Checked is the number of source files checked.
	Checked int
}

// Check checks the sources.
func Check(cfg Config, srcs []sources.Source) *Result {
	res := &Result{Checked: len(srcs)}
	for _, s := range srcs {
		text := s.Text
		if text == nil {
			b, err := cfg.Files.ReadFile(s.Path)
			if err != nil {
				res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{File: s.Path, Line: -1, Col: -1,
					Severity: diag.Error, Message: fmt.Sprintf("cannot read file: %v", err), Blocking: true})
				continue
			}
			text = b
		}
		f := parser.Parse(text)
		if len(f.Errors) > 0 {
			e := f.Errors[0]
			// mypy reports CPython's 1-based offset as its 0-based column.
			res.Diagnostics = append(res.Diagnostics, diag.Diagnostic{File: s.Path, Line: int(e.Line),
				Col: int(e.Col) + 1, Severity: diag.Error, Message: capitalize(e.Msg), Code: "syntax", Blocking: true})
		}
	}
	return res
}

// capitalize upper-cases the first letter, as mypy does with CPython's
// syntax error messages.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
