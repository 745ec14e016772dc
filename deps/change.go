package deps

import (
	"slices"
	"strings"
)

// Change is what a new version of a module changed, for a re-check: the
// names whose binding may now mean something else, and the classes (by
// Key) whose shape as a whole may differ.
type Change struct {
	Names   map[string]bool
	Classes map[string]bool
	// Members are the classes (by simple name) some member of which
	// changed without the class changing as a whole: a class that
	// inherits from two classes compares their members whatever names its
	// own text holds (see HasMultipleBases).
	Members map[string]bool
}

// Changed compares two versions of a module's units, given the names
// other modules changed (seed, which may be nil) and the names the
// program's classes let code use without naming them (structural: see
// StructuralNames). A unit added, removed
// or with a new fingerprint changes the names it binds: a def its name
// when its header changed, the attributes it assigns when its body did;
// an import, the names whose imported names changed. So does, in turn, a
// unit whose reduced form names a changed name, a seed's included, since
// what it observably is may derive from it (a variable's inferred type, a
// subclass's base, a signature's annotation), until nothing more changes.
//
// A class changes as a whole (its name, and the classes around it) when
// its header changes, or a statement of its body that is not a def (a
// field, which generated methods such as a dataclass's __init__ read), or
// a member that code may use without naming it: a special method
// (operators, construction, iteration...), a member some protocol has
// (structural compatibility), one that is or implements an abstract
// method (instantiation). Other
// members are reached by their names. The change holds the seed's names
// too. ok is false when a star import changed, which binds names no text
// shows.
func Changed(old, cur []Unit, seed, structural map[string]bool) (ch Change, ok bool) {
	ch = Change{Names: make(map[string]bool, len(seed)), Classes: map[string]bool{}, Members: map[string]bool{}}
	for name := range seed {
		ch.Names[name] = true
	}
	c := &changes{Change: ch, structural: structural, name: map[*Unit]bool{}, attrs: map[*Unit]bool{}}
	if len(old) > 0 && len(cur) == len(old) && &old[0] == &cur[0] {
		c.follow(cur) // (one version: only the seed changes anything)
		return c.Change, true
	}
	before := make(map[string]int, len(old)) // Key → index in old
	for i := range old {
		before[old[i].Key] = i
	}
	// touched are the names the units added, removed or changed bind; if
	// the units kept are in the same order in both versions (inOrder),
	// only those names can be bound in another order.
	touched := map[scopedName]bool{}
	touch := func(u *Unit) { eachBinding(u, func(k scopedName) { touched[k] = true }) }
	inOrder, last := true, -1
	seen := make(map[string]bool, len(cur))
	for i := range cur {
		u := &cur[i]
		seen[u.Key] = true
		var prev *Unit
		j, had := before[u.Key]
		if had {
			prev = &old[j]
		}
		if prev != nil && prev.Print == u.Print {
			inOrder = inOrder && j > last && slices.Equal(prev.Bound, u.Bound) && slices.Equal(prev.Attrs, u.Attrs)
			last = j
			continue
		}
		if u.StarImport || prev != nil && prev.StarImport {
			return Change{}, false
		}
		headerChanged := prev == nil || prev.Header != u.Header
		c.mark(u, headerChanged, true)
		touch(u)
		if prev != nil {
			c.mark(prev, headerChanged, true)
			touch(prev)
		}
	}
	for i := range old {
		if u := &old[i]; !seen[u.Key] {
			if u.StarImport {
				return Change{}, false
			}
			c.mark(u, true, true)
			touch(u)
		}
	}
	// A name bound by the same statements, but in another order (two
	// assignments swapped, the methods that assign an attribute), may have
	// another type: the last assignment's, the first method's.
	if !inOrder {
		touched = nil
	}
	was, is := bindingOrder(old, touched), bindingOrder(cur, touched)
	for scoped, keys := range is {
		if !slices.Equal(keys, was[scoped]) {
			c.Names[scoped.name] = true
			c.wholeClass(scoped.class)
		}
	}
	for scoped := range was {
		if _, ok := is[scoped]; !ok {
			c.Names[scoped.name] = true
			c.wholeClass(scoped.class)
		}
	}
	c.follow(cur)
	return c.Change, true
}

// changes is the state of Changed: what it found so far, and which parts
// of which units it marked (a def's name, a def's attributes; a unit of
// another kind is marked by name).
type changes struct {
	Change
	structural  map[string]bool
	name, attrs map[*Unit]bool
	grown       bool
}

// follow marks what the changed names reach, until nothing more changes.
func (c *changes) follow(units []Unit) {
	for c.grown = true; c.grown; {
		c.grown = false
		for i := range units {
			c.followUnit(&units[i])
		}
	}
}

// followUnit marks what of a unit the changed names reach.
func (c *changes) followUnit(u *Unit) {
	switch {
	case u.Imports != nil:
		for bound, imported := range u.Imports {
			if imported != "" && c.Names[imported] && !c.Names[bound] {
				c.Names[bound], c.grown = true, true
			}
		}
	case u.IsDef:
		if !c.name[u] && c.names(u.HeaderWords) {
			c.mark(u, true, false)
		}
		if !c.attrs[u] && len(u.Attrs) > 0 && c.names(u.Words) {
			c.mark(u, false, true)
		}
	case literalNames(u):
		// (`__all__ = ["f"]` lists names as strings: what f means does
		// not change what the list holds)
	case !c.name[u] && c.names(u.Words):
		c.mark(u, true, true)
	}
}

// literalNames reports a statement that binds only __all__ or __slots__,
// whose values are names written as strings.
func literalNames(u *Unit) bool {
	for _, b := range u.Bound {
		if b != "__all__" && b != "__slots__" {
			return false
		}
	}
	return len(u.Bound) > 0
}

// names reports whether the words hold a changed name.
func (c *changes) names(words map[string]bool) bool {
	if len(c.Names) < len(words) { // (the fewer lookups)
		for n := range c.Names {
			if words[n] {
				return true
			}
		}
		return false
	}
	for w := range words {
		if c.Names[w] {
			return true
		}
	}
	return false
}

// mark marks a unit as changed: a def's name (its type) and its attributes
// as asked, another unit's names whole.
func (c *changes) mark(u *Unit, name, attrs bool) {
	c.grown = true
	special := func(n string) bool {
		return c.structural[n] || strings.HasPrefix(n, "__") && strings.HasSuffix(n, "__")
	}
	whole := false
	switch {
	case u.IsDef:
		if name {
			c.name[u] = true
			c.Names[u.Name] = true
			whole = special(u.Name) || u.Words["abstractmethod"] || u.Words["abstractproperty"]
		}
		if attrs {
			c.attrs[u] = true
			for _, a := range u.Attrs {
				c.Names[a] = true
				whole = whole || special(a)
			}
		}
	case u.IsClass:
		c.name[u] = true
		c.Names[u.Name] = true
		c.Classes[u.Key] = true
		whole = true
	default:
		c.name[u] = true
		for _, b := range u.Bound {
			c.Names[b] = true
		}
		whole = true // (a class body's field)
	}
	if whole {
		c.wholeClass(u.In)
	} else if u.IsDef && u.In != "" && (name || attrs && len(u.Attrs) > 0) {
		c.Members[simpleName(u.In)] = true // (a method's type, or its attributes')
	}
}

// wholeClass marks a class (by Key; none when "") as changed as a whole,
// and the classes around it.
func (c *changes) wholeClass(class string) {
	for ; class != ""; class = enclosingClass(class) {
		c.Classes[class] = true
		c.Names[simpleName(class)] = true
	}
}

// scopedName is a name a body binds: the class's Key ("" at the top
// level) and the name.
type scopedName struct{ class, name string }

// eachBinding calls f with each name a unit binds.
func eachBinding(u *Unit, f func(scopedName)) {
	if u.IsDef || u.IsClass {
		f(scopedName{u.In, u.Name})
	}
	for _, b := range u.Bound {
		f(scopedName{u.In, b})
	}
	for _, a := range u.Attrs {
		f(scopedName{u.In, a})
	}
}

// bindingOrder lists, for each name a body binds (of those in only, or
// all when only is nil), the units that bind it, in order.
func bindingOrder(units []Unit, only map[scopedName]bool) map[scopedName][]string {
	out := map[scopedName][]string{}
	for i := range units {
		u := &units[i]
		eachBinding(u, func(k scopedName) {
			if only == nil || only[k] {
				out[k] = append(out[k], u.Key)
			}
		})
	}
	return out
}

// enclosingClass is the Key of the class around a class's Key ("" at the
// top level).
func enclosingClass(key string) string {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[:i]
	}
	return ""
}

// simpleName is a class's own name, from its Key.
func simpleName(key string) string {
	name := key[strings.LastIndexByte(key, '.')+1:]
	name, _, _ = strings.Cut(name, "#")
	return name
}
