package types

// Join is the least upper bound of a and b as mypy's join_types computes
// it: Any absorbs everything, Never nothing; None and unions join into a
// union; same-length tuples item by item; instances of one class argument
// by argument (an invariant argument that differs gives object), of two
// classes through the base with the longest MRO (or a promotion, so int
// and float join to float). object is what the join of unrelated types
// falls back to.
func Join(a, b Type, object *Instance) Type {
	switch {
	case isAny(a):
		return a
	case isAny(b):
		return b
	}
	if _, ok := a.(*Never); ok {
		return b
	}
	if _, ok := b.(*Never); ok {
		return a
	}
	if Verbose(a) == Verbose(b) {
		return a
	}
	if isTypeInstance(a) && isTypeType(b) {
		return a // type stands for type[Any]
	}
	if isTypeInstance(b) && isTypeType(a) {
		return b
	}
	a, b = dropLastKnown(a), dropLastKnown(b)
	if IsSubtypeStrict(a, b) {
		return b
	}
	if IsSubtypeStrict(b, a) {
		return a
	}
	_, noneA := a.(*NoneType)
	_, noneB := b.(*NoneType)
	_, unionA := a.(*Union)
	_, unionB := b.(*Union)
	if noneA || noneB || unionA || unionB {
		return SimplifiedUnion(a, b)
	}
	a, b = dropLiteral(a), dropLiteral(b)
	if IsSubtypeStrict(a, b) {
		return b
	}
	if IsSubtypeStrict(b, a) {
		return a
	}
	switch x := a.(type) {
	case *Tuple:
		if y, ok := b.(*Tuple); ok && len(x.Items) == len(y.Items) {
			items := make([]Type, len(x.Items))
			for i := range x.Items {
				items[i] = Join(x.Items[i], y.Items[i], object)
			}
			return &Tuple{Items: items, Fallback: x.Fallback}
		}
		if fb := tupleFallback(x, object); fb != nil {
			return Join(fb, b, object)
		}
	case *Instance:
		switch y := b.(type) {
		case *Instance:
			if x.Class.TypedDict != nil && y.Class.TypedDict != nil {
				return joinTypedDicts(x, y, object)
			}
			return joinInstances(x, y, object)
		case *Tuple:
			if fb := tupleFallback(y, object); fb != nil {
				return Join(x, fb, object)
			}
		}
	case *Callable:
		if y, ok := b.(*Callable); ok {
			if j := joinCallables(x, y, object); j != nil {
				return j
			}
		}
	case *TypeType:
		if y, ok := b.(*TypeType); ok {
			return &TypeType{Item: Join(x.Item, y.Item, object)}
		}
	}
	return object
}

// JoinAll joins a list of types (Never when it is empty).
func JoinAll(ts []Type, object *Instance) Type {
	if len(ts) == 0 {
		return &Never{}
	}
	out := ts[0]
	for _, t := range ts[1:] {
		out = Join(out, t, object)
	}
	return out
}

func isAny(t Type) bool {
	_, ok := t.(*Any)
	return ok
}

// dropLastKnown forgets the literal value an inferred int remembers.
func dropLastKnown(t Type) Type {
	if x, ok := t.(*Instance); ok && x.LastKnownValue != nil {
		return &Instance{Class: x.Class, Args: x.Args}
	}
	return t
}

// dropLiteral is a literal's class: Literal[1] and Literal[2] join to int.
func dropLiteral(t Type) Type {
	switch x := t.(type) {
	case *Literal:
		return x.Fallback
	}
	return t
}

// tupleFallback is a tuple seen as tuple[join of its items, ...].
func tupleFallback(t *Tuple, object *Instance) *Instance {
	if t.Fallback == nil {
		return nil
	}
	if len(t.Fallback.Args) != 1 || t.Fallback.Class.FullName != "builtins.tuple" {
		return t.Fallback
	}
	return &Instance{Class: t.Fallback.Class, Args: []Type{JoinAll(t.Items, object)}}
}

// joinInstances joins two instances, as mypy's join_instances.
func joinInstances(a, b *Instance, object *Instance) Type {
	if a.Class == b.Class {
		if len(a.Args) != len(b.Args) || len(a.Args) != len(a.Class.TypeParams) {
			return object
		}
		args := make([]Type, len(a.Args))
		for i, tv := range a.Class.TypeParams {
			x, y := a.Args[i], b.Args[i]
			switch {
			case isAny(x):
				args[i] = x
			case isAny(y):
				args[i] = y
			case tv.CurrentVariance() == Covariant:
				args[i] = Join(x, y, object)
				if tv.Bound != nil && !IsSubtype(args[i], tv.Bound) {
					return object
				}
			case IsSubtype(x, y) && IsSubtype(y, x):
				args[i] = Join(x, y, object)
			default:
				return object
			}
		}
		return &Instance{Class: a.Class, Args: args}
	}
	if len(b.Class.Bases) > 0 && IsSubtypeStrict(&Instance{Class: b.Class}, &Instance{Class: a.Class}) {
		a, b = b, a
	}
	return joinViaBases(a, b, object, 0)
}

// joinViaBases joins b with the best of a's bases joined with b: the one
// whose join has the longest MRO, the earlier base on ties.
func joinViaBases(a, b *Instance, object *Instance, depth int) Type {
	if Promotes(a.Class, b.Class) {
		return b
	}
	if Promotes(b.Class, a.Class) {
		return a
	}
	if depth > 50 {
		return object
	}
	var best Type
	for _, base := range a.Class.Bases {
		mapped := MapToSuper(a, base.Class)
		if mapped == nil {
			continue
		}
		var res Type
		if mapped.Class == b.Class || IsSubtypeStrict(b, mapped) || IsSubtypeStrict(mapped, b) {
			res = joinInstances(mapped, b, object)
		} else {
			res = joinViaBases(mapped, b, object, depth+1)
		}
		if best == nil || betterJoin(res, best) {
			best = res
		}
	}
	if best == nil {
		return object
	}
	return best
}

// betterJoin reports whether join t is more precise than s: an instance
// whose class has the longer MRO.
func betterJoin(t, s Type) bool {
	x, ok1 := t.(*Instance)
	y, ok2 := s.(*Instance)
	if ok1 && !ok2 {
		return true
	}
	return ok1 && ok2 && len(x.Class.MRO) > len(y.Class.MRO)
}

func isTypeInstance(t Type) bool {
	i, ok := t.(*Instance)
	return ok && i.Class.FullName == "builtins.type"
}

func isTypeType(t Type) bool {
	_, ok := t.(*TypeType)
	return ok
}
