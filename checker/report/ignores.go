package report

import (
	"maps"
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/reach"
	"typd/parser/ast"
)

// ignores are a module's `# type: ignore` comments.
type ignores struct {
	// lines maps a line to the codes its comment names; nil means all.
	lines map[int][]string
	// wholeFile is set by an ignore comment before the first statement.
	wholeFile bool
}

// parentCodes maps an error code to the broader code that also silences it
// (mypy's sub_code_of).
var parentCodes = map[string]string{
	"import-not-found":      "import",
	"import-untyped":        "import",
	"method-assign":         "assignment",
	"typeddict-unknown-key": "typeddict-item",
}

func newIgnores(m *ast.Module) *ignores {
	ig := &ignores{lines: map[int][]string{}}
	if m == nil {
		return ig
	}
	firstStmt := int32(1 << 30)
	if len(m.Body) > 0 {
		firstStmt = m.Body[0].Pos().Lineno
		// A decorated def or class starts at its first decorator, as
		// mypy counts it.
		switch d := m.Body[0].(type) {
		case *ast.FunctionDef:
			if len(d.DecoratorList) > 0 {
				firstStmt = min(firstStmt, d.DecoratorList[0].Pos().Lineno)
			}
		case *ast.ClassDef:
			if len(d.DecoratorList) > 0 {
				firstStmt = min(firstStmt, d.DecoratorList[0].Pos().Lineno)
			}
		}
	}
	for _, t := range m.TypeIgnores {
		codes := parseIgnoreCodes(t.Tag)
		ig.lines[int(t.Lineno)] = codes
		if t.Lineno < firstStmt && codes == nil {
			ig.wholeFile = true
		}
	}
	return ig
}

// parseIgnoreCodes reads "[a, b]" from the text after "ignore"; no
// brackets means every code.
func parseIgnoreCodes(tag string) []string {
	tag = strings.TrimSpace(tag)
	if !strings.HasPrefix(tag, "[") {
		return nil
	}
	inner, _, _ := strings.Cut(tag[1:], "]")
	var codes []string
	for _, c := range strings.Split(inner, ",") {
		if c = strings.TrimSpace(c); c != "" {
			codes = append(codes, c)
		}
	}
	return codes
}

// covers reports whether an error with this code on this line is ignored.
func (ig *ignores) covers(line int, code string) bool {
	if ig.wholeFile {
		return true
	}
	codes, ok := ig.lines[line]
	if !ok {
		return false
	}
	if codes == nil {
		return true
	}
	for _, c := range codes {
		if c == code || c == parentCodes[code] {
			return true
		}
	}
	return false
}

// skippedLines returns the lines that mypy's reachability analysis drops
// before checking: the bodies of branches that are always false for the
// target (sys.version_info, sys.platform, TYPE_CHECKING, --always-false)
// and the rest of the module after a top-level assert that always fails.
// An ignore comment there is never reported unused.
func skippedLines(m *ast.Module, rc *reach.Config) map[int]bool {
	skipped := map[int]bool{}
	if m == nil {
		return skipped
	}
	skip := func(block []ast.Stmt) {
		if len(block) == 0 {
			return
		}
		first, last := block[0].Pos(), block[len(block)-1].Pos()
		for l := first.Lineno; l <= max(first.Lineno, last.EndLineno); l++ {
			skipped[int(l)] = true
		}
	}
	var walk func(stmts []ast.Stmt)
	walk = func(stmts []ast.Stmt) {
		for _, s := range stmts {
			if x, ok := s.(*ast.If); ok {
				t := rc.Infer(x.Test)
				switch {
				case reach.IsFalse(t):
					skip(x.Body)
					walk(x.Orelse)
					continue
				case reach.IsTrue(t):
					walk(x.Body)
					skip(x.Orelse)
					continue
				}
			}
			for _, b := range ast.Blocks(s) {
				walk(b)
			}
		}
	}
	body := m.Body
	for i, s := range body {
		if a, ok := s.(*ast.Assert); ok && reach.IsFalse(rc.Infer(a.Test)) {
			skip(body[i+1:])
			body = body[:i]
			break
		}
	}
	walk(body)
	return skipped
}

// unusedIgnores returns mypy's unused-ignore errors for a module's ignore
// comments, given the codes each one silenced (used, by line): an ignore
// without codes that silenced nothing, or the codes of an ignore[...] that
// silenced nothing, with the narrower codes they stood for when a parent
// code (ignore[assignment]) silenced a sub-code (method-assign).
func (ig *ignores) unusedIgnores(path string, used map[int][]string, skipped map[int]bool) []diag.Diagnostic {
	if ig.wholeFile {
		return nil
	}
	var out []diag.Diagnostic
	for _, line := range slices.Sorted(maps.Keys(ig.lines)) {
		codes := ig.lines[line]
		if skipped[line] || slices.Contains(codes, diag.CodeUnusedIgnore) {
			continue
		}
		silenced := used[line]
		if codes == nil {
			if len(silenced) > 0 {
				continue
			}
			out = append(out, diag.Diagnostic{File: path, Line: line, Col: -1, Severity: diag.Error,
				Message: diag.UnusedIgnore(nil, false, nil), Code: diag.CodeUnusedIgnore})
			continue
		}
		var unused []string
		narrower := map[string][]string{}
		for _, c := range codes {
			if slices.Contains(silenced, c) || slices.Contains(unused, c) {
				continue
			}
			unused = append(unused, c)
			for _, s := range silenced {
				if parentCodes[s] == c && !slices.Contains(narrower[c], s) {
					narrower[c] = append(narrower[c], s)
				}
			}
		}
		if len(unused) == 0 {
			continue
		}
		out = append(out, diag.Diagnostic{File: path, Line: line, Col: -1, Severity: diag.Error,
			Message: diag.UnusedIgnore(unused, len(codes) > 1, func(c string) []string { return narrower[c] }), Code: diag.CodeUnusedIgnore})
	}
	return out
}
