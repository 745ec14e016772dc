package types

// UnionOf builds a union as written: nested unions flattened, duplicates
// dropped; a single item is itself.
func UnionOf(ts ...Type) Type {
	items := flatten(ts)
	if len(items) == 1 {
		return items[0]
	}
	return &Union{Items: items}
}

// SimplifiedUnion is UnionOf without the items another (non-Any) item
// already covers, as mypy's make_simplified_union: int | bool is int.
func SimplifiedUnion(ts ...Type) Type {
	items := flatten(ts)
	var out []Type
	for i, t := range items {
		covered := false
		if _, isAny := t.(*Any); isAny {
			out = append(out, t) // Any is no proper subtype of another item: it stays
			continue
		}
		for j, u := range items {
			if i == j {
				continue
			}
			if _, isAny := u.(*Any); isAny {
				continue
			}
			if IsSubtypeStrict(t, u) && (!IsSubtypeStrict(u, t) || j < i) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, t)
		}
	}
	if len(out) > 1 {
		out = contractLiterals(out)
	}
	if len(out) == 1 {
		return out[0]
	}
	return &Union{Items: out}
}

func flatten(ts []Type) []Type {
	var items []Type
	var add func(t Type)
	add = func(t Type) {
		if u, ok := t.(*Union); ok {
			for _, it := range u.Items {
				add(it)
			}
			return
		}
		for _, have := range items {
			if same(have, t) {
				return
			}
		}
		items = append(items, t)
	}
	for _, t := range ts {
		add(t)
	}
	return items
}

// MapSignatures applies f to a callable, or to each variant of an
// overloaded one; other types are returned as they are.
func MapSignatures(t Type, f func(*Callable) *Callable) Type {
	switch x := t.(type) {
	case *Callable:
		return f(x)
	case *Overloaded:
		var o *Overloaded // made at the first item f changes
		for i, it := range x.Items {
			g := f(it)
			if o == nil && g != it {
				o = &Overloaded{Items: make([]*Callable, i, len(x.Items))}
				copy(o.Items, x.Items[:i])
			}
			if o != nil {
				o.Items = append(o.Items, g)
			}
		}
		if o == nil {
			return x // (types are immutable: nothing changed, nothing copied)
		}
		return o
	}
	return t
}

// same reports whether two types are the same type: type variables by
// identity (two functions' T may print alike), others by their verbose
// form.
func same(a, b Type) bool {
	ta, okA := a.(*TypeVar)
	tb, okB := b.(*TypeVar)
	if okA || okB {
		return okA && okB && ta == tb
	}
	return Verbose(a) == Verbose(b)
}
