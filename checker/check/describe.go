package check

import (
	"typd/checker/build"
	"typd/checker/reach"
	"typd/checker/semanal"
	"typd/checker/types"
)

// Describer types what other modules see of one module: its top-level
// names and its classes' members, inferred as the checker infers them
// where another module reads them (quietly, reporting nothing). A
// fine-grained snapshot compares these types across versions.
type Describer struct{ c *Checker }

// NewDescriber returns a Describer of module m.
func NewDescriber(p *semanal.Program, m *build.Module, rc *reach.Config, s Settings) *Describer {
	return &Describer{newChecker(p, m, rc, s)}
}

// Name is the type of a name the module binds at its top level: a
// variable's declared or inferred type, a function's (decorated) type, a
// class's constructor.
func (d *Describer) Name(s *semanal.Symbol) types.Type {
	var t types.Type
	d.c.quietly(func() { t = d.c.targetType(semanal.Target{Sym: s, Owner: d.c.m.Name}) })
	return t
}

// Member is the type of a member of a class the module defines, as the
// class declares or infers it (an attribute assigned through self has
// the type of its first assignment), before binding to an instance.
func (d *Describer) Member(m *types.Member) types.Type {
	if t := m.TypeOf(); t != nil {
		return t
	}
	var t types.Type
	d.c.quietly(func() { t = d.c.implicitAttr(m) })
	return t
}
