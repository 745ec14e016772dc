package undefined

import (
	"maps"
	"slices"

	"typd/parser/ast"
)

// nameSet is a set of names.
type nameSet map[string]bool

func sortedNames(s nameSet) []string { return slices.Sorted(maps.Keys(s)) }

// clone copies a set (never nil).
func (s nameSet) clone() nameSet {
	out := make(nameSet, len(s))
	maps.Copy(out, s)
	return out
}

// branch is what one path through a branching statement has defined:
// must on every way along it, may on some. A skipped branch ends in a
// jump (return, raise, break, continue, a call that never returns) and
// does not reach the code after the statement.
type branch struct {
	must, may nameSet
	skipped   bool
}

func newBranch(from *branch) *branch {
	return &branch{must: from.must.clone(), may: from.may.clone()}
}

func (b *branch) copy() *branch {
	return &branch{must: b.must.clone(), may: b.may.clone(), skipped: b.skipped}
}

// branches is one branching statement being walked: the state it started
// from and its branches so far, the last one current.
type branches struct {
	initial *branch
	list    []*branch
}

func newBranches(initial *branch) *branches {
	return &branches{initial: initial, list: []*branch{newBranch(initial)}}
}

func (s *branches) current() *branch { return s.list[len(s.list)-1] }

func (s *branches) copy() *branches {
	out := &branches{initial: s.initial}
	for _, b := range s.list {
		out.list = append(out.list, b.copy())
	}
	return out
}

// definedInSome reports whether some branch defined name.
func (s *branches) definedInSome(name string) bool {
	for _, b := range s.list {
		if b.must[name] || b.may[name] {
			return true
		}
	}
	return false
}

// done merges the branches: a name is surely defined when every branch
// that reaches the end defined it, possibly when any branch (skipped or
// not) did.
func (s *branches) done() *branch {
	all := nameSet{}
	var live []*branch
	for _, b := range s.list {
		maps.Copy(all, b.must)
		maps.Copy(all, b.may)
		if !b.skipped {
			live = append(live, b)
		}
	}
	must := nameSet{}
	if len(live) > 0 {
		must = live[0].must
		for _, b := range live[1:] {
			maps.DeleteFunc(must, func(n string, _ bool) bool { return !b.must[n] })
		}
	}
	may := nameSet{}
	for n := range all {
		if !must[n] {
			may[n] = true
		}
	}
	return &branch{must: must, may: may, skipped: len(live) == 0}
}

// scopeKind tells what kind of scope a scope is.
type scopeKind uint8

const (
	globalScope scopeKind = iota
	classScope
	funcScope
	generatorScope
)

// scope is a module, class, function or comprehension scope: its stack of
// branching statements (the first the scope's own) and the reads of names
// it had not defined yet.
type scope struct {
	kind      scopeKind
	stmts     []*branches
	undefined map[string][]*ast.Name
}

func (s *scope) copy() *scope {
	out := &scope{kind: s.kind, undefined: map[string][]*ast.Name{}}
	for _, b := range s.stmts {
		out.stmts = append(out.stmts, b.copy())
	}
	for n, refs := range s.undefined {
		out.undefined[n] = slices.Clone(refs)
	}
	return out
}

func (s *scope) top() *branches { return s.stmts[len(s.stmts)-1] }

// tracker keeps the scopes being walked.
type tracker struct {
	scopes []*scope
	// noSkip turns off the skipping of branches (walking a try statement
	// for what its finally block sees); inFinally is set in a finally.
	noSkip, inFinally bool
}

func newTracker() *tracker {
	return &tracker{scopes: []*scope{{kind: globalScope, stmts: []*branches{newBranches(&branch{})},
		undefined: map[string][]*ast.Name{}}}}
}

func (t *tracker) copy() *tracker {
	out := &tracker{noSkip: t.noSkip, inFinally: t.inFinally}
	for _, s := range t.scopes {
		out.scopes = append(out.scopes, s.copy())
	}
	return out
}

func (t *tracker) scope() *scope { return t.scopes[len(t.scopes)-1] }

// current is the branch being walked.
func (t *tracker) current() *branch { return t.scope().top().current() }

// enterScope starts a scope; a comprehension's starts from what the
// enclosing scope has defined, the others from nothing.
func (t *tracker) enterScope(kind scopeKind) {
	initial := &branch{}
	if kind == generatorScope {
		initial = t.current().copy()
	}
	t.scopes = append(t.scopes, &scope{kind: kind, stmts: []*branches{newBranches(initial)}, undefined: map[string][]*ast.Name{}})
}

func (t *tracker) exitScope() { t.scopes = t.scopes[:len(t.scopes)-1] }

func (t *tracker) inScope(kind scopeKind) bool { return t.scope().kind == kind }

// startBranches starts a branching statement from the current branch.
func (t *tracker) startBranches() {
	s := t.scope()
	s.stmts = append(s.stmts, newBranches(t.current().copy()))
}

func (t *tracker) nextBranch() {
	s := t.scope().top()
	s.list = append(s.list, newBranch(s.initial))
}

// endBranches merges the statement's branches into the enclosing branch.
func (t *tracker) endBranches() {
	s := t.scope()
	merged := s.top().done()
	s.stmts = s.stmts[:len(s.stmts)-1]
	cur := t.current()
	if merged.skipped {
		cur.skipped = true
		return
	}
	maps.Copy(cur.must, merged.must)
	maps.Copy(cur.may, merged.may)
	maps.DeleteFunc(cur.may, func(n string, _ bool) bool { return cur.must[n] })
}

// skipBranch marks the current branch as ending in a jump; the scope's
// own statement has no branches to skip.
func (t *tracker) skipBranch() {
	if len(t.scope().stmts) > 1 && !t.noSkip {
		t.current().skipped = true
	}
}

func (t *tracker) define(name string) {
	b := t.current()
	b.must[name] = true
	delete(b.may, name)
}

func (t *tracker) deleteName(name string) {
	b := t.current()
	delete(b.must, name)
	delete(b.may, name)
}

func (t *tracker) recordUndefined(n *ast.Name) {
	s := t.scope()
	s.undefined[n.ID] = append(s.undefined[n.ID], n)
}

func (t *tracker) popUndefined(name string) []*ast.Name {
	s := t.scope()
	refs := s.undefined[name]
	delete(s.undefined, name)
	return refs
}

func (t *tracker) possiblyUndefined(name string) bool { return t.current().may[name] }

func (t *tracker) undefined(name string) bool {
	b := t.current()
	return !b.must[name] && !b.may[name]
}

// definedInAnotherBranch reports a name the current branch has not
// defined but another branch of an enclosing statement has.
func (t *tracker) definedInAnotherBranch(name string) bool {
	if !t.undefined(name) {
		return false
	}
	for _, s := range t.scope().stmts {
		if s.definedInSome(name) {
			return true
		}
	}
	return false
}
