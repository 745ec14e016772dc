// Package targets names the units of re-checking (DESIGN.md invariant 4):
// the functions and methods of a module reached from its top level through
// class bodies only, as mypy's fine-grained mode has them. A nested def
// belongs to the target that encloses it; the module's other statements
// (its top level and class bodies) are the module target.
//
// A target is named by a Key, its qualified name in the module, as mypy's
// targets are (`f`, `C.method`), so a function keeps its name when an edit
// elsewhere inserts statements before it or replaces its node. The
// analysis passes record, per target, the range of the diagnostics they
// produced while walking it (a Recording); a later re-check walks some
// targets again, skips the others and puts back their diagnostics.
package targets

import (
	"strconv"

	"typd/parser/ast"
)

// Key names a target: its qualified name in the module ("f", "C.m",
// "C.D.m"), followed by "#2", "#3"... for a later def of the same name in
// the same body (a redefinition, a property's setter, an overload's
// variants), counting the classes of the body among the names (as
// deps.Units keys its statements).
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
		seen := map[string]int{}
		key := func(name string) string {
			seen[name]++
			if n := seen[name]; n > 1 {
				return prefix + name + "#" + strconv.Itoa(n)
			}
			return prefix + name
		}
		for _, s := range body {
			switch x := s.(type) {
			case *ast.FunctionDef:
				out = append(out, Target{Key: Key(key(x.Name)), Def: x})
			case *ast.ClassDef:
				walk(x.Body, key(x.Name)+".")
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

// Recording is what a pass over a module records of its targets: the
// diagnostics each one walked produced, and, for each one skipped, where
// its diagnostics go among the others.
type Recording struct {
	// keys are the module's targets.
	keys map[*ast.FunctionDef]Key
	// walk, when not nil, are the targets whose bodies are walked; the
	// others are skipped.
	walk map[Key]bool
	// Ranges are the diagnostics produced while walking each target.
	Ranges map[Key]Range
	// Skipped holds, for each target skipped, the number of diagnostics
	// the pass had produced when it skipped it.
	Skipped map[Key]int
}

// NewRecording returns a recording of the module's targets that walks
// those in walk and skips the others, or walks every one when walk is
// nil.
func NewRecording(mod *ast.Module, walk map[Key]bool) *Recording {
	r := &Recording{keys: map[*ast.FunctionDef]Key{}, walk: walk, Ranges: map[Key]Range{}, Skipped: map[Key]int{}}
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
	if r.walk != nil && !r.walk[key] {
		r.Skipped[key] = produced
		return false, nil
	}
	return true, func(end int) { r.Ranges[key] = Range{produced, end} }
}
