package checker

import (
	"bytes"
	"slices"
	"strings"

	"typd/checker/build"
	"typd/checker/diag"
	"typd/checker/targets"
	"typd/deps"
	"typd/parser/ast"
)

// passes runs a module's two analysis passes (names, then types), each
// recording its targets in the recording given (nil for none), and returns
// their diagnostics before any ignore comment is applied.
type passes func(names, checks *targets.Recording) (nameDiags, checkDiags []diag.Diagnostic)

// targetState is what a module's last analysis leaves for re-checking some
// of its targets (DESIGN.md invariant 4): the text and parse analysed, the
// module's static stamp then (see Session.stamps), each pass's diagnostics
// with the range each target produced, and each target's place and text.
type targetState struct {
	static        stamp
	text          []byte
	mod           *ast.Module
	units         []deps.Unit // (computed when first compared)
	file          *fileState  // the session's parse analysed, which keeps its units
	names, checks []diag.Diagnostic
	nameRanges    map[targets.Key]targets.Range
	checked       map[targets.Key]targets.Range
	spans         map[targets.Key]targetSpan
}

// targetSpan is where a target lies: its first line (its first
// decorator's) and its last, and its text.
type targetSpan struct {
	first, end int
	text       []byte
}

// analyze runs a module's passes. Through a session, when the module's
// place in the program is the one of its last analysis and the plan knows
// what changed of the names it reads (see Session.plans), the targets
// whose text did not change and that nothing changed could reach are not
// walked again: their diagnostics of last time are put back, moved to
// where their target now stands, among the fresh diagnostics of the
// module's top level and of the other targets. That gives exactly what
// analysing the whole module gives (DESIGN.md invariant 3). It reports
// whether it took that path.
func (s *Session) analyze(m *build.Module, static stamp, p plan, run passes) (out []diag.Diagnostic, retargeted bool) {
	if s == nil || s.disk != nil {
		// (A caching session serves one check: nothing is rechecked in
		// part after it.)
		names, checks := run(nil, nil)
		return append(names, checks...), false
	}
	s.analysisMu.Lock()
	prev := s.targets[m.Name]
	delete(s.targets, m.Name) // kept again only if this analysis ends
	var units []deps.Unit
	again := prev != nil && prev.static == static && p.change != nil
	if again {
		units = s.unitsOf(m)
	}
	s.analysisMu.Unlock()
	if again {
		if st, ok := prev.recheck(m, units, p.change, run); ok {
			st.static = static
			s.setTargets(m.Name, st)
			return append(st.names[:len(st.names):len(st.names)], st.checks...), true
		}
	}
	var mod *ast.Module
	var file *fileState
	if m.File != nil {
		mod = m.File.Module
		if fs := s.files[m.Path]; fs != nil && fs.file == m.File {
			file = fs
		}
	}
	nameRec, checkRec := targets.NewRecording(mod, nil), targets.NewRecording(mod, nil)
	names, checks := run(nameRec, checkRec)
	s.setTargets(m.Name, &targetState{static: static, text: m.Text, mod: mod, file: file, names: names, checks: checks,
		nameRanges: nameRec.Ranges, checked: checkRec.Ranges, spans: spansOf(mod, m.Text)})
	return append(names[:len(names):len(names)], checks...), false
}

// setTargets keeps what a module's analysis left for re-checking it in
// part.
func (s *Session) setTargets(module string, st *targetState) {
	s.analysisMu.Lock()
	defer s.analysisMu.Unlock()
	s.targets[module] = st
}

// unitsOf returns the units of the parse analysed.
func (st *targetState) unitsOf() []deps.Unit {
	if st.units == nil && st.file != nil {
		st.units = st.file.unitsOf()
	}
	if st.units == nil {
		st.units = deps.Units(st.mod)
	}
	return st.units
}

// spansOf returns the place and text of each target of a module.
func spansOf(mod *ast.Module, text []byte) map[targets.Key]targetSpan {
	out := map[targets.Key]targetSpan{}
	starts := lineStarts(text)
	for _, t := range targets.Index(mod) {
		first := int(t.Def.Lineno)
		if len(t.Def.DecoratorList) > 0 {
			first = int(t.Def.DecoratorList[0].Pos().Lineno)
		}
		end := int(t.Def.EndLineno)
		sp := targetSpan{first: first, end: end}
		if first >= 1 && end <= len(starts) && first <= end {
			hi := len(text)
			if end < len(starts) {
				hi = starts[end]
			}
			sp.text = text[starts[first-1]:hi]
		}
		out[t.Key] = sp
	}
	return out
}

// lineStarts returns the offset of each line of a text.
func lineStarts(text []byte) []int {
	out := []int{0}
	for i, b := range text {
		if b == '\n' && i+1 < len(text) {
			out = append(out, i+1)
		}
	}
	return out
}

// recheck analyses m (whose units are given) again walking only the
// targets that may find something new: a target new or whose text
// changed, one whose text names a changed name (see deps.Changed), one
// inside a changed class. It returns the new state, or false when it
// cannot (inline configuration, a kept diagnostic naming a line that
// moved) or every target needs walking.
func (st *targetState) recheck(m *build.Module, units []deps.Unit, change *deps.Change, run passes) (*targetState, bool) {
	if m.File == nil || len(m.File.Errors) > 0 || st.text == nil || m.Text == nil || st.mod == nil {
		return nil, false
	}
	if bytes.Contains(st.text, inlineConfigMarker) || bytes.Contains(m.Text, inlineConfigMarker) {
		return nil, false // (inline configuration changes options)
	}
	spans := spansOf(m.File.Module, m.Text)
	walk := map[targets.Key]bool{}
	reused := 0
	for _, t := range targets.Index(m.File.Module) {
		was, had := st.spans[t.Key]
		_, named := st.nameRanges[t.Key]
		_, checked := st.checked[t.Key]
		now := spans[t.Key]
		if !had || !named || !checked || was.text == nil || !bytes.Equal(was.text, now.text) ||
			inChangedClass(string(t.Key), change.Classes) || deps.HoldsAny(now.text, change.Names) {
			walk[t.Key] = true
		} else {
			reused++
		}
	}
	if reused == 0 {
		return nil, false
	}
	nameRec, checkRec := targets.NewRecording(m.File.Module, walk), targets.NewRecording(m.File.Module, walk)
	names, checks := run(nameRec, checkRec)
	next := &targetState{text: m.Text, mod: m.File.Module, units: units, spans: spans}
	var ok bool
	next.names, next.nameRanges, ok = st.reassemble(names, nameRec, st.names, st.nameRanges, spans)
	if !ok {
		return nil, false
	}
	next.checks, next.checked, ok = st.reassemble(checks, checkRec, st.checks, st.checked, spans)
	if !ok {
		return nil, false
	}
	return next, true
}

// inChangedClass reports whether a target is a method of a changed class
// (or of a class nested in one).
func inChangedClass(key string, classes map[string]bool) bool {
	for i := strings.IndexByte(key, '.'); i >= 0; i = nextDot(key, i) {
		if classes[key[:i]] {
			return true
		}
	}
	return false
}

// nextDot is the index of the first '.' of key after i, or -1.
func nextDot(key string, i int) int {
	if j := strings.IndexByte(key[i+1:], '.'); j >= 0 {
		return i + 1 + j
	}
	return -1
}

// reassemble puts a pass's diagnostics of the skipped targets back among
// those it produced (each where the pass skipped its target, moved by the
// lines its target moved) and returns them with each target's new range.
// It fails when a kept diagnostic lies outside its target's old lines or,
// its target having moved, names a line in its text.
func (st *targetState) reassemble(fresh []diag.Diagnostic, rec *targets.Recording, old []diag.Diagnostic,
	oldRanges map[targets.Key]targets.Range, spans map[targets.Key]targetSpan) ([]diag.Diagnostic, map[targets.Key]targets.Range, bool) {
	type insert struct {
		at  int
		key targets.Key
	}
	var inserts []insert
	for key, at := range rec.Skipped {
		inserts = append(inserts, insert{at, key})
	}
	slices.SortFunc(inserts, func(a, b insert) int {
		if a.at != b.at {
			return a.at - b.at
		}
		return spans[a.key].first - spans[b.key].first
	})
	out := make([]diag.Diagnostic, 0, len(fresh)+len(old))
	ranges := make(map[targets.Key]targets.Range, len(oldRanges))
	// shift[i] is how many kept diagnostics go before fresh[i].
	shift := make([]int, len(fresh)+1)
	next := 0
	for _, ins := range inserts {
		for next < ins.at && next < len(fresh) {
			shift[next] = len(out) - next
			out = append(out, fresh[next])
			next++
		}
		r := oldRanges[ins.key]
		was, now := st.spans[ins.key], spans[ins.key]
		delta := now.first - was.first
		lo := len(out)
		for _, d := range old[r.Lo:r.Hi] {
			if d.Line < was.first || d.Line > was.end || d.EndLine > was.end || delta != 0 && strings.Contains(d.Message, "line ") {
				return nil, nil, false
			}
			if d.Line > 0 {
				d.Line += delta
			}
			if d.EndLine > 0 {
				d.EndLine += delta
			}
			if d.IgnoreFrom > 0 {
				d.IgnoreFrom += delta
			}
			if d.IgnoreThrough > 0 {
				d.IgnoreThrough += delta
			}
			out = append(out, d)
		}
		ranges[ins.key] = targets.Range{Lo: lo, Hi: len(out)}
	}
	for ; next < len(fresh); next++ {
		shift[next] = len(out) - next
		out = append(out, fresh[next])
	}
	shift[len(fresh)] = len(out) - len(fresh)
	for key, r := range rec.Ranges {
		ranges[key] = targets.Range{Lo: r.Lo + shift[r.Lo], Hi: r.Hi + shift[r.Lo]}
	}
	return out, ranges, true
}
