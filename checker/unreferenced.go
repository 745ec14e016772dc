package checker

import (
	"slices"
	"strings"

	"typd/checker/build"
	"typd/deps"
)

// unreferenced finds, for each of the program's own files, the top-level
// definitions that nothing else names: a def, class or single-name
// assignment whose name no other file of the program holds as a word
// (deps.Words: code, strings and comments alike) and its own file holds
// once, where it is defined. What another module's check finds cannot
// depend on such a definition (it would have to name it), so a new
// function being written in a module many others import, or an edit of
// one nothing uses yet, re-checks that module alone. Dunder names
// (__all__, __getattr__) are never hidden, and neither is anything of a
// module that a module read from outside the program's files (typeshed,
// whose words are not counted) depends on.
func (s *Session) unreferenced(g *build.Graph) map[string]map[string]bool {
	own := map[string]*fileState{} // module name → its file's parse
	for _, m := range g.Modules {
		if st := s.files[m.Path]; st != nil && !m.Shared && m.Parsed != nil && st.file == m.Parsed {
			own[m.Name] = st
			if old := s.counted[m.Path]; old != st {
				// (An edit inside a body mostly leaves the words as they were.)
				if old == nil || !slices.Equal(old.words, st.words) {
					if old != nil {
						s.count(old, -1)
					}
					s.count(st, +1)
				}
				s.counted[m.Path] = st
			}
		}
	}
	// The program's files that modules of other origins depend on.
	exposed := map[string]bool{}
	var walk func(name string)
	walk = func(name string) {
		m := g.Modules[name]
		if m == nil || exposed[name] {
			return
		}
		exposed[name] = true
		for _, d := range m.Deps {
			walk(d)
		}
	}
	for name, m := range g.Modules {
		if own[name] == nil {
			for _, d := range m.Deps {
				walk(d)
			}
		}
	}
	out := map[string]map[string]bool{}
	for name, st := range own {
		if exposed[name] {
			continue
		}
		for _, def := range st.definedOnce() {
			if s.mentions[def] != 1 {
				continue
			}
			if out[name] == nil {
				out[name] = map[string]bool{}
			}
			out[name][def] = true
		}
	}
	return out
}

// definedOnce returns the names a parse's top-level definitions bind that
// its text holds once (where they are defined), dunder names aside: those
// unreferenced may hide. (Computed once per parse: every check asks.)
func (st *fileState) definedOnce() []string {
	if st.onceDefined == nil {
		st.onceDefined = []string{}
		for _, stmt := range st.file.Module.Body {
			if def := deps.Defines(stmt); def != "" && st.once[def] && !(strings.HasPrefix(def, "__") && strings.HasSuffix(def, "__")) {
				st.onceDefined = append(st.onceDefined, def)
			}
		}
	}
	return st.onceDefined
}

// count adds (delta 1) or removes (-1) a parse's words from the counts of
// the files that hold each word.
func (s *Session) count(st *fileState, delta int32) {
	for _, w := range st.words {
		if n := s.mentions[w] + delta; n > 0 {
			s.mentions[w] = n
		} else {
			delete(s.mentions, w)
		}
	}
}
