package types

import "strings"

// TypedDictItem is a key of a TypedDict class: the type of its value,
// whether every value of the TypedDict has it (Required: total=True, or
// Required[...]) and whether it may be assigned or deleted (ReadOnly[...]
// forbids both).
type TypedDictItem struct {
	Name     string
	Type     Type
	Required bool
	ReadOnly bool
}

// NewAnonymousTypedDict is a TypedDict of no class of the program's
// (mypy's anonymous TypedDictType: the argument update takes), written
// TypedDict({...}); fallback is typing._TypedDict.
func NewAnonymousTypedDict(items []TypedDictItem, fallback *Class) *Instance {
	c := &Class{Name: "TypedDict", IsTypedDict: true, TypedDict: items, Members: map[string]*Member{},
		Bases: []*Instance{{Class: fallback}}}
	c.MRO = append([]*Class{c}, fallback.MRO...)
	return &Instance{Class: c}
}

// AnonymousTypedDict reports a class NewAnonymousTypedDict made.
func (c *Class) AnonymousTypedDict() bool { return c.IsTypedDict && c.FullName == "" }

// UnmodelledTypedDict reports a TypedDict class whose keys typd does not
// know (see TypedDict): its instances are not judged.
func (c *Class) UnmodelledTypedDict() bool { return c.IsTypedDict && c.TypedDict == nil }

// TypedDictItems are the keys of an instance of a TypedDict class, in
// definition order (its bases' first), with the instance's type arguments
// bound; nil when the class is no modelled TypedDict.
func TypedDictItems(inst *Instance) []TypedDictItem {
	items := inst.Class.TypedDict
	bind := Bindings(inst)
	if len(bind) == 0 {
		return items
	}
	out := make([]TypedDictItem, len(items))
	for i, it := range items {
		it.Type = Subst(it.Type, bind)
		out[i] = it
	}
	return out
}

// TypedDictOf returns the keys of t when it is an instance of a modelled
// TypedDict class (mypy's TypedDictType), and ok.
func TypedDictOf(t Type) (*Instance, []TypedDictItem, bool) {
	inst, ok := t.(*Instance)
	if !ok || !inst.Class.IsTypedDict || inst.Class.TypedDict == nil {
		return nil, nil, false
	}
	return inst, TypedDictItems(inst), true
}

// LookupItem finds a key among a TypedDict's items.
func LookupItem(items []TypedDictItem, name string) (TypedDictItem, bool) {
	for _, it := range items {
		if it.Name == name {
			return it, true
		}
	}
	return TypedDictItem{}, false
}

// typedDictFits reports whether one TypedDict's values are all values of
// another, structurally as in mypy: every key of the wider is in the
// narrower; a required key stays required, a mutable one mutable (and,
// when optional, optional: it may be deleted); mutable values are
// invariant, read-only ones covariant.
func (s *subtyping) typedDictFits(x, y *Instance) bool {
	if x.Class == y.Class && len(x.Args) == 0 {
		return true
	}
	for _, a := range s.assuming {
		if sameInstance(a[0], x) && sameInstance(a[1], y) {
			return true // a recursive TypedDict, assumed to fit while it is compared
		}
	}
	if len(s.assuming) >= maxProtocolNesting {
		return true
	}
	s.assuming = append(s.assuming, [2]*Instance{x, y})
	defer func() { s.assuming = s.assuming[:len(s.assuming)-1] }()
	left, right := TypedDictItems(x), TypedDictItems(y)
	for _, r := range right {
		l, ok := LookupItem(left, r.Name)
		if !ok {
			return false
		}
		if r.Required && !l.Required || !r.ReadOnly && l.ReadOnly || !r.ReadOnly && !r.Required && l.Required {
			return false
		}
	}
	for _, r := range right {
		l, _ := LookupItem(left, r.Name)
		if !s.isSubtype(l.Type, r.Type) || !r.ReadOnly && !s.isSubtype(r.Type, l.Type) {
			return false
		}
	}
	return true
}

// writeTypedDict writes a TypedDict's keys as mypy shows them, each
// marked ? when optional and = when read-only: {'x': int, 'y'?: str}.
func writeTypedDict(b *strings.Builder, items []TypedDictItem, write func(Type)) {
	b.WriteByte('{')
	for i, it := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('\'')
		b.WriteString(it.Name)
		b.WriteByte('\'')
		if !it.Required {
			b.WriteByte('?')
		}
		if it.ReadOnly {
			b.WriteByte('=')
		}
		b.WriteString(": ")
		write(it.Type)
	}
	b.WriteByte('}')
}

// typedDictFallback is the class a TypedDict's values are instances of
// besides its keys (typing._TypedDict), for an anonymous TypedDict made
// of it.
func typedDictFallback(inst *Instance) *Class {
	if len(inst.Class.Bases) > 0 {
		return inst.Class.Bases[0].Class
	}
	return inst.Class
}

// joinTypedDicts is the join of two TypedDicts (mypy's): an anonymous
// TypedDict of the keys both have, their values joined, required where
// both require them, read-only unless both may assign the same type.
func joinTypedDicts(a, b *Instance, object *Instance) Type { return joinTypedDictsAt(a, b, object, 0) }

// maxTypedDictNesting bounds the TypedDicts joined inside TypedDicts' keys
// (a recursive TypedDict's): deeper, the join is typing._TypedDict.
const maxTypedDictNesting = 8

func joinTypedDictsAt(a, b *Instance, object *Instance, depth int) Type {
	if depth > maxTypedDictNesting {
		return &Instance{Class: typedDictFallback(a)}
	}
	right := TypedDictItems(b)
	items := []TypedDictItem{}
	for _, l := range TypedDictItems(a) {
		r, ok := LookupItem(right, l.Name)
		if !ok {
			continue
		}
		var joined Type
		x, okX := l.Type.(*Instance)
		y, okY := r.Type.(*Instance)
		if okX && okY && x.Class.TypedDict != nil && y.Class.TypedDict != nil && x.Class != y.Class {
			joined = joinTypedDictsAt(x, y, object, depth+1)
		} else {
			joined = Join(l.Type, r.Type, object)
		}
		it := TypedDictItem{Name: l.Name, Type: joined, Required: l.Required && r.Required}
		it.ReadOnly = l.Required != r.Required || l.ReadOnly || r.ReadOnly || !(IsSubtype(l.Type, r.Type) && IsSubtype(r.Type, l.Type))
		items = append(items, it)
	}
	return NewAnonymousTypedDict(items, typedDictFallback(a))
}

// MeetTypedDicts is the meet of two TypedDicts (mypy's): an anonymous
// TypedDict of the keys either has, the values of those both have met,
// or Never when a key's definitions cannot agree (a mutable key whose
// type the meet changes, or whose requiredness differs).
func MeetTypedDicts(a, b *Instance) Type { return meetTypedDictsAt(a, b, 0) }

func meetTypedDictsAt(a, b *Instance, depth int) Type {
	if depth > maxTypedDictNesting {
		return &Never{}
	}
	left, right := TypedDictItems(a), TypedDictItems(b)
	names := make([]string, 0, len(left)+len(right))
	for _, it := range left {
		names = append(names, it.Name)
	}
	for _, it := range right {
		if _, ok := LookupItem(left, it.Name); !ok {
			names = append(names, it.Name)
		}
	}
	items := make([]TypedDictItem, 0, len(names))
	for _, n := range names {
		s, inS := LookupItem(left, n)
		t, inT := LookupItem(right, n)
		var met Type
		switch {
		case !inT:
			met = s.Type
		case !inS:
			met = t.Type
		default:
			met = meetItemTypes(s.Type, t.Type, depth)
		}
		equivalent := func(x Type) bool { return met != nil && IsSubtype(met, x) && IsSubtype(x, met) }
		_, never := met.(*Never)
		switch {
		case met == nil,
			inS && !s.ReadOnly && (!equivalent(s.Type) || inT && t.Required && !s.Required),
			inT && !t.ReadOnly && (!equivalent(t.Type) || inS && s.Required && !t.Required),
			never && (inS && s.Required || inT && t.Required):
			return &Never{}
		}
		items = append(items, TypedDictItem{Name: n, Type: met, Required: inS && s.Required || inT && t.Required,
			ReadOnly: (!inS || s.ReadOnly) && (!inT || t.ReadOnly)})
	}
	return NewAnonymousTypedDict(items, typedDictFallback(a))
}

// meetItemTypes is the meet of two TypedDict values' types: Any gives
// way to the other, a subtype is the meet, two TypedDicts meet key by
// key; nil when typd cannot tell.
func meetItemTypes(a, b Type, depth int) Type {
	switch {
	case isAny(a):
		return b
	case isAny(b):
		return a
	}
	if x, ok := a.(*Instance); ok && x.Class.TypedDict != nil {
		if y, ok := b.(*Instance); ok && y.Class.TypedDict != nil {
			return meetTypedDictsAt(x, y, depth+1)
		}
	}
	if m, ok := simpleMeet(a, b); ok {
		return m
	}
	return &Never{}
}
