package checker

import (
	"bytes"

	"typd/checker/build"
	"typd/deps"
)

// plan is what a check through a session does with a module whose stamp
// changed since the session kept its diagnostics: keep them (nothing its
// text names changed), analyse it again in part (change known: see
// Session.analyze), or in full (change nil).
type plan struct {
	keep   bool
	change *deps.Change
}

// upstream is what changed, in a check, of the names a module and the
// modules it depends on define (nil when not known).
type upstream *deps.Change

// plans decides, for every module whose stamp changed, how to analyse it
// again: in the import graph's order, a component's modules learn which
// names their edits changed (deps.Changed over their statements, from the
// last text analysed) together with every name changed upstream of them,
// directly or not; a module whose text is unchanged and names none of those
// keeps its diagnostics, one whose change is known is analysed in part.
// The change is not known for a module first analysed now, one whose
// place in the program changed (static: the set of modules, the options,
// its path and imports), one where a star import changed, or below a
// module whose change is not known, or whose `__all__` or `__getattr__`
// changed (which decide names no text of the module shows).
func (s *Session) plans(g *build.Graph, stamps, statics map[string]stamp) map[string]plan {
	out := map[string]plan{}
	if s == nil || s.disk != nil {
		// (A caching session holds no earlier analysis to compare an
		// edit with: what its stamps do not keep is analysed in full.)
		return out
	}
	ups := map[string]upstream{}
	none := upstream(&deps.Change{})
	var structural map[string]bool // (computed when first needed)
	for _, scc := range g.SCCs {
		changed := false
		for _, m := range scc {
			switch {
			case m.Shared: // (typeshed's, the same in every check)
			case m.Silent:
				changed = changed || s.silent[m.Name] != stamps[m.Name]
			default:
				_, same := s.result(m.Name, stamps[m.Name])
				changed = changed || !same
			}
		}
		if !changed {
			for _, m := range scc {
				ups[m.Name] = none
			}
			continue
		}
		members := map[string]bool{}
		for _, m := range scc {
			members[m.Name] = true
		}
		seed, seedMembers, known := map[string]bool{}, map[string]bool{}, true
		for _, m := range scc {
			for _, d := range m.Deps {
				if members[d] {
					continue
				}
				up, ok := ups[d]
				switch {
				case !ok: // (not loaded: an import error, the same as before)
				case up == nil:
					known = false
				default:
					for name := range up.Names {
						seed[name] = true
					}
					for class := range up.Members {
						seedMembers[class] = true
					}
				}
			}
		}
		if seed["__all__"] || seed["__getattr__"] {
			known = false
		}
		if known && structural == nil {
			structural = s.protocolMembers(g)
		}
		changes := map[string]*deps.Change{}
		for grown := known; grown; {
			grown = false
			for _, m := range scc {
				ch, ok := s.changeOf(m, stamps[m.Name], statics[m.Name], seed, structural)
				if !ok {
					known = false
					break
				}
				changes[m.Name] = ch
				for name := range ch.Names {
					if !seed[name] {
						seed[name], grown = true, true
					}
				}
			}
			if !known {
				break
			}
		}
		var up upstream
		if known {
			for _, ch := range changes {
				for class := range ch.Members {
					seedMembers[class] = true
				}
			}
			up = &deps.Change{Names: seed, Members: seedMembers}
		}
		for _, m := range scc {
			ups[m.Name] = up
			if _, same := s.result(m.Name, stamps[m.Name]); same || m.Silent {
				continue
			}
			p := plan{}
			if known && !(len(seedMembers) > 0 && s.hasMultipleBases(m)) {
				// (A class with two bases or more is checked against the
				// members its bases define, which may have changed here or
				// upstream under names its module's text does not hold:
				// such a module is analysed in full.)
				p.change = changes[m.Name]
				p.keep = s.untouched(m, p.change)
			}
			out[m.Name] = p
		}
	}
	return out
}

// changeOf is what changed of a module's names since its last analysis
// (its edits', and the seed's), when that can be told. A typeshed stub, or
// a module loaded but not reported on whose stamp is unchanged, changes
// only what the seed reaches.
func (s *Session) changeOf(m *build.Module, st, static stamp, seed, structural map[string]bool) (*deps.Change, bool) {
	if m.File != nil && len(m.File.Errors) == 0 && (m.Shared || m.Silent && s.silent[m.Name] == st) {
		units := s.unitsOf(m)
		ch, ok := deps.Changed(units, units, seed, structural)
		return &ch, ok
	}
	prev := s.targets[m.Name]
	if prev == nil || prev.static != static || prev.mod == nil || m.File == nil || len(m.File.Errors) > 0 || m.Silent {
		return nil, false
	}
	ch, ok := deps.Changed(prev.unitsOf(), s.unitsOf(m), seed, structural)
	if !ok {
		return nil, false
	}
	return &ch, true
}

// unitsOf returns a module's units, kept with its parse when the session
// parsed it, or with the shared parse of a typeshed stub.
func (s *Session) unitsOf(m *build.Module) []deps.Unit {
	if fs := s.files[m.Path]; fs != nil && fs.file == m.File {
		return fs.unitsOf()
	}
	if m.Shared {
		units, ok := s.stubUnits[m.File.Module]
		if !ok {
			units = deps.Units(m.File.Module)
			s.stubUnits[m.File.Module] = units
		}
		return units
	}
	return deps.Units(m.File.Module)
}

// untouched reports a module whose text is the one last analysed and
// holds none of the changed names: nothing it reads changed.
func (s *Session) untouched(m *build.Module, ch *deps.Change) bool {
	prev := s.targets[m.Name]
	if prev == nil || prev.mod != m.File.Module && !bytes.Equal(prev.text, m.Text) {
		return false
	}
	if fs := s.files[m.Path]; fs != nil && fs.file == m.File && fs.words != nil {
		for _, w := range fs.words {
			if ch.Names[w] {
				return false
			}
		}
		return true
	}
	return !deps.HoldsAny(m.Text, ch.Names)
}

// hasMultipleBases reports a module that defines a class with two bases
// or more (deps.HasMultipleBases), kept with each parse.
func (s *Session) hasMultipleBases(m *build.Module) bool {
	if m.File == nil {
		return false
	}
	has, ok := s.multipleBases[m.File.Module]
	if !ok {
		has = deps.HasMultipleBases(m.File.Module)
		s.multipleBases[m.File.Module] = has
	}
	return has
}

// protocolMembers returns the names of the members of the program's
// protocols (see deps.StructuralNames), kept with each parse.
func (s *Session) protocolMembers(g *build.Graph) map[string]bool {
	out := map[string]bool{}
	for _, m := range g.Modules {
		if m.File == nil {
			continue
		}
		names, ok := s.protocols[m.File.Module]
		if !ok {
			names = deps.StructuralNames(m.File.Module)
			s.protocols[m.File.Module] = names
		}
		for _, n := range names {
			out[n] = true
		}
	}
	return out
}
