// Package types is the vocabulary every layer of the checker shares: type
// values (instances, unions, tuples, callables, type variables, literals,
// Any, None, Never), the classes they refer to, the relations between
// them (subtype, join, overlap, substitution) and their formatting in
// mypy's words. Types are values: immutable once built and safe to share
// across goroutines. The package does no I/O and holds no checker state.
package types

// Type is a type value.
type Type interface {
	isType()
}

// AnyReason says where an Any came from, as mypy tracks it.
type AnyReason uint8

// The origins of Any.
const (
	AnyExplicit    AnyReason = iota // written as Any
	AnyUnannotated                  // a missing annotation
	AnyFromError                    // an error was reported
	AnySpecialForm                  // a special form used as a value
	AnyUnimported                   // from a module that could not be followed
	AnyDeleted                      // a variable after `del`: reading it is an error
	AnyOmitted                      // a type argument left out (list for list[Any])
)

// Any is the dynamic type. MissingImport names, for an annotation naming
// what an import that could not be followed bound, that name as the
// module binds it ("m.Foo"): dmypy's suggestions write it for the Any.
type Any struct {
	Reason        AnyReason
	MissingImport string
}

// NoneType is the type of None.
type NoneType struct{}

// Never is the bottom type (mypy's UninhabitedType).
type Never struct{}

// Instance is an instance of a class with its type arguments.
type Instance struct {
	Class *Class
	Args  []Type
	// LastKnownValue is the literal an expression of this type is known to
	// have (mypy shows it as Literal[1]?).
	LastKnownValue *Literal
	// Truth is what is known of the value's truth, as mypy's can_be_true
	// and can_be_false: OnlyTrue for the left operand an `or` returns,
	// OnlyFalse for an `and`'s; it does not show.
	Truth Truth
}

// Truth is what is known of a value's truth.
type Truth int8

// The truths a value may be known to have.
const (
	EitherTruth Truth = iota
	OnlyTrue
	OnlyFalse
)

// LiteralValue is the value of a Literal type: an int, str, bytes, bool or
// an enum member name.
type LiteralValue struct {
	Kind LiteralKind
	Int  int64
	Str  string
	Bool bool
}

// LiteralKind says which field of a LiteralValue is set.
type LiteralKind uint8

// The kinds of literal values.
const (
	LitInt LiteralKind = iota
	LitStr
	LitBytes
	LitBool
	LitEnum
)

// Literal is a literal type such as Literal[1]; Fallback is its class.
type Literal struct {
	Value    LiteralValue
	Fallback *Instance
}

// Tuple is a fixed-length tuple type; Fallback is builtins.tuple[...].
type Tuple struct {
	Items    []Type
	Fallback *Instance
}

// Union is a union of two or more types.
type Union struct{ Items []Type }

// ParamKind is how a parameter is passed.
type ParamKind uint8

// The parameter kinds, in the order they may appear.
const (
	ArgPos      ParamKind = iota // positional or keyword, required
	ArgOpt                       // positional or keyword, with a default
	ArgStar                      // *args
	ArgNamed                     // keyword-only, required
	ArgNamedOpt                  // keyword-only, with a default
	ArgStar2                     // **kwargs
)

// Param is one parameter of a callable; Name is "" for a positional-only
// parameter that has no name worth showing.
type Param struct {
	Name string
	Type Type
	Kind ParamKind
	// PosOnly marks a parameter no keyword argument fills: one before
	// `/`, or named `__x` (mypy shows it without its name).
	PosOnly bool
}

// Callable is a function type.
type Callable struct {
	Params []Param
	Ret    Type
	// Name is the function's name, for messages ("f" of "f").
	Name string
	// TypeVars are the function's own type variables.
	TypeVars []*TypeVar
	// TypeObject is set for a class used as a callable (its constructor).
	TypeObject *Class
	// Owner is the name of the class that defines a method ("f" of "A"
	// in messages).
	Owner string
	// Static and ClassMethod mark a static method (bound to nothing)
	// and a class method (bound to its class, from an instance too).
	Static, ClassMethod bool
	// Implicit marks the signature of a def without annotations, whose
	// parameter names do not matter when it is compared with others.
	Implicit bool
	// IsEllipsis marks Callable[..., R]: any arguments (Params are then
	// *Any, **Any; see EllipsisParams).
	IsEllipsis bool
	// Module is the module whose def this is ("f" defined in "m" in
	// messages), "" for other callables.
	Module string
	// Decorated marks the signature of a def with decorators, which it
	// does not apply: the function's real type may differ.
	Decorated bool
	// TypeGuard is X of a function declared to return TypeGuard[X] (Ret
	// is then bool): a true call narrows its first argument to X. TypeIs
	// marks TypeIs[X], which also narrows X away when false.
	TypeGuard Type
	TypeIs    bool
	// Deprecated is mypy's report for a call that picks this overload
	// variant, when @deprecated marks it (or the implementation); "" when
	// nothing does.
	Deprecated string
}

// Variance of a type variable.
type Variance uint8

// The variances.
const (
	Invariant Variance = iota
	Covariant
	Contravariant
	// Inferred is a PEP 695 class's type parameter's variance before it is
	// inferred from the class's members (TypeVar.CurrentVariance), and
	// after, where that is not possible: arguments are then accepted when
	// either is a subtype of the other (whatever the variance mypy infers,
	// unrelated arguments are an error).
	Inferred
)

// TypeVar is a type variable. ID numbers class type variables from 1 and
// function type variables from -1, as mypy shows them (T`1, T`-1).
type TypeVar struct {
	Name     string
	FullName string
	ID       int
	Bound    Type
	Values   []Type
	Variance Variance
	// HasDefault marks a type variable declared with a default
	// (TypeVar("T", default=X)): a class's argument for it may be left out.
	HasDefault bool
	// Default is that default as a type, for a class's type parameter
	// (it may mention the parameters before it); nil when not known.
	Default Type
	// VarianceOwner is the class a PEP 695 parameter's Inferred variance
	// is inferred from (see CurrentVariance); nil for others.
	VarianceOwner *Class
	// ParamSpec marks a ParamSpec (P = ParamSpec("P")): a variable that
	// stands for a parameter list, which it is bound to as Parameters. It
	// shows in a callable's parameters as its two parts (ParamSpecPart).
	ParamSpec bool
}

// ParamSpecPart is P.args or P.kwargs (Kwargs set): the type of the *args
// and **kwargs parameters that stand for a ParamSpec's parameters in a
// callable (Callable[P, R], def f(*args: P.args, **kwargs: P.kwargs)),
// and of those parameters' values in the def's body.
type ParamSpecPart struct {
	Var    *TypeVar
	Kwargs bool
}

// Parameters is a parameter list, the value a ParamSpec is bound to
// (mypy's Parameters): the parameters of the callable a call passed
// where Callable[P, R] was expected.
type Parameters struct {
	Params []Param
	// IsEllipsis marks the parameters of Callable[..., R] (any
	// arguments), what a ParamSpec bound to Any stands for.
	IsEllipsis bool
}

// TypeType is type[X]: the class object of X.
type TypeType struct{ Item Type }

// Overloaded is an overloaded function: its variants in order.
type Overloaded struct{ Items []*Callable }

// Module is a module object used as a value (`x = os`); it shows as its
// Fallback, types.ModuleType, and its attributes are the module's names.
type Module struct {
	Name     string
	Fallback *Instance
}

func (*Any) isType()           {}
func (*NoneType) isType()      {}
func (*Never) isType()         {}
func (*Instance) isType()      {}
func (*Literal) isType()       {}
func (*Tuple) isType()         {}
func (*Union) isType()         {}
func (*Callable) isType()      {}
func (*TypeVar) isType()       {}
func (*TypeType) isType()      {}
func (*Overloaded) isType()    {}
func (*Module) isType()        {}
func (*ParamSpecPart) isType() {}
func (*Parameters) isType()    {}

// Class is a class definition (mypy's TypeInfo): its bases, method
// resolution order and members.
type Class struct {
	Name     string
	FullName string
	Module   string
	Bases    []*Instance
	// MRO is the C3 linearization, the class itself first.
	MRO        []*Class
	TypeParams []*TypeVar
	Members    map[string]*Member
	// IsProtocol marks a class deriving from typing.Protocol: its instances
	// are matched structurally.
	IsProtocol bool
	// RuntimeProtocol marks a protocol decorated @runtime_checkable, which
	// isinstance and issubclass accept.
	RuntimeProtocol bool
	// Metaclass is the class's metaclass (declared or inherited), or nil
	// for type; DeclaredMetaclass the one its definition names
	// (metaclass=M), nil when it names none.
	Metaclass, DeclaredMetaclass *Instance
	// SelfType is the type variable Self stands for in the class body's
	// variable annotations (x: Self, Callable[[Self], Self]), which a
	// read binds to the value it is read from; nil when none uses it.
	SelfType *TypeVar
	// MetaclassUnknown marks a class whose metaclass is not a modelled
	// class (Any, a name that could not be followed): its class object's
	// members are not all known.
	MetaclassUnknown bool
	// Final marks a class decorated @final: no class may derive from it.
	Final bool
	// PromotedTo are the classes a @typing._promote(C) decorator (mypy's
	// own stubs' device) makes the class's instances acceptable as.
	PromotedTo []*Class
	// Unpromoted marks a class whose promotion mypy turns off by an option
	// (bytearray and memoryview to bytes under --strict-bytes).
	Unpromoted bool
	// AnyBase marks a class with a base that is not a modelled class (Any,
	// a name that could not be resolved, a special form): as mypy does
	// with a class deriving from Any, IsSubtype accepts its instances
	// everywhere.
	AnyBase bool
	// UnknownMembers marks a class with a base made by a call (a
	// functional named tuple): members are defined that no body shows.
	UnknownMembers bool
	// VariadicParams marks a class generic over a ParamSpec or a
	// TypeVarTuple, which its TypeParams do not list: the number of its
	// type arguments is not checked.
	VariadicParams bool
	// inferringVariance is set while its parameters' variances are
	// inferred (see CurrentVariance).
	inferringVariance bool
	// IsTypedDict marks a class deriving from TypedDict, whose instances
	// are dicts matched by their keys.
	IsTypedDict bool
	// TypedDict are a TypedDict class's keys (its bases' first); nil
	// while they are not modelled (a class of unknown shape).
	TypedDict []TypedDictItem
	// TypedDictBases are the TypedDict classes a TypedDict class derives
	// from, whose keys it has: not among its Bases (its base is
	// typing._TypedDict, as in mypy).
	TypedDictBases []*Instance
	// IsNamedTuple marks a class deriving from typing.NamedTuple (whose
	// constructor is generated from its fields).
	IsNamedTuple bool
	// TupleBase is the fixed-length tuple type a class derives from
	// (`class V(tuple[int, str])`, a named tuple's fields), its fallback
	// the class's instance; nil when it has none of its own.
	TupleBase *Tuple
	// Decorated marks a class with decorators that may add members its
	// body does not define and typd does not model (total_ordering, a
	// dataclass_transform, a dataclass whose fields typd cannot read).
	Decorated bool
	// IsIntersection marks the ad-hoc subclass isinstance narrowing makes
	// of unrelated classes (`<subclass of "A" and "B">`).
	IsIntersection bool
	// Slots are the attribute names the class's __slots__ (and its
	// bases') allow, nil when it has none or they are not known.
	Slots map[string]bool
}

// Member is a name defined in a class body.
type Member struct {
	Name string
	// Type is the declared or inferred type; nil until known.
	Type Type
	// IsMethod marks a def (its Type is the unbound Callable).
	IsMethod bool
	// OnInstance marks an attribute assigned through self in a method:
	// it lives on instances, so a descriptor there is not invoked.
	OnInstance bool
	// IsProperty marks a def decorated @property (IsMethod too; its Type
	// is the getter's signature): read from an instance it is the
	// getter's result.
	IsProperty bool
	// Settable marks a property with a setter.
	Settable bool
	// ReadOnly marks a field of a frozen attrs class: assigning it
	// through an instance is an error, as assigning a read-only property.
	ReadOnly bool
	// NestedClass marks a class defined in the class body (its Type is
	// the class object's type[C]).
	NestedClass bool
	// NotEnumValue marks a class-body variable an enum does not make one
	// of its values: a function's alias (ror = lor), a lambda, a
	// nonmember(...).
	NotEnumValue bool
	// Abstract marks a def decorated @abstractmethod (or
	// @abstractproperty; an overload's first variant decides): a class
	// with such a member that nothing in its MRO overrides cannot be
	// instantiated.
	Abstract bool
	// ClassVar marks a variable declared ClassVar: it lives on the class,
	// instances may not assign it.
	ClassVar bool
	// Async marks an async def, whose calls give a coroutine of what its
	// signature returns.
	Async bool
	// UnsafeSuper marks an abstract method (or a protocol's member that
	// an empty body makes abstract) whose body is trivial, outside a
	// stub: what super() reaches of it does nothing.
	UnsafeSuper bool
	// Final marks a variable declared Final (in the class body or through
	// self), which may not be assigned again, or a method decorated
	// @final; neither may be overridden.
	Final bool
	// lazy computes Type on first use (a method's signature: most of a
	// class's methods are never looked at by a check).
	lazy func() Type
}

// NewLazyMember returns a member whose type is computed by resolve when
// first asked for (TypeOf). A class's members are used by one check at a
// time: the first use is not synchronised.
func NewLazyMember(name string, isMethod bool, resolve func() Type) *Member {
	return &Member{Name: name, IsMethod: isMethod, lazy: resolve}
}

// TypeOf returns the member's type, computing it on first use.
func (m *Member) TypeOf() Type {
	if m.lazy != nil {
		m.Type, m.lazy = m.lazy(), nil
	}
	return m.Type
}

// Lookup finds a member along the MRO.
func (c *Class) Lookup(name string) (*Member, *Class) {
	for _, k := range c.MRO {
		if m, ok := k.Members[name]; ok {
			return m, k
		}
	}
	return nil, nil
}

// TupleView is the fixed-length tuple an instance of a class deriving from
// one is (sys.version_info is a tuple[int, int, int, str, int]), or nil.
func TupleView(inst *Instance) *Tuple {
	for _, k := range inst.Class.MRO {
		if k.TupleBase != nil {
			return &Tuple{Items: k.TupleBase.Items, Fallback: inst}
		}
	}
	return nil
}

// ObjectInstance is the instance type of a class object's callable type:
// what it returns, or, when its __new__ says it returns something else,
// an instance of the class.
func ObjectInstance(c *Callable) Type {
	switch r := c.Ret.(type) {
	case *Instance:
		if r.Class == c.TypeObject {
			return r
		}
	case *Tuple:
		if r.Fallback != nil && r.Fallback.Class == c.TypeObject {
			return r
		}
	}
	args := make([]Type, len(c.TypeObject.TypeParams))
	for i := range args {
		args[i] = &Any{Reason: AnySpecialForm}
	}
	return &Instance{Class: c.TypeObject, Args: args}
}
