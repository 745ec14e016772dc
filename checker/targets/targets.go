// Package targets names the units of re-checking (DESIGN.md invariant 4):
// the functions and methods of a module reached from its top level through
// class bodies only, as mypy's fine-grained mode has them. A nested def
// belongs to the target that encloses it; the module's other statements
// (its top level and class bodies) are the module target.
//
// A target is named by a Key, the path of statement indices that leads to
// it, so the same function keeps its name when an edit inside its body
// replaces its node. The analysis passes record, per target, the range of
// the diagnostics they produced while walking it (a Recording); a later
// recheck walks that target alone and splices its new diagnostics in.
package targets

import (
	"strconv"

	"typd/parser/ast"
)

// Key names a target: the indices of the statements from the module body
// down to the def, dot-separated ("12.40" is the 41st statement of the
// class that is the module's 13th).
type Key string

// Target is one function or method that is a unit of re-checking.
type Target struct {
	Key Key
	Def *ast.FunctionDef
}

// Index lists a module's targets in source order.
func Index(mod *ast.Module) []Target {
	var out []Target
	var walk func(body []ast.Stmt, prefix string)
	walk = func(body []ast.Stmt, prefix string) {
		for i, s := range body {
			key := prefix + strconv.Itoa(i)
			switch x := s.(type) {
			case *ast.FunctionDef:
				out = append(out, Target{Key: Key(key), Def: x})
			case *ast.ClassDef:
				walk(x.Body, key+".")
			}
		}
	}
	if mod != nil {
		walk(mod.Body, "")
	}
	return out
}

// Range is the half-open range [Lo, Hi) of the diagnostics a pass produced
// while walking one target.
type Range struct{ Lo, Hi int }

// Recording is what a pass over a module records of its targets, or, with
// Only set, the one target it walks while skipping the bodies of the
// others.
type Recording struct {
	// keys are the module's targets.
	keys map[*ast.FunctionDef]Key
	// Only, when set, is the one target whose body is walked.
	Only *ast.FunctionDef
	// Ranges are the diagnostics produced while walking each target.
	Ranges map[Key]Range
}

// NewRecording returns a recording of every target of the module, or of
// only one of them when only is not nil.
func NewRecording(mod *ast.Module, only *ast.FunctionDef) *Recording {
	r := &Recording{keys: map[*ast.FunctionDef]Key{}, Only: only, Ranges: map[Key]Range{}}
	for _, t := range Index(mod) {
		r.keys[t.Def] = t.Key
	}
	return r
}

// IsTarget reports whether a def is one of the recorded module's targets
// (false on a nil Recording).
func (r *Recording) IsTarget(f *ast.FunctionDef) bool {
	if r == nil {
		return false
	}
	_, ok := r.keys[f]
	return ok
}

// Enter is called by a pass (on a nil Recording too) as it reaches a def, with the number of
// diagnostics it produced so far. It reports whether the def is to be
// walked, and returns the function to call, with the new count, when the
// walk of the def is over.
func (r *Recording) Enter(f *ast.FunctionDef, produced int) (walk bool, done func(produced int)) {
	if r == nil {
		return true, func(int) {}
	}
	key, ok := r.keys[f]
	if !ok {
		return true, func(int) {}
	}
	if r.Only != nil && f != r.Only {
		return false, nil
	}
	return true, func(end int) { r.Ranges[key] = Range{produced, end} }
}
