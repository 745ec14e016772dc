// Package report turns what a check found into mypy's diagnostics: it
// applies `# type: ignore` comments, disabled error codes and
// ignore_errors, reports the ignore comments that silence nothing or name
// no code, adds mypy's once-per-run notes and import errors, orders each
// file's diagnostics and drops repeats as mypy does, and applies
// --soft-error-limit (limit.go).
package report

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"typd/checker/build"
	"typd/checker/diag"
	"typd/checker/modules"
	"typd/checker/options"
	"typd/checker/reach"
	"typd/parser/ast"
)

// New returns a reporter for a check of the program g under opts, whose
// modules finder found.
func New(g *build.Graph, opts *options.Options, finder *modules.Finder) *Reporter {
	return &Reporter{graph: g, opts: opts, finder: finder, byModule: map[string][]diag.Diagnostic{}}
}

// Of returns a module's diagnostics so far, in the order reported.
func (r *Reporter) Of(module string) []diag.Diagnostic { return r.byModule[module] }

// Keep adds diagnostics a session kept for a module (already filtered).
func (r *Reporter) Keep(module string, ds []diag.Diagnostic) {
	r.byModule[module] = append(r.byModule[module], ds...)
}

// Final returns a module's diagnostics as mypy prints them: by line, a
// message repeated on its line dropped.
func (r *Reporter) Final(module string) []diag.Diagnostic {
	return WithoutDuplicates(SortByLine(r.byModule[module]))
}

// Internal returns the internal errors (crashes) reported so far.
func (r *Reporter) Internal() []diag.Diagnostic { return r.internal }

// Crashed adds the internal error of a module whose analysis panicked.
func (r *Reporter) Crashed(m *build.Module, v any) {
	r.internal = append(r.internal, InternalError(m, v))
}

// Reporter gathers a check's diagnostics by module: it drops those an
// ignore comment, a disabled code or ignore_errors silences, attaches
// mypy's once-per-run notes to the first error that needs each, and
// reports the ignore comments that silence nothing or name no code.
type Reporter struct {
	graph    *build.Graph
	opts     *options.Options
	finder   *modules.Finder
	once     map[string]bool
	byModule map[string][]diag.Diagnostic
	ignores  map[string]*ignores
	// used are the codes each ignore comment silenced, by module and line.
	used map[string]map[int][]string
	// internal are the modules whose analysis crashed.
	internal []diag.Diagnostic
}

// ignored reports whether the message is silenced: by a `# type: ignore`
// comment, a disabled error code, or ignore_errors for the module.
func (r *Reporter) ignored(m *build.Module, line int, code string) bool {
	if mo := r.opts.For(m.Name); mo.Bool("ignore_errors") || (code != "" && !mo.CodeEnabled(code, parentCodes[code])) {
		return true
	}
	ig := r.ignoresOf(m)
	if !ig.covers(line, code) {
		return false
	}
	if r.used == nil {
		r.used = map[string]map[int][]string{}
	}
	if r.used[m.Name] == nil {
		r.used[m.Name] = map[int][]string{}
	}
	r.used[m.Name][line] = append(r.used[m.Name][line], code)
	return true
}

// ignoresOf returns a module's ignore comments, read once.
func (r *Reporter) ignoresOf(m *build.Module) *ignores {
	if r.ignores == nil {
		r.ignores = map[string]*ignores{}
	}
	ig, ok := r.ignores[m.Name]
	if !ok {
		var mod *ast.Module
		if m.File != nil {
			mod = m.File.Module
		}
		ig = newIgnores(mod)
		r.ignores[m.Name] = ig
	}
	return ig
}

// IgnoresWithoutCode reports, when the ignore-without-code code is on, the
// ignore comments of a module that name no error code, suggesting the
// codes they silenced.
func (r *Reporter) IgnoresWithoutCode(m *build.Module) {
	mo := r.opts.For(m.Name)
	ig := r.ignoresOf(m)
	if ig.wholeFile || mo.Bool("ignore_errors") || !mo.CodeEnabled(diag.CodeIgnoreWithoutCode, "") {
		return
	}
	lines := make([]int, 0, len(ig.lines))
	for line, codes := range ig.lines {
		if codes == nil {
			lines = append(lines, line)
		}
	}
	slices.Sort(lines)
	// An ignore that silenced nothing gets, under --warn-unused-ignores,
	// that error alone (mypy's rule).
	warnsUnused := (mo.Bool("warn_unused_ignores") || slices.Contains(mo.EnableErrorCodes, diag.CodeUnusedIgnore)) &&
		!slices.Contains(mo.DisableErrorCodes, diag.CodeUnusedIgnore)
	for _, line := range lines {
		used := slices.Compact(slices.Sorted(slices.Values(r.used[m.Name][line])))
		if warnsUnused && len(used) == 0 {
			continue
		}
		r.byModule[m.Name] = append(r.byModule[m.Name], diag.Diagnostic{File: m.Path, Line: line, Col: -1,
			Severity: diag.Error, Message: diag.IgnoreWithoutCode(used), Code: diag.CodeIgnoreWithoutCode})
	}
}

// UnusedIgnores reports, under --warn-unused-ignores or when the
// unused-ignore code is enabled, the ignore comments of a module that
// silenced nothing (outside the lines mypy skips as unreachable).
func (r *Reporter) UnusedIgnores(m *build.Module, rc *reach.Config) {
	mo := r.opts.For(m.Name)
	on := mo.Bool("warn_unused_ignores") || slices.Contains(mo.EnableErrorCodes, diag.CodeUnusedIgnore)
	if !on || slices.Contains(mo.DisableErrorCodes, diag.CodeUnusedIgnore) || mo.Bool("ignore_errors") || m.File == nil {
		return
	}
	ig := r.ignoresOf(m)
	if len(ig.lines) == 0 {
		return
	}
	ds := ig.unusedIgnores(m.Path, r.used[m.Name], skippedLines(m.File.Module, rc))
	r.byModule[m.Name] = append(r.byModule[m.Name], ds...)
}

// Add adds a diagnostic of module m at a line and column (see AddDiag).
func (r *Reporter) Add(m *build.Module, line, col int, sev diag.Severity, code, msg string) {
	r.AddDiag(m, diag.Diagnostic{Line: line, Col: col, Severity: sev, Message: msg, Code: code})
}

// AddDiag adds a diagnostic of a module unless an ignore comment on one of
// the lines of the node it is about (Line to EndLine) silences it.
func (r *Reporter) AddDiag(m *build.Module, d diag.Diagnostic) {
	line, code, sev := d.Line, d.Code, d.Severity
	last := d.EndLine
	if d.IgnoreThrough > 0 {
		last = d.IgnoreThrough
	}
	first := line
	if d.IgnoreFrom > 0 {
		first = min(line, d.IgnoreFrom)
	}
	for l := first; l <= max(line, last); l++ {
		if r.ignored(m, l, code) {
			return
		}
	}
	d.File = m.Path
	r.byModule[m.Name] = append(r.byModule[m.Name], d)
	// An ignore comment naming other codes suggests a wrong code.
	if codes := r.ignores[m.Name].lines[line]; sev == diag.Error && code != "" && len(codes) > 0 {
		r.byModule[m.Name] = append(r.byModule[m.Name], diag.Diagnostic{File: m.Path, Line: line, Col: d.Col,
			Severity: diag.Note, Message: diag.IgnoreNotCovering(code, codes)})
	}
}

// Note adds a note that mypy prints once per run.
func (r *Reporter) Note(m *build.Module, line, col int, code, msg string) {
	if r.once == nil {
		r.once = map[string]bool{}
	}
	if r.once[msg] || r.ignored(m, line, code) {
		return
	}
	r.once[msg] = true
	r.Add(m, line, col, diag.Note, code, msg)
}

// ImportErrors reports the imports of a module that could not be
// followed, with mypy's notes.
func (r *Reporter) ImportErrors(m *build.Module) {
	if m.Silent {
		return
	}
	for _, e := range m.ImportErrors {
		switch {
		case e.NoParent:
			r.Add(m, e.Line, e.Col, diag.Error, diag.CodeMisc, diag.NoParentModule)
		case e.Ignored:
			msg, note := diag.ImportIgnored(e.Module)
			r.Add(m, e.Line, e.Col, diag.Error, diag.CodeMisc, msg)
			r.Note(m, e.Line, e.Col, diag.CodeMisc, note)
		case r.opts.For(e.Module).IgnoreMissingImport, r.coveredByGetattr(e.Module):
		case e.Reason == modules.StubsNotInstalled:
			msg, hint, all := diag.StubsNotInstalled(e.Module, r.finder.StubDistribution(e.Module))
			r.Add(m, e.Line, e.Col, diag.Error, diag.CodeImportUntyped, msg)
			r.Note(m, e.Line, e.Col, diag.CodeImportUntyped, hint)
			r.Note(m, e.Line, e.Col, diag.CodeImportUntyped, all)
			r.Note(m, e.Line, e.Col, diag.CodeImportUntyped, diag.MissingImportsNote)
		case e.Reason == modules.NotTyped:
			r.Add(m, e.Line, e.Col, diag.Error, diag.CodeImportUntyped, diag.NotTyped(e.Module))
			r.Note(m, e.Line, e.Col, diag.CodeImportUntyped, diag.MissingImportsNote)
		default:
			r.Add(m, e.Line, e.Col, diag.Error, diag.CodeImportNotFound, diag.ModuleNotFound(e.Module))
			r.Note(m, e.Line, e.Col, diag.CodeImportNotFound, diag.MissingImportsNote)
		}
	}
}

// coveredByGetattr reports whether the nearest loaded ancestor package of a
// missing module is a stub whose module-level __getattr__ stands for any
// submodule (a partial stub package), which silences the error in mypy.
func (r *Reporter) coveredByGetattr(module string) bool {
	for i := strings.LastIndexByte(module, '.'); i > 0; i = strings.LastIndexByte(module, '.') {
		module = module[:i]
		m, ok := r.graph.Modules[module]
		if !ok {
			continue
		}
		if !m.IsStub || !m.IsPackage || m.File == nil {
			return false
		}
		for _, s := range m.File.Module.Body {
			if f, ok := s.(*ast.FunctionDef); ok && f.Name == "__getattr__" {
				return true
			}
		}
		return false
	}
	return false
}

// Recovered runs the analysis of one module, recovering a panic (a bug in
// typd): it returns the analysis's diagnostics, or what the panic said.
// With TYPD_PANIC set in the environment, the panic goes on.
func Recovered(run func() []diag.Diagnostic) (ds []diag.Diagnostic, crash any) {
	defer func() {
		if v := recover(); v != nil {
			if os.Getenv("TYPD_PANIC") != "" {
				panic(v)
			}
			ds, crash = nil, v
		}
	}()
	return run(), nil
}

// Analyzed adds the diagnostics of one module's analysis, or, when it
// panicked (see Recovered), reports an internal error of that module (a
// blocking one, as mypy's are); the other modules are still checked.
func (r *Reporter) Analyzed(m *build.Module, ds []diag.Diagnostic, crash any) {
	if crash != nil {
		r.Crashed(m, crash)
		return
	}
	for _, d := range ds {
		r.AddDiag(m, d)
	}
}

// InternalError reports a panic (a bug in typd) while typd worked on
// module m: a blocking error, as mypy's internal errors are.
func InternalError(m *build.Module, v any) diag.Diagnostic {
	return diag.Diagnostic{File: m.Path, Line: -1, Col: -1, Severity: diag.Error,
		Message: fmt.Sprintf(diag.InternalError, v), Blocking: true}
}

// SortByLine orders one file's diagnostics by line and column, keeping the
// order of reporting for ties (so a note stays after its error).
func SortByLine(ds []diag.Diagnostic) []diag.Diagnostic {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Line != ds[j].Line {
			return ds[i].Line < ds[j].Line
		}
		return ds[i].Col < ds[j].Col
	})
	return ds
}

// duplicatesAllowed are the notes that may repeat on a line: the lines of
// an overload's signature listings.
var duplicatesAllowed = map[string]bool{"@overload": true, "Got:": true, "Expected:": true}

// WithoutDuplicates drops, from one file's diagnostics sorted by line, a
// message that repeats an earlier one of the same line and severity
// whatever its column, as mypy does. Notes marked Repeatable, and notes
// listing overloads ("@overload", and "def ..." lines once a "Got:" note
// was seen in the file) may repeat.
func WithoutDuplicates(ds []diag.Diagnostic) []diag.Diagnostic {
	out := ds[:0:0]
	gotNotes := false
	for i, d := range ds {
		text := strings.TrimSpace(d.Message)
		repeatable := d.Repeatable || (d.Severity == diag.Note && duplicatesAllowed[text]) || (gotNotes && strings.HasPrefix(text, "def "))
		dup := false
		for j := i - 1; !repeatable && j >= 0 && ds[j].Line == d.Line; j-- {
			if ds[j].Severity == d.Severity && ds[j].Message == d.Message {
				dup = true
				break
			}
		}
		if text == "Got:" {
			gotNotes = true
		}
		if !dup {
			out = append(out, d)
		}
	}
	return out
}
