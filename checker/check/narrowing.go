package check

import (
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
}

// layer is one level of a narrowing's stack.
type layer struct {
	parent *layer
	types  map[string]types.Type
	// conditional marks the layer of a whole if statement, which each of
	// its arms forks (mypy's conditional frame).
	conditional bool
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
		if ts == nil {
			n.forget(key)
		} else {
			n.set(key, types.SimplifiedUnion(ts...))
		}
	}
}
