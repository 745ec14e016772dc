package semanal

import "strings"

// Target is what a name resolves to across modules: a module, or a symbol
// of some module's top level.
type Target struct {
	// Module is set when the name is a module (import a.b).
	Module string
	// Sym and Owner are set when it is a symbol of module Owner.
	Sym   *Symbol
	Owner string
}

// Resolve follows a module-level name of module through imports and star
// imports to where it is defined. ok is false when it is undefined or
// comes from a module that was not loaded (and so is Any).
func (p *Program) Resolve(module, name string) (Target, bool) {
	return p.resolve(module, name, 0)
}

func (p *Program) resolve(module, name string, depth int) (Target, bool) {
	if depth > 32 {
		return Target{}, false // an import cycle that defines nothing
	}
	mod, ok := p.Modules[module]
	if !ok {
		return Target{}, false
	}
	s, ok := mod.Names[name]
	if !ok {
		if _, ok := p.starExports(mod)[name]; !ok {
			if _, sub := p.graph.Modules[module+"."+name]; sub {
				return Target{Module: module + "." + name}, true
			}
			return Target{}, false
		}
		// Find which module the star-exported symbol belongs to.
		for _, star := range mod.StarImports {
			if _, exported := p.Exports(star)[name]; !exported {
				continue
			}
			if t, ok := p.resolve(star, name, depth+1); ok {
				return t, true
			}
		}
		return Target{}, false
	}
	switch s.Kind {
	case ModuleRef:
		return Target{Module: s.Module}, true
	case Imported:
		if _, loaded := p.Modules[s.Module]; !loaded {
			return Target{}, false
		}
		if t, ok := p.resolve(s.Module, s.Attr, depth+1); ok {
			return t, true
		}
		return Target{}, false
	}
	return Target{Sym: s, Owner: module}, true
}

// ResolveDotted resolves a dotted name (a.b.C) used in module.
func (p *Program) ResolveDotted(module, dotted string) (Target, bool) {
	parts := strings.Split(dotted, ".")
	t, ok := p.Resolve(module, parts[0])
	for _, part := range parts[1:] {
		if ok && t.Module == "" && t.Sym != nil && t.Sym.Kind == Class {
			// A class nested in a class (A.B).
			s := p.nestedClasses[p.Class(t.Owner, t.Sym)][part]
			if s == nil {
				return Target{}, false
			}
			t = Target{Sym: s, Owner: t.Owner}
			continue
		}
		if !ok || t.Module == "" {
			return Target{}, false
		}
		t, ok = p.Resolve(t.Module, part)
	}
	return t, ok
}

// Unfollowed reports whether a dotted name of module (its first name
// looked up at module level, the rest as attributes) comes from a module
// that was not loaded, directly or through the imports of loaded modules:
// mypy's Any "from an unfollowed import".
func (p *Program) Unfollowed(module, dotted string) bool {
	parts := strings.Split(dotted, ".")
	name, parts := parts[0], parts[1:]
	for depth := 0; depth < 32; depth++ {
		mod, ok := p.Modules[module]
		if !ok {
			return false
		}
		s := mod.Names[name]
		if s == nil {
			return false
		}
		_, loaded := p.Modules[s.Module]
		switch {
		case s.Kind == ModuleRef && !loaded, s.Kind == Imported && !loaded:
			return true
		case s.Kind == Imported:
			module, name = s.Module, s.Attr
		case s.Kind == ModuleRef && len(parts) > 0:
			module, name, parts = s.Module, parts[0], parts[1:]
		default:
			return false
		}
	}
	return false
}
