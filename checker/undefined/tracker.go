package undefined

import (
	"maps"
	"slices"

	"typd/parser/ast"
)

// defined is how surely a branch has defined a name.
type defined uint8

const (
	notDefined defined = iota
	mayDefined
	mustDefined
)

// branch is what one path through a branching statement has defined: a
// name is defined on every way along it (mustDefined) or on some
// (mayDefined). A branch keeps only what it changed and reads the rest
// through the branch it started from, which stays unchanged while it is
// walked: entering and merging a branch costs what the branch touched, not
// the number of names in the scope. A skipped branch ends in a jump
// (return, raise, break, continue, a call that never returns) and does not
// reach the code after the statement.
type branch struct {
	parent  *branch
	defs    map[string]defined
	skipped bool
}

func newBranch(from *branch) *branch {
	return &branch{parent: from, defs: map[string]defined{}}
}

// state is how surely the branch has defined name.
func (b *branch) state(name string) defined {
	for ; b != nil; b = b.parent {
		if d, ok := b.defs[name]; ok {
			return d
		}
	}
	return notDefined
}

func (b *branch) must(name string) bool { return b.state(name) == mustDefined }

// touched calls f with each name the layers from b up to (not including)
// base changed; a name may come more than once.
func (b *branch) touched(base *branch, f func(string)) {
	for ; b != base && b != nil; b = b.parent {
		for name := range b.defs {
			f(name)
		}
	}
}

// branches is one branching statement being walked: the branch it started
// from (unchanged until the statement ends) and its branches so far, the
// last one current.
type branches struct {
	initial *branch
	list    []*branch
}

func newBranches(initial *branch) *branches {
	return &branches{initial: initial, list: []*branch{newBranch(initial)}}
}

func (s *branches) current() *branch { return s.list[len(s.list)-1] }

// definedInSome reports whether some branch defined name.
func (s *branches) definedInSome(name string) bool {
	for _, b := range s.list {
		if b.state(name) != notDefined {
			return true
		}
	}
	return false
}

// done merges the branches into the branch they started from: a name is
// surely defined when every branch that reaches the end defined it,
// possibly when any branch (skipped or not) did. A name no branch touched
// keeps its state; a name merged as possibly defined stays surely defined
// where it was; one no branch defined is left as it was. When every branch
// is skipped, so is the statement.
func (s *branches) done() {
	var live []*branch
	for _, b := range s.list {
		if !b.skipped {
			live = append(live, b)
		}
	}
	into := s.initial
	if len(live) == 0 {
		into.skipped = true
		return
	}
	merged := map[string]defined{}
	for _, b := range s.list {
		for name := range b.defs {
			if _, ok := merged[name]; ok {
				continue
			}
			some, every := false, true
			for _, o := range s.list {
				d := o.state(name)
				some = some || d != notDefined
				if !o.skipped && d != mustDefined {
					every = false
				}
			}
			switch {
			case every:
				merged[name] = mustDefined
			case some:
				merged[name] = mayDefined
			default:
				merged[name] = notDefined
			}
		}
	}
	for name, d := range merged {
		switch {
		case d == mustDefined:
			into.defs[name] = mustDefined
		case d == mayDefined && into.state(name) != mustDefined:
			into.defs[name] = mayDefined
		}
	}
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

func (s *scope) top() *branches { return s.stmts[len(s.stmts)-1] }

// tracker keeps the scopes being walked.
type tracker struct {
	scopes []*scope
	// noSkip turns off the skipping of branches (walking a try statement
	// for what its finally block sees); inFinally is set in a finally.
	noSkip, inFinally bool
}

func newTracker() *tracker {
	return &tracker{scopes: []*scope{{kind: globalScope, stmts: []*branches{newBranches(newBranch(nil))},
		undefined: map[string][]*ast.Name{}}}}
}

// tentatively walks with walk and then puts the tracker back as it was
// before (the findings stay): the current branch is walked as a layer on
// itself, and the scope's pending reads are restored.
func (t *tracker) tentatively(walk func()) {
	s := t.scope()
	top := s.top()
	i := len(top.list) - 1
	cur := top.list[i]
	top.list[i] = &branch{parent: cur, defs: map[string]defined{}, skipped: cur.skipped}
	pending := map[string][]*ast.Name{}
	for n, refs := range s.undefined {
		pending[n] = slices.Clone(refs)
	}
	noSkip, inFinally := t.noSkip, t.inFinally
	walk()
	top.list[i] = cur
	s.undefined = pending
	t.noSkip, t.inFinally = noSkip, inFinally
}

func (t *tracker) scope() *scope { return t.scopes[len(t.scopes)-1] }

// current is the branch being walked.
func (t *tracker) current() *branch { return t.scope().top().current() }

// enterScope starts a scope; a comprehension's starts from what the
// enclosing scope has defined, the others from nothing.
func (t *tracker) enterScope(kind scopeKind) {
	var initial *branch
	if kind == generatorScope {
		initial = t.current()
	}
	t.scopes = append(t.scopes, &scope{kind: kind, stmts: []*branches{newBranches(newBranch(initial))}, undefined: map[string][]*ast.Name{}})
}

func (t *tracker) exitScope() { t.scopes = t.scopes[:len(t.scopes)-1] }

func (t *tracker) inScope(kind scopeKind) bool { return t.scope().kind == kind }

// startBranches starts a branching statement from the current branch.
func (t *tracker) startBranches() {
	s := t.scope()
	s.stmts = append(s.stmts, newBranches(t.current()))
}

func (t *tracker) nextBranch() {
	s := t.scope().top()
	s.list = append(s.list, newBranch(s.initial))
}

// endBranches merges the statement's branches into the enclosing branch.
func (t *tracker) endBranches() {
	s := t.scope()
	s.top().done()
	s.stmts = s.stmts[:len(s.stmts)-1]
}

// skipBranch marks the current branch as ending in a jump; the scope's
// own statement has no branches to skip.
func (t *tracker) skipBranch() {
	if len(t.scope().stmts) > 1 && !t.noSkip {
		t.current().skipped = true
	}
}

func (t *tracker) define(name string) { t.current().defs[name] = mustDefined }

func (t *tracker) deleteName(name string) {
	b := t.current()
	if b.state(name) != notDefined {
		b.defs[name] = notDefined
	}
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

func (t *tracker) possiblyUndefined(name string) bool { return t.current().state(name) == mayDefined }

func (t *tracker) undefined(name string) bool { return t.current().state(name) == notDefined }

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

// breaks follows the names defined at every break of a loop so far, for
// the loop's else clause: they are read against base, the branch the loop
// started from (unchanged while the loop's body is walked), and only the
// names some path to a break changed are kept.
type breaks struct {
	base *branch
	// must holds, for each name changed before some break, whether every
	// break so far had it surely defined (nil before the first break).
	must map[string]bool
}

// add merges the state at a break, the current branch.
func (k *breaks) add(cur *branch) {
	first := k.must == nil
	if first {
		k.must = map[string]bool{}
	}
	for name, was := range k.must {
		k.must[name] = was && cur.must(name)
	}
	cur.touched(k.base, func(name string) {
		if _, ok := k.must[name]; ok {
			return
		}
		k.must[name] = cur.must(name) && (first || k.base.must(name))
	})
}

// defined lists, in order, the names surely defined at every break that
// the loop's branches (list) may have changed since base: the others are
// as the loop found them.
func (k *breaks) defined(list []*branch) []string {
	names := map[string]bool{}
	for name, must := range k.must {
		if must {
			names[name] = true
		}
	}
	for _, b := range list {
		b.touched(k.base, func(name string) {
			if _, ok := k.must[name]; !ok && k.base.must(name) {
				names[name] = true
			}
		})
	}
	return slices.Sorted(maps.Keys(names))
}
