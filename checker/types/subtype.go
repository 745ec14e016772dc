package types

import "slices"

// IsSubtype reports whether a value of type a may be used where b is
// expected. It knows Any, None, Never, classes through their MRO with
// their type arguments by variance, mypy's promotions (int to float),
// unions, tuples, literals, callables, type variables (by identity and
// bound) and protocols structurally (see implements; attributes only the
// checker can type are taken to fit, see IsSubtypeWith).
func IsSubtype(a, b Type) bool { return (&subtyping{promote: true}).isSubtype(a, b) }

// IsSubtypeStrict is IsSubtype without mypy's promotions, without
// accepting instances of classes derived from Any, and with an Any type
// argument the code gives fitting only Any (see argsFit): what unions are
// simplified by and what isinstance and assignments narrow by (an int is
// not a float at run time).
func IsSubtypeStrict(a, b Type) bool { return (&subtyping{}).isSubtype(a, b) }

// IsSubset is IsSubtypeStrict with every type argument related
// covariantly: whether each value of a, whatever its contents, is a value
// of b (mypy's is_subset_no_promote, which its overload checks use).
func IsSubset(a, b Type) bool { return (&subtyping{covariant: true}).isSubtype(a, b) }

// MemberTyper gives the type a variable member of an instance has when
// read, which only the checker can find: the attribute's inferred type
// when the class tables leave it unknown (t is nil: a method assigns it
// without an annotation), a descriptor's __get__ result. It returns nil
// when it cannot tell.
type MemberTyper func(inst *Instance, m *Member, t Type) Type

// IsSubtypeWith is IsSubtype where the types of inferred members, which
// protocols compare, come from members.
func IsSubtypeWith(a, b Type, members MemberTyper) bool {
	return (&subtyping{promote: true, members: members}).isSubtype(a, b)
}

// subtyping is one subtype question being answered: whether mypy's
// promotions apply, whether positional parameters' names are ignored
// (when a protocol member is compared), and the protocol implementations
// assumed to hold while they are being checked (a recursive protocol
// refers to itself, as mypy's assuming list).
type subtyping struct {
	promote        bool
	ignorePosNames bool
	// covariant relates every type argument covariantly, whatever its
	// parameter's variance (mypy's always_covariant).
	covariant bool
	assuming  [][2]*Instance
	members   MemberTyper
}

func (s *subtyping) isSubtype(a, b Type) bool {
	promote := s.promote
	switch y := b.(type) {
	case *Any:
		return true
	case *Union:
		if u, ok := a.(*Union); ok {
			for _, it := range u.Items {
				if !s.isSubtype(it, b) {
					return false
				}
			}
			return true
		}
		for _, it := range y.Items {
			if s.isSubtype(a, it) {
				return true
			}
		}
		// An enum (or bool) is the union of its values' literals.
		if lits := ExpandLiterals(a); lits != nil {
			for _, l := range lits {
				if !s.isSubtype(l, b) {
					return false
				}
			}
			return true
		}
		return false
	}
	if inst, ok := b.(*Instance); ok && inst.Class.FullName == "builtins.object" {
		return true // everything is an object
	}
	if tv, ok := b.(*TypeVar); ok {
		switch x := a.(type) {
		case *Any, *Never:
			return true
		case *TypeVar:
			return SameTypeVar(x, tv)
		case *Union:
			return !slices.ContainsFunc(x.Items, func(it Type) bool { return !s.isSubtype(it, b) })
		}
		return false
	}
	switch y := b.(type) {
	case *ParamSpecPart:
		switch x := a.(type) {
		case *Any, *Never:
			return true
		case *ParamSpecPart:
			return x.Kwargs == y.Kwargs && SameTypeVar(x.Var, y.Var)
		}
		return false
	case *Parameters:
		switch x := a.(type) {
		case *Any, *Never:
			return true
		case *Parameters:
			// (As the callables that take them: contravariantly, the
			// names of positional parameters left out, as mypy does.)
			names := *s
			names.ignorePosNames = true
			return names.isSubtype(&Callable{Params: x.Params, Ret: &NoneType{}}, &Callable{Params: y.Params, Ret: &NoneType{}})
		}
		return false
	}
	switch x := a.(type) {
	case *Any, *Never:
		return true
	case *ParamSpecPart:
		return partFits(x, b)
	case *TypeVar:
		if x.Bound == nil {
			return false // (only object, handled above)
		}
		return s.isSubtype(x.Bound, b)
	case *NoneType:
		_, ok := b.(*NoneType)
		if inst, isInst := b.(*Instance); isInst {
			// None has what Hashable and a protocol of __str__ ask for
			// (mypy does not check their signatures).
			return inst.Class.FullName == "builtins.object" || inst.Class.IsProtocol && !slices.ContainsFunc(
				ProtocolMembers(inst.Class), func(n string) bool { return n != "__hash__" && n != "__str__" })
		}
		return ok
	case *Union:
		for _, it := range x.Items {
			if !s.isSubtype(it, b) {
				return false
			}
		}
		return true
	case *Callable, *TypeType, *Overloaded:
		switch y := b.(type) {
		case *Callable:
			if t, ok := x.(*TypeType); ok {
				return s.isSubtype(t.Item, y.Ret) // its constructor's parameters are not known here
			}
			for _, l := range callableOf(x) {
				if s.callableSubtype(l, y) {
					return true
				}
			}
			return false
		case *Overloaded:
			if o, ok := x.(*Overloaded); ok {
				return s.overloadedSubtype(o, y)
			}
			for _, it := range y.Items {
				if !s.isSubtype(x, it) {
					return false
				}
			}
			return true
		case *TypeType:
			if c := ClassObject(x); c != nil {
				return s.isSubtype(ObjectInstance(c), y.Item)
			}
			if t, ok := x.(*TypeType); ok {
				return s.isSubtype(t.Item, y.Item)
			}
			return false
		}
		// Functions and class objects: only their classes are related yet.
		y, ok := b.(*Instance)
		if !ok {
			return false
		}
		switch y.Class.FullName {
		case "builtins.function":
			return true
		case "builtins.type":
			_, isType := x.(*TypeType)
			return isType || ClassObject(x) != nil
		}
		// A class object is an instance of its metaclass.
		var class *Class
		if c := ClassObject(x); c != nil {
			class = c.TypeObject
		} else if t, isType := x.(*TypeType); isType {
			if inst, isInst := t.Item.(*Instance); isInst {
				class = inst.Class
			}
		}
		if class != nil && class.Metaclass != nil && s.isSubtype(class.Metaclass, y) {
			return true
		}
		if !y.Class.IsProtocol {
			return false
		}
		if f, isFunc := x.(*Callable); isFunc && f.TypeObject == nil && slices.Equal(ProtocolMembers(y.Class), []string{"__call__"}) {
			// A callback protocol: the function against its __call__.
			return s.callbackFits(x, y)
		}
		if o, isOverloaded := x.(*Overloaded); isOverloaded && slices.Equal(ProtocolMembers(y.Class), []string{"__call__"}) {
			return s.callbackFits(o, y)
		}
		return true // a class object's or a function's other members are not compared yet
	case *Literal:
		if l, ok := b.(*Literal); ok {
			// (members of two enums may have the same name)
			return l.Value == x.Value && (x.Value.Kind != LitEnum || sameClass(l.Fallback, x.Fallback))
		}
		return x.Fallback != nil && s.isSubtype(x.Fallback, b)
	case *Tuple:
		if y, ok := b.(*Instance); ok && y.Class.FullName == "typing.Sized" {
			return true // mypy takes every tuple to be Sized
		}
		if t, ok := b.(*Tuple); ok {
			if len(t.Items) != len(x.Items) {
				return false
			}
			for i := range x.Items {
				if !s.isSubtype(x.Items[i], t.Items[i]) {
					return false
				}
			}
			return true
		}
		if y, ok := b.(*Instance); ok && itemwiseTupleBases[y.Class.FullName] && len(y.Args) == 1 {
			for _, it := range x.Items {
				if !s.isSubtype(it, y.Args[0]) {
					return false
				}
			}
			return true
		}
		return x.Fallback != nil && s.isSubtype(x.Fallback, b)
	case *Instance:
		if x.LastKnownValue != nil && s.isSubtype(x.LastKnownValue, b) {
			return true
		}
		if _, isNone := b.(*NoneType); !isNone && promote && slices.ContainsFunc(x.Class.MRO, func(c *Class) bool { return c.AnyBase }) {
			return true
		}
		if _, ok := b.(*Tuple); ok && x.Class.FullName != "builtins.tuple" &&
			slices.ContainsFunc(x.Class.MRO, func(c *Class) bool { return c.FullName == "builtins.tuple" }) &&
			(promote || slices.ContainsFunc(x.Class.MRO, func(c *Class) bool { return c.TupleBase != nil })) {
			// A named tuple class: its items are not modelled. (A class
			// deriving from a tuple of any length is one only where Any
			// fits.)
			return true
		}
		if _, ok := b.(*TypeType); ok && x.Class.FullName == "builtins.type" {
			return true // mypy takes type as type[Any]
		}
		if y, ok := b.(*Callable); ok {
			for _, l := range callableOf(x) {
				if s.callableSubtype(l, y) {
					return true
				}
			}
			return false
		}
		if y, ok := b.(*Overloaded); ok {
			call := callableOf(x)
			if len(call) == 0 {
				return false
			}
			return s.isSubtype(&Overloaded{Items: call}, y)
		}
		if y, ok := b.(*Instance); ok {
			if y.Class.FullName == "typing.Sized" && slices.ContainsFunc(x.Class.MRO, func(c *Class) bool { return c.FullName == "builtins.tuple" }) {
				return true // mypy takes every tuple to be Sized
			}
			if promote && Promotes(x.Class, y.Class) {
				return true
			}
			if x.Class.TypedDict != nil && y.Class.TypedDict != nil {
				return s.typedDictFits(x, y)
			}
			if view := MapToSuper(x, y.Class); view != nil {
				return s.argsFit(view.Args, y.Args, y.Class.TypeParams)
			}
			if slices.Contains(x.Class.MRO, y.Class) {
				return true // through a base that is not modelled
			}
			if y.Class.IsProtocol {
				return s.implements(x, y)
			}
		}
		return false
	}
	return false
}

// ClassObject is a class object's constructor (the first, when it is
// overloaded), or nil for a type that is no class object.
func ClassObject(t Type) *Callable {
	switch x := t.(type) {
	case *Callable:
		if x.TypeObject != nil {
			return x
		}
	case *Overloaded:
		if len(x.Items) > 0 && x.Items[0].TypeObject != nil {
			return x.Items[0]
		}
	}
	return nil
}

// overloadedSubtype is mypy's rule for one overload in place of another:
// each of r's variants, in order, is matched by a variant of l at or after
// the one matching the previous (a subtype of it); a variant of l passed
// over on the way that takes the same arguments as r's variant, or whose
// arguments r's variant takes, but is no subtype, fails the relation.
func (s *subtyping) overloadedSubtype(l, r *Overloaded) bool {
	if l == r {
		return true
	}
	previous := -1
	matched := map[int]bool{}
	for _, ri := range r.Items {
		found := false
		for li, lv := range l.Items {
			if previous <= li && s.isSubtype(lv, ri) {
				previous, found = li, true
				matched[li] = true
				break
			}
			if !matched[li] && (s.callableSubtype(WithoutReturn(lv), WithoutReturn(ri)) ||
				s.callableSubtype(WithoutReturn(ri), WithoutReturn(lv))) {
				return false
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// WithoutReturn is f returning Any, to compare parameters alone.
func WithoutReturn(f *Callable) *Callable {
	g := *f
	g.Ret = &Any{}
	return &g
}

// FitsOverride reports whether a method's signature a (bound, or an
// overload's of bound variants) may override b, as mypy's override check
// asks: a subtype ignoring the names of positional parameters.
func FitsOverride(a, b Type) bool {
	return (&subtyping{promote: true, ignorePosNames: true}).isSubtype(a, b)
}

// itemwiseTupleBases are the classes mypy relates a fixed-length tuple to
// item by item, whatever the tuple class's own bases.
var itemwiseTupleBases = map[string]bool{"builtins.tuple": true, "typing.Iterable": true, "typing.Container": true,
	"typing.Sequence": true, "typing.Reversible": true}

// argsFit reports whether the type arguments of an instance, mapped to a
// class, fit that class's arguments by each type parameter's variance.
// Any fits everything, except that in the strict relation (promote off)
// an Any argument the code gives (written, or a type argument left out)
// fits only an Any, as in mypy's proper subtyping: a tuple[Any, ...] is
// not taken for a tuple[str, ...] when a union is simplified. (Where this
// checker's own inference fills in Any, an empty display's items, it
// fits everything.) Arguments it cannot pair are taken to fit.
func (s *subtyping) argsFit(got, want []Type, params []*TypeVar) bool {
	promote := s.promote
	if len(got) != len(want) || len(want) != len(params) {
		return true
	}
	for i := range want {
		anyGot, isAnyGot := got[i].(*Any)
		_, anyWant := want[i].(*Any)
		if anyWant || isAnyGot && (promote || anyGot.Reason == AnySpecialForm) {
			continue
		}
		if isAnyGot {
			return false
		}
		var ok bool
		switch variance := params[i].CurrentVariance(); {
		case s.covariant || variance == Covariant:
			ok = s.isSubtype(got[i], want[i])
		case variance == Contravariant:
			ok = s.isSubtype(want[i], got[i])
		case variance == Inferred:
			ok = s.isSubtype(got[i], want[i]) || s.isSubtype(want[i], got[i])
		default:
			ok = s.isSubtype(got[i], want[i]) && s.isSubtype(want[i], got[i])
		}
		if !ok {
			return false
		}
	}
	return true
}

// partFits reports whether P.args (a tuple of objects) or P.kwargs (a
// dict of objects by str) is a value of b: an instance of a class such a
// tuple or dict is, its arguments Any or object (or str, a dict's keys).
func partFits(p *ParamSpecPart, b Type) bool {
	inst, ok := b.(*Instance)
	if !ok {
		return false
	}
	classes := partClasses[p.Kwargs]
	if !classes[inst.Class.FullName] {
		return false
	}
	for i, a := range inst.Args {
		if _, isAny := a.(*Any); isAny || isObject(a) {
			continue
		}
		if k, ok := a.(*Instance); ok && p.Kwargs && i == 0 && k.Class.FullName == "builtins.str" {
			continue
		}
		return false
	}
	return true
}

// partClasses are the classes a ParamSpec's args (false) and kwargs (true)
// are instances of.
var partClasses = map[bool]map[string]bool{
	false: {"builtins.tuple": true, "typing.Sequence": true, "typing.Iterable": true, "typing.Collection": true,
		"typing.Container": true, "typing.Sized": true, "typing.Reversible": true, "typing.Hashable": true},
	true: {"builtins.dict": true, "typing.Mapping": true, "typing.MutableMapping": true, "typing.Iterable": true,
		"typing.Collection": true, "typing.Container": true, "typing.Sized": true},
}

// promotions are mypy's implicit promotions, from class to class: an int
// is accepted as a float or complex, or as one of mypyc's native integers
// (mypy_extensions.i64 and its kin, which are accepted as ints), a float
// as a complex, and a bytearray or memoryview as bytes (unless the class
// is Unpromoted: --strict-bytes, mypy's default).
var promotions = map[[2]string]bool{
	{"builtins.int", "builtins.float"}: true, {"builtins.int", "builtins.complex"}: true,
	{"builtins.float", "builtins.complex"}:  true,
	{"builtins.int", "mypy_extensions.i64"}: true, {"builtins.int", "mypy_extensions.i32"}: true,
	{"builtins.int", "mypy_extensions.i16"}: true, {"builtins.int", "mypy_extensions.u8"}: true,
	{"builtins.bytearray", "builtins.bytes"}: true, {"builtins.memoryview", "builtins.bytes"}: true,
	{"mypy_extensions.i64", "builtins.int"}: true, {"mypy_extensions.i32", "builtins.int"}: true,
	{"mypy_extensions.i16", "builtins.int"}: true, {"mypy_extensions.u8", "builtins.int"}: true,
}

// Promotes reports whether a value of class from, or of a subclass of a
// class it is promoted from (bool of int), is accepted as a to.
func Promotes(from, to *Class) bool { return promotes(from, to, 0) }

func promotes(from, to *Class, depth int) bool {
	if depth > 8 {
		return false // (a cycle of _promote decorators)
	}
	for _, c := range from.MRO {
		if c.Unpromoted {
			continue
		}
		if promotions[[2]string{c.FullName, to.FullName}] {
			return true
		}
		for _, p := range c.PromotedTo {
			if p == to || promotes(p, to, depth+1) {
				return true // (promotions chain: C to B to A)
			}
		}
	}
	return false
}
