package check

import "typd/checker/types"

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
	known   map[string]bool
}

// layer is one level of a narrowing's stack.
type layer struct {
	parent *layer
	types  map[string]types.Type
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
	if !n.known[key] {
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

// fork starts a layer for a branch and returns the layer it stands on,
// which stays unchanged until the branch is dropped or merged.
func (n *narrowing) fork() *layer {
	base := n.top
	n.top = &layer{parent: base, types: map[string]types.Type{}}
	return base
}

// drop goes back to base (a layer fork returned), discarding what was
// narrowed since.
func (n *narrowing) drop(base *layer) {
	n.top = base
}

// keep goes back to base, keeping what the layers above it narrowed.
func (n *narrowing) keep(base *layer) {
	from := n.top
	n.top = base
	// Fold the layers from the oldest up, so newer entries win.
	var stack []*layer
	for l := from; l != base; l = l.parent {
		stack = append(stack, l)
	}
	for i := len(stack) - 1; i >= 0; i-- {
		for key, t := range stack[i].types {
			if t == nil {
				n.forget(key)
			} else {
				base.types[key] = t
			}
		}
	}
}

// join goes back to base with each key either of two branches (forked
// from base, and ended as a and b) touched narrowed to the union of what
// both left, or forgotten when one of them left it unnarrowed.
func (n *narrowing) join(base, a, b *layer) {
	type entry struct {
		key string
		t   types.Type
	}
	var merged []entry
	seen := map[string]bool{}
	for _, l := range []*layer{a, b} {
		for ; l != base; l = l.parent {
			for key := range l.types {
				if seen[key] {
					continue
				}
				seen[key] = true
				at, aok := a.get(key)
				bt, bok := b.get(key)
				if aok && bok {
					merged = append(merged, entry{key, types.SimplifiedUnion(at, bt)})
				} else {
					merged = append(merged, entry{key, nil})
				}
			}
		}
	}
	n.top = base
	for _, e := range merged {
		if e.t == nil {
			n.forget(e.key)
		} else {
			base.types[e.key] = e.t
		}
	}
}
