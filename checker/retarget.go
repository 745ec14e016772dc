package checker

import (
	"bytes"
	"strings"

	"typd/checker/build"
	"typd/checker/diag"
	"typd/checker/targets"
	"typd/parser/ast"
)

// passes runs a module's two analysis passes (names, then types), each
// recording its targets in the recording given (nil for none), and returns
// their diagnostics before any ignore comment is applied.
type passes func(names, checks *targets.Recording) (nameDiags, checkDiags []diag.Diagnostic)

// targetState is what a module's last analysis leaves for re-checking one of
// its targets (DESIGN.md invariant 4): the text analysed, the stamp it was
// analysed under without that text, each pass's diagnostics with the range
// each target produced, and each target's lines.
type targetState struct {
	shape               stamp
	text                []byte
	names, checks       []diag.Diagnostic
	nameRanges, checked map[targets.Key]targets.Range
	spans               map[targets.Key]defSpan
}

// defSpan is where a target lies: its def line, its body's first line and
// its last line.
type defSpan struct{ def, body, end int }

// analyze runs a module's passes. Through a session, when the module's text
// changed only inside one target's body and nothing else it depends on
// changed (its stamp without its text, shape, is the one of its last
// analysis), only that target is walked again and its diagnostics replace
// the ones it produced last time; the others keep theirs, moved by the
// lines the edit added or removed. That gives exactly what analysing the
// whole module gives (DESIGN.md invariant 3). It reports whether it took
// that path.
func (s *Session) analyze(m *build.Module, shape stamp, run passes) (out []diag.Diagnostic, retargeted bool) {
	if s == nil {
		names, checks := run(nil, nil)
		return append(names, checks...), false
	}
	prev := s.targets[m.Name]
	delete(s.targets, m.Name) // kept again only if this analysis ends
	if prev != nil && prev.shape == shape {
		if st, ok := prev.recheck(m, run); ok {
			st.shape = shape
			s.targets[m.Name] = st
			return append(st.names[:len(st.names):len(st.names)], st.checks...), true
		}
	}
	var mod *ast.Module
	if m.File != nil {
		mod = m.File.Module
	}
	nameRec, checkRec := targets.NewRecording(mod, nil), targets.NewRecording(mod, nil)
	names, checks := run(nameRec, checkRec)
	s.targets[m.Name] = &targetState{shape: shape, text: m.Text, names: names, checks: checks,
		nameRanges: nameRec.Ranges, checked: checkRec.Ranges, spans: spansOf(mod)}
	return append(names[:len(names):len(names)], checks...), false
}

// spansOf returns the lines of each target of a module.
func spansOf(mod *ast.Module) map[targets.Key]defSpan {
	out := map[targets.Key]defSpan{}
	for _, t := range targets.Index(mod) {
		body := int(t.Def.Lineno)
		if len(t.Def.Body) > 0 {
			body = int(t.Def.Body[0].Pos().Lineno)
		}
		out[t.Key] = defSpan{def: int(t.Def.Lineno), body: body, end: int(t.Def.EndLineno)}
	}
	return out
}

// recheck walks again the one target whose body holds the whole edit from
// the analysed text to m's, and returns the new state, or false when the
// edit is not of that kind.
func (st *targetState) recheck(m *build.Module, run passes) (*targetState, bool) {
	if m.File == nil || len(m.File.Errors) > 0 || st.text == nil || m.Text == nil {
		return nil, false
	}
	old, cur := st.text, m.Text
	start := commonPrefixLen(old, cur)
	suffix := commonSuffixLen(old[start:], cur[start:])
	oldEnd, curEnd := len(old)-suffix, len(cur)-suffix
	// Inline configuration changes options: not an edit of one target.
	if bytes.Contains(old[start:oldEnd], inlineConfigMarker) || bytes.Contains(cur[start:curEnd], inlineConfigMarker) {
		return nil, false
	}
	// The edit touches the lines first to oldLast of the old text and first
	// to curLast of the new one: those holding a byte of it, or the line it
	// was inserted into (none when it was inserted between two lines).
	first := 1 + bytes.Count(old[:start], []byte("\n"))
	lastLine := func(text []byte, end int) int {
		if end == start && (start == 0 || text[start-1] == '\n') {
			return first - 1
		}
		if end == start {
			return first
		}
		return first + bytes.Count(text[start:end-1], []byte("\n"))
	}
	oldLast, curLast := lastLine(old, oldEnd), lastLine(cur, curEnd)
	delta := bytes.Count(cur[start:curEnd], []byte("\n")) - bytes.Count(old[start:oldEnd], []byte("\n"))
	// The target whose body holds the edit, in the new text and the old.
	spans := spansOf(m.File.Module)
	var key targets.Key
	var def *ast.FunctionDef
	for _, t := range targets.Index(m.File.Module) {
		sp := spans[t.Key]
		if sp.body <= first && first > sp.def && curLast <= sp.end {
			key, def = t.Key, t.Def
			break
		}
	}
	was, ok := st.spans[key]
	if def == nil || !ok {
		return nil, false
	}
	if now := spans[key]; was.def != now.def || was.body != now.body || was.end+delta != now.end || oldLast > was.end {
		return nil, false
	}
	nameRange, ok1 := st.nameRanges[key]
	checkRange, ok2 := st.checked[key]
	if !ok1 || !ok2 {
		return nil, false // the target was not walked (unreachable)
	}
	nameRec, checkRec := targets.NewRecording(m.File.Module, def), targets.NewRecording(m.File.Module, def)
	names, checks := run(nameRec, checkRec)
	newNames, ok1 := nameRec.Ranges[key]
	newChecks, ok2 := checkRec.Ranges[key]
	if !ok1 || !ok2 {
		return nil, false
	}
	edit := lineEdit{first: first, last: oldLast, delta: delta}
	next := &targetState{text: cur, spans: spans}
	next.names, next.nameRanges, ok1 = splice(st.names, st.nameRanges, key, nameRange, names[newNames.Lo:newNames.Hi], edit)
	next.checks, next.checked, ok2 = splice(st.checks, st.checked, key, checkRange, checks[newChecks.Lo:newChecks.Hi], edit)
	if !ok1 || !ok2 {
		return nil, false
	}
	return next, true
}

// lineEdit is an edit of the lines first to last (of the old text) that
// added delta lines.
type lineEdit struct{ first, last, delta int }

// splice replaces the diagnostics one target produced (old[r.Lo:r.Hi]) with
// its new ones, moves the others by the lines the edit added, and returns
// the new ranges. It fails when a kept diagnostic lies on an edited line or
// names a line in its text that may have moved.
func splice(old []diag.Diagnostic, ranges map[targets.Key]targets.Range, key targets.Key, r targets.Range,
	fresh []diag.Diagnostic, edit lineEdit) ([]diag.Diagnostic, map[targets.Key]targets.Range, bool) {
	out := make([]diag.Diagnostic, 0, len(old)-(r.Hi-r.Lo)+len(fresh))
	move := func(ds []diag.Diagnostic) bool {
		for _, d := range ds {
			if d.Line >= edit.first && d.Line <= edit.last || d.EndLine >= edit.first && d.EndLine <= edit.last {
				return false
			}
			if edit.delta != 0 && strings.Contains(d.Message, "line ") {
				return false
			}
			if d.Line > edit.last {
				d.Line += edit.delta
			}
			if d.EndLine > edit.last {
				d.EndLine += edit.delta
			}
			if d.IgnoreThrough > edit.last {
				d.IgnoreThrough += edit.delta
			}
			if d.IgnoreFrom > edit.last {
				d.IgnoreFrom += edit.delta
			}
			out = append(out, d)
		}
		return true
	}
	if !move(old[:r.Lo]) {
		return nil, nil, false
	}
	out = append(out, fresh...)
	if !move(old[r.Hi:]) {
		return nil, nil, false
	}
	grown := len(fresh) - (r.Hi - r.Lo)
	next := make(map[targets.Key]targets.Range, len(ranges))
	for k, rr := range ranges {
		switch {
		case k == key:
			rr = targets.Range{Lo: r.Lo, Hi: r.Lo + len(fresh)}
		case rr.Lo >= r.Hi:
			rr = targets.Range{Lo: rr.Lo + grown, Hi: rr.Hi + grown}
		}
		next[k] = rr
	}
	return out, next, true
}

// commonPrefixLen is the length of the longest common prefix of a and b.
func commonPrefixLen(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffixLen is the length of the longest common suffix of a and b.
func commonSuffixLen(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	return i
}
