package types

// Overlapping reports whether a value could be of both types a and b, as
// mypy's is_overlapping_types judges it for --strict-equality: Any
// overlaps everything; related types (one a subtype of the other,
// promotions included) overlap; a union, an overloaded function or a type
// variable overlaps when one of its variants does; None overlaps only None
// (with strictOptional; otherwise None is left out of unions and overlaps
// everything); tuples overlap item by item; two instances overlap when
// one's class derives from the other's and the type arguments overlap
// pairwise; two literals when they are equal.
//
// Where typd's model of a type is not precise enough to be sure (callables
// against each other, protocols, TypedDicts, classes with bases that are
// not modelled), it answers true: a false "never equal" report is worse
// than a missed one.
func Overlapping(a, b Type, strictOptional bool) bool {
	o := overlap{strictOptional: strictOptional}
	return o.types(a, b, 0)
}

// overlapDepth bounds the walk through nested type arguments; deeper than
// that, types are taken to overlap.
const overlapDepth = 32

type overlap struct{ strictOptional bool }

func (o overlap) types(a, b Type, depth int) bool {
	if depth > overlapDepth {
		return true
	}
	if !o.strictOptional {
		a, b = withoutNone(a), withoutNone(b)
	}
	if isAny(a) || isAny(b) {
		return true
	}
	if literalInUnion(a, b) || literalInUnion(b, a) || enumInUnion(a, b) || enumInUnion(b, a) {
		return true
	}
	if IsSubtype(a, b) || IsSubtype(b, a) {
		return true
	}
	av, bv := variants(a), variants(b)
	_, aVar := a.(*TypeVar)
	_, bVar := b.(*TypeVar)
	if len(av) > 1 || len(bv) > 1 || aVar || bVar {
		for _, x := range av {
			for _, y := range bv {
				if o.types(x, y, depth+1) {
					return true
				}
			}
		}
		return false
	}
	_, aNone := a.(*NoneType)
	_, bNone := b.(*NoneType)
	if aNone != bNone {
		return !o.strictOptional
	}
	if uncertainOverlap(a) || uncertainOverlap(b) {
		return true
	}
	if isTupleLike(a) && isTupleLike(b) {
		return o.tuples(a, b, depth)
	}
	a, b = tupleInstance(a), tupleInstance(b)
	if at, ok := a.(*TypeType); ok {
		if bt, ok := b.(*TypeType); ok {
			return o.types(at.Item, bt.Item, depth+1)
		}
		return o.typeObject(at, b, depth)
	}
	if bt, ok := b.(*TypeType); ok {
		return o.typeObject(bt, a, depth)
	}
	if isCallableLike(a) || isCallableLike(b) {
		return o.callables(a, b)
	}
	if al, ok := a.(*Literal); ok {
		if bl, ok := b.(*Literal); ok {
			if al.Value != bl.Value {
				return false
			}
			return al.Fallback == nil || bl.Fallback == nil || o.types(al.Fallback, bl.Fallback, depth+1)
		}
		if al.Fallback == nil {
			return true
		}
		a = al.Fallback
	} else if bl, ok := b.(*Literal); ok {
		if bl.Fallback == nil {
			return true
		}
		b = bl.Fallback
	}
	ai, aok := a.(*Instance)
	bi, bok := b.(*Instance)
	if !aok || !bok {
		return true // a kind of type not compared here (a module): say nothing
	}
	return o.instances(ai, bi, depth)
}

// instances is Overlapping for two instances that are not subtypes of
// each other either way.
func (o overlap) instances(a, b *Instance, depth int) bool {
	if IsSubtype(a, b) || IsSubtype(b, a) {
		return true
	}
	// Two unrelated classes share no value; related ones do when their
	// type arguments, mapped to the base, overlap pairwise.
	if view := MapToSuper(a, b.Class); view != nil && view != a {
		a = view
	} else if view := MapToSuper(b, a.Class); view != nil && view != b {
		b = view
	} else if a.Class != b.Class {
		return false
	}
	if len(a.Args) != len(b.Args) {
		return false
	}
	for i := range a.Args {
		if !o.types(a.Args[i], b.Args[i], depth+1) {
			return false
		}
	}
	return true
}

// tuples is Overlapping for two tuple types (fixed-length tuples or
// tuple[X, ...] instances): item by item, a variable-length one taken at
// the other's length; named tuples of different classes overlap only when
// their classes do.
func (o overlap) tuples(a, b Type, depth int) bool {
	at, bt := asTuple(a, b), asTuple(b, a)
	if at == nil || bt == nil {
		return true
	}
	if len(at.Items) != len(bt.Items) {
		return false
	}
	for i := range at.Items {
		if !o.types(at.Items[i], bt.Items[i], depth+1) {
			return false
		}
	}
	af, bf := at.Fallback, bt.Fallback
	if af == nil || bf == nil || af.Class.FullName == "builtins.tuple" || bf.Class.FullName == "builtins.tuple" {
		return true
	}
	return o.types(af, bf, depth+1)
}

// typeObject is Overlapping for a class object type[X] and a type that is
// not one: a callable returning X overlaps it, as does an instance of X's
// metaclass (type's, for a class without one, is any metaclass).
func (o overlap) typeObject(t *TypeType, other Type, depth int) bool {
	switch y := other.(type) {
	case *Callable, *Overloaded:
		for _, c := range callableOf(y) {
			if o.types(t.Item, c.Ret, depth+1) {
				return true
			}
		}
		return false
	case *Instance:
		if item, ok := t.Item.(*Instance); ok {
			if meta := item.Class.Metaclass; meta != nil {
				return o.types(meta, y, depth+1)
			}
			return derivesFrom(y.Class, "builtins.type")
		}
		if _, ok := t.Item.(*Any); ok {
			return derivesFrom(y.Class, "builtins.type")
		}
		return true
	}
	return false
}

// callables is Overlapping where one side is a function or a class
// object: two of them are taken to overlap (their signatures are not
// compared yet); an instance overlaps one when its class is callable, or
// when it may be the object itself (an object, a function; a type, or the
// class's metaclass, for a class object).
func (o overlap) callables(a, b Type) bool {
	if isCallableLike(a) && isCallableLike(b) {
		return true
	}
	inst, ok := a.(*Instance)
	fn := b
	if !ok {
		inst, ok = b.(*Instance)
		fn = a
	}
	if !ok {
		return true
	}
	if m, _ := inst.Class.Lookup("__call__"); m != nil {
		return true
	}
	switch inst.Class.FullName {
	case "builtins.object":
		return true
	}
	if c, ok := fn.(*Callable); ok && c.TypeObject != nil {
		if meta := c.TypeObject.Metaclass; meta != nil {
			return derivesFrom(meta.Class, inst.Class.FullName) || derivesFrom(inst.Class, meta.Class.FullName)
		}
		return derivesFrom(inst.Class, "builtins.type")
	}
	return derivesFrom(inst.Class, "builtins.function")
}

// variants are the types a union, an overloaded function or a type
// variable may stand for (its values, or its bound); any other type is
// its own single variant.
func variants(t Type) []Type {
	switch x := t.(type) {
	case *Union:
		return x.Items
	case *Overloaded:
		out := make([]Type, len(x.Items))
		for i, c := range x.Items {
			out[i] = c
		}
		return out
	case *TypeVar:
		if len(x.Values) > 0 {
			return x.Values
		}
		if x.Bound != nil {
			return []Type{x.Bound}
		}
		return []Type{&Any{}}
	}
	return []Type{t}
}

// uncertainOverlap marks the types whose overlap typd does not judge: a
// class with a base it does not model, a protocol (matched structurally),
// a TypedDict, an intersection; it is taken to overlap everything.
func uncertainOverlap(t Type) bool {
	inst, ok := t.(*Instance)
	if !ok {
		return false
	}
	if inst.Class.IsProtocol || inst.Class.IsIntersection || inst.Class.UnknownMembers {
		return true
	}
	for _, k := range inst.Class.MRO {
		if k.AnyBase || k.IsTypedDict {
			return true
		}
	}
	return false
}

func withoutNone(t Type) Type {
	u, ok := t.(*Union)
	if !ok {
		return t
	}
	var kept []Type
	for _, it := range u.Items {
		if _, isNone := it.(*NoneType); !isNone {
			kept = append(kept, it)
		}
	}
	if len(kept) == len(u.Items) {
		return t
	}
	return UnionOf(kept...)
}

// literalInUnion reports a literal that is an item of union u.
func literalInUnion(l, u Type) bool {
	lit, ok := l.(*Literal)
	un, isUnion := u.(*Union)
	if !ok || !isUnion {
		return false
	}
	for _, it := range un.Items {
		if m, ok := it.(*Literal); ok && m.Value == lit.Value && sameClass(m.Fallback, lit.Fallback) {
			return true
		}
	}
	return false
}

// enumInUnion reports an enum instance and a union with one of its
// members as a literal.
func enumInUnion(e, u Type) bool {
	inst, ok := e.(*Instance)
	un, isUnion := u.(*Union)
	if !ok || !isUnion {
		return false
	}
	for _, it := range un.Items {
		if m, ok := it.(*Literal); ok && m.Value.Kind == LitEnum && m.Fallback != nil && m.Fallback.Class == inst.Class {
			return true
		}
	}
	return false
}

func sameClass(a, b *Instance) bool {
	return a == nil || b == nil || a.Class == b.Class
}

func isTupleLike(t Type) bool {
	switch x := t.(type) {
	case *Tuple:
		return true
	case *Instance:
		return x.Class.FullName == "builtins.tuple"
	}
	return false
}

// asTuple views t as a fixed-length tuple, a tuple[X, ...] taken at the
// length of other; nil when it is neither.
func asTuple(t, other Type) *Tuple {
	switch x := t.(type) {
	case *Tuple:
		return x
	case *Instance:
		if x.Class.FullName != "builtins.tuple" || len(x.Args) != 1 {
			return nil
		}
		n := 1
		if ot, ok := other.(*Tuple); ok {
			n = len(ot.Items)
		}
		items := make([]Type, n)
		for i := range items {
			items[i] = x.Args[0]
		}
		return &Tuple{Items: items, Fallback: x}
	}
	return nil
}

// tupleInstance is a fixed-length tuple's class instance, other types
// unchanged.
func tupleInstance(t Type) Type {
	if x, ok := t.(*Tuple); ok && x.Fallback != nil {
		return x.Fallback
	}
	return t
}

func isCallableLike(t Type) bool {
	switch t.(type) {
	case *Callable, *Overloaded:
		return true
	}
	return false
}

func derivesFrom(c *Class, fullName string) bool {
	for _, k := range c.MRO {
		if k.FullName == fullName {
			return true
		}
	}
	return false
}
