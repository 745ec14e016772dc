package checker

import (
	"path/filepath"

	"typd/deps"
)

// DependencyMap is a fine-grained dependency map, trigger to targets
// (see deps.Map).
type DependencyMap = deps.Map

// Dependencies returns the fine-grained dependency map of one module of
// the program, as mypy's daemon builds it from the module's checked tree
// (see deps.Dependencies), or its logical dependencies (mypy's
// --logical-deps); false when the program has no such module with a
// parse of its own.
func (r Reader) Dependencies(module string, logical bool) (DependencyMap, bool) {
	s := r.s
	m := s.graph.Modules[module]
	if m == nil || !inspectable(m) || len(m.File.Errors) > 0 {
		return nil, false
	}
	in, ok := s.inspections[filepath.Clean(m.Path)]
	if !ok {
		in = s.record(m)
	}
	return deps.Dependencies(deps.Source{Program: s.prog, Reach: s.rc, Module: module, File: m.File.Module,
		Package: m.IsPackage, Types: in.Types, Logical: logical}), true
}
