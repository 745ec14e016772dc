package check

import (
	"slices"
	"strings"

	"typd/checker/types"
)

// narrowing is what a scope's names and member expressions ("x", "x.a",
// "x[0]", and the "hasattr:"/"callable:" proofs) are narrowed to at one
// point of the walk, kept as mypy's binder keeps it: a stack of layers,
// each holding only what changed since the layer below was forked. A
// branch forks a layer, so entering and merging one costs what the branch
// touched, not the number of names in the scope. A nil type in a layer
// with a parent marks a key forgotten there.
type narrowing struct {
	top *layer
	// members indexes every member key ever narrowed in the scope under
	// each of its proper prefixes ("x" and "x.a" for "x.a[0]"), so
	// forgetting what a name's members were narrowed to costs the number
	// of such keys, not the size of the scope. It is a superset: keys
	// forgotten since stay in it.
	members map[string][]string
	// known holds the member keys indexed so far.
	known map[string]bool
	// declared, when set, gives the declared type of a name. A name
	// declared Any keeps, after a join, what it was before the branches
	// when none of them assigned it (what a condition says of an Any does
	// not outlive the branch), and is Any when they assigned it and left
	// it different, as mypy's binder has it.
	declared func(key string) (types.Type, bool)
}

// layer is one level of a narrowing's stack.
type layer struct {
	parent *layer
	types  map[string]types.Type
	// conditional marks the layer of a whole if statement, which each of
	// its arms forks (mypy's conditional frame).
	conditional bool
	// assigned marks the keys an assignment narrowed in this layer (made
	// when first needed).
	assigned map[string]bool
}

// commonConditional reports whether the nearest layer shared by the
// stacks of a and b is the layer of an if statement: a and b are in
// different arms of the same if.
func commonConditional(a, b *layer) bool {
	seen := map[*layer]bool{}
	for l := a; l != nil; l = l.parent {
		seen[l] = true
	}
	for l := b; l != nil; l = l.parent {
		if seen[l] {
			return l.conditional
		}
	}
	return false
}

func newNarrowing() *narrowing {
	return &narrowing{top: &layer{types: map[string]types.Type{}}, members: map[string][]string{}, known: map[string]bool{}}
}

// declaredAny returns the declared type of a name declared Any, or nil.
func (n *narrowing) declaredAny(key string) *types.Any {
	if n.declared == nil {
		return nil
	}
	t, _ := n.declared(key)
	a, _ := t.(*types.Any)
	return a
}

// allSame reports whether types are all the same (written the same).
func allSame(ts []types.Type) bool {
	for _, t := range ts[1:] {
		if types.Verbose(t) != types.Verbose(ts[0]) {
			return false
		}
	}
	return true
}

// get is what key is narrowed to, if anything.
func (n *narrowing) get(key string) (types.Type, bool) {
	return n.top.get(key)
}

func (l *layer) get(key string) (types.Type, bool) {
	for ; l != nil; l = l.parent {
		if t, ok := l.types[key]; ok {
			return t, t != nil
		}
	}
	return nil, false
}

// set narrows key to t.
func (n *narrowing) set(key string, t types.Type) {
	n.top.types[key] = t
	if strings.ContainsAny(key, ".[") && !n.known[key] {
		n.known[key] = true
		n.index(key)
	}
}

// setAssigned is set for a key an assignment narrows.
func (n *narrowing) setAssigned(key string, t types.Type) {
	n.set(key, t)
	if n.top.assigned == nil {
		n.top.assigned = map[string]bool{}
	}
	n.top.assigned[key] = true
}

// assignedSince reports whether an assignment narrowed key in the layers
// from l down to (not including) base.
func assignedSince(l, base *layer, key string) bool {
	for ; l != nil && l != base; l = l.parent {
		if l.assigned[key] {
			return true
		}
	}
	return false
}

// index records a member key under each of its proper prefixes.
func (n *narrowing) index(key string) {
	for i := 1; i < len(key); i++ {
		if key[i] == '.' || key[i] == '[' {
			prefix := key[:i]
			n.members[prefix] = append(n.members[prefix], key)
		}
	}
}

// forget drops what key is narrowed to.
func (n *narrowing) forget(key string) {
	if n.top.parent == nil {
		delete(n.top.types, key)
		return
	}
	if _, ok := n.top.get(key); ok {
		n.top.types[key] = nil
	}
}

// forgetMembers drops what the members of a name or member expression
// ("x.a", "x[0]", "x.a.b" for "x") are narrowed to, when it is assigned
// again.
func (n *narrowing) forgetMembers(name string) {
	for _, key := range n.members[name] {
		n.forget(key)
	}
}

// fork starts a branch: a layer on the current one, which stays
// unchanged until the branch is dropped, kept or joined. It returns that
// base layer. Branches nest: one forked inside another ends before it.
func (n *narrowing) fork() *layer {
	base := n.top
	n.top = &layer{parent: base, types: map[string]types.Type{}}
	return base
}

// next ends the current branch, forked from base, and starts another from
// base; it returns the branch ended.
func (n *narrowing) next(base *layer) *layer {
	ended := n.top
	n.drop(base)
	n.fork()
	return ended
}

// drop goes back to base, discarding what the current branch narrowed.
func (n *narrowing) drop(base *layer) {
	n.top = base
}

// keep goes back to base keeping what branch, forked from it, narrowed.
func (n *narrowing) keep(base, branch *layer) {
	n.top = base
	for key, t := range branch.types {
		if t == nil {
			n.forget(key)
		} else {
			base.types[key] = t
		}
	}
}

// join goes back to base with each key either of two branches forked from
// it touched narrowed to the union of what both left, or forgotten when one
// of them left it unnarrowed.
func (n *narrowing) join(base, a, b *layer) {
	n.joinAll(base, []*layer{a, b})
}

// joinAll goes back to base with each key any of the branches (each forked
// from base, or from a layer above it) touched narrowed to the union of
// what they all left, or forgotten when one of them left it unnarrowed.
func (n *narrowing) joinAll(base *layer, branches []*layer) {
	touched := map[string]bool{}
	for _, b := range branches {
		for l := b; l != nil && l != base; l = l.parent {
			for key := range l.types {
				touched[key] = true
			}
		}
	}
	n.top = base
	for key := range touched {
		var ts []types.Type
		for _, b := range branches {
			t, ok := b.get(key)
			if !ok {
				ts = nil
				break
			}
			ts = append(ts, t)
		}
		declared := n.declaredAny(key)
		switch {
		case ts == nil:
			n.forget(key)
		case declared != nil && !slices.ContainsFunc(branches, func(b *layer) bool { return assignedSince(b, base, key) }):
			// (base holds what it was before the branches)
		case declared != nil && !allSame(ts):
			n.set(key, declared)
		default:
			n.set(key, types.SimplifiedUnion(ts...))
		}
	}
}
