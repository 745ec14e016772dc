package check

import (
	"fmt"
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkAssignment reports a value whose type the variable's declared type
// does not accept, as mypy's [assignment] error. It judges only values
// whose type is certain without an expected type (see certain) and types
// whose relations are fully modelled (see judgeable): a missing error is
// better than a wrong one.
func (c *Checker) checkAssignment(value ast.Expr, t, declared types.Type) {
	if c.checked() && c.abstractClassFor(t, declared) {
		c.report(value.Pos(), diag.Error, diag.CodeTypeAbstract,
			fmt.Sprintf(diag.OnlyConcreteClassesAssignable, types.Format(declared, c.formatOptions())))
		return
	}
	if !c.fitsTarget(value, t, declared) {
		got, want := types.FormatPair(widen(t), declared, c.formatOptions())
		c.incompatible(value.Pos(), diag.CodeAssignment, diag.IncompatibleAssignment(got, want), t, declared)
	}
}

// checkReturn reports a returned value that the function's declared
// return type does not accept ([return-value]), judged as checkAssignment
// judges.
func (c *Checker) checkReturn(value ast.Expr, t, declared types.Type) {
	if _, isNone := declared.(*types.NoneType); isNone {
		// A value where none is expected: None itself (or a call giving
		// it) and Any aside.
		switch widen(t).(type) {
		case *types.NoneType, *types.Any:
		default:
			if c.checked() && c.certain(value) {
				c.report(value.Pos(), diag.Error, diag.CodeReturnValue, diag.NoReturnValueExpected)
			}
		}
		return
	}
	if !c.fitsTarget(value, t, declared) {
		got, want := types.FormatPair(widen(t), declared, c.formatOptions())
		c.incompatible(value.Pos(), diag.CodeReturnValue, diag.IncompatibleReturn(got, want), t, declared)
	}
}

// checkReturnAny reports, under --warn-return-any, a returned value of
// type Any from a function declared to return something else than Any or
// object ([no-any-return]). Only an Any typd knows to be real (written, or
// from a missing annotation) is reported: where typd's own inference
// gives up, it stays silent.
func (c *Checker) checkReturnAny(value ast.Expr, t types.Type, f *frame) {
	if !c.settings.WarnReturnAny || !c.checked() || c.quiet > 0 || c.unbound > 0 {
		return
	}
	if n, ok := value.(*ast.Name); ok && n.ID == "NotImplemented" {
		// mypy takes NotImplemented as Any, which a binary operator's
		// method may return.
		if f.def == nil || binaryMagicMethods[f.def.Name] {
			return
		}
	} else if a, isAny := t.(*types.Any); !isAny || a.Reason != types.AnyExplicit && a.Reason != types.AnyUnannotated ||
		!c.certain(value) {
		return
	}
	switch r := f.ret.(type) {
	case *types.Any:
		return
	case *types.Instance:
		if r.Class.FullName == "builtins.object" {
			return
		}
	case *types.Union:
		if slices.ContainsFunc(r.Items, isAnyType) {
			return
		}
	}
	c.report(value.Pos(), diag.Error, diag.CodeNoAnyReturn, diag.ReturningAny(types.Format(f.ret, c.formatOptions())))
}

// binaryMagicMethods are the methods of binary operators (mypy's list),
// which may return NotImplemented whatever they declare.
var binaryMagicMethods = map[string]bool{}

func init() {
	for _, op := range strings.Fields("add and divmod eq floordiv ge gt iadd iand idiv ifloordiv ilshift imatmul imod " +
		"imul ior ipow irshift isub itruediv ixor le lshift lt matmul mod mul ne or pow radd rand rdiv rfloordiv " +
		"rlshift rmatmul rmod rmul ror rpow rrshift rshift rsub rtruediv rxor sub truediv xor") {
		binaryMagicMethods["__"+op+"__"] = true
	}
}

// fits reports whether a value of type t may go where declared is
// expected, or whether that cannot be judged for certain.
func (c *Checker) fits(value ast.Expr, t, declared types.Type) bool {
	return c.fitsIf(value, t, declared, declared != nil && judgeable(declared, false))
}

// fitsTarget is fits for the type of an assignment's target or a return.
// One that mentions type variables the body sees opaque (see judgeableOf)
// is judged too when the value's type mentions none: no such value fits a
// type variable's place (only Any, Never and the variable itself do), as
// in mypy. Elsewhere (arguments, displays) typd does not judge them yet.
func (c *Checker) fitsTarget(value ast.Expr, t, declared types.Type) bool {
	return c.fitsIf(value, t, declared, declared != nil && (judgeable(declared, false) ||
		judgeable(t, true) && judgeableOf(declared, false, true)))
}

// fitsIf is fits, where judged says whether declared's relations are
// modelled.
func (c *Checker) fitsIf(value ast.Expr, t, declared types.Type, judged bool) bool {
	if c.checked() && declared != nil && (classObjectForInstance(t, declared) || c.instanceForClassObject(t, declared)) && c.certain(value) {
		return false
	}
	if ctor, target := plainConstructor(t), callableTarget(declared); ctor != nil && target != nil && c.checked() && c.certain(value) {
		return c.isSubtype(ctor, target) // (a class object where a callable is expected: its constructor)
	}
	if c.checked() && judged && judgeable(t, true) && c.displayCannotFit(value, t, declared) {
		return false
	}
	if !c.checked() || !judged || !c.certain(value) || !judgeable(t, true) || !c.contextFree(value, declared) {
		return true
	}
	if !c.strictOptional && (mentionsNone(t) || mentionsNone(declared)) {
		// Without strict optional checking None fits every type: a value's
		// optional type is judged by its other items against a type
		// without None. (Against an optional type, or with None deeper in
		// a type, it is not judged: a narrowing typd does not model, such
		// as isinstance(x, type(None)), would leave a value optional where
		// mypy has None.)
		if mentionsNone(declared) {
			return true
		}
		t = withoutNone(t)
		if t == nil || mentionsNone(t) {
			return true
		}
	}
	return c.isSubtype(t, declared)
}

// withoutNone is a type with a union's None items left out; nil for None
// itself or a union of None alone.
func withoutNone(t types.Type) types.Type {
	switch x := t.(type) {
	case *types.NoneType:
		return nil
	case *types.Union:
		var rest []types.Type
		for _, it := range x.Items {
			if _, isNone := it.(*types.NoneType); !isNone {
				rest = append(rest, it)
			}
		}
		if len(rest) == 0 {
			return nil
		}
		return types.SimplifiedUnion(rest...)
	}
	return t
}

// plainConstructor is the constructor of a class object whose calls typd
// models exactly, as a plain callable: a class neither generic, of unknown
// members, a protocol, Any-based nor of a metaclass other than type, nor
// with a __new__ declared to return something else, with one judgeable
// constructor signature; nil otherwise.
func plainConstructor(t types.Type) *types.Callable {
	f, ok := t.(*types.Callable)
	if !ok || f.TypeObject == nil || len(f.TypeVars) > 0 || f.Decorated {
		return nil
	}
	cls := f.TypeObject
	if len(cls.TypeParams) > 0 || cls.IsProtocol || cls.UnknownMembers || cls.Metaclass != nil || cls.MetaclassUnknown ||
		anyBased(cls) || !judgeableClass(cls) || specialModules[cls.Module] {
		return nil
	}
	if nm, owner := cls.Lookup("__new__"); owner != nil && owner.FullName != "builtins.object" {
		// A __new__ may return another class's instance: judged only
		// when it is declared to return the class itself.
		f, ok := nm.TypeOf().(*types.Callable)
		if !ok {
			return nil
		}
		if r, ok := f.Ret.(*types.Instance); !ok || r.Class != cls {
			return nil
		}
	}
	out := *f
	out.TypeObject = nil
	if !judgeable(&out, false) {
		return nil
	}
	return &out
}

// callableTarget is a declared type that is a plain callable typd judges,
// or nil.
func callableTarget(declared types.Type) *types.Callable {
	f, ok := declared.(*types.Callable)
	if !ok || f.TypeObject != nil || len(f.TypeVars) > 0 || !judgeable(f, false) {
		return nil
	}
	return f
}

// classObjectForInstance reports a class object (its constructor plain
// or overloaded) where an instance of an ordinary class is expected: a
// class that is no protocol, metaclass, object or function, nor a base of
// the class object's metaclass, whose instances a class object never is.
func classObjectForInstance(t, declared types.Type) bool {
	ctor := types.ClassObject(t)
	inst, ok := declared.(*types.Instance)
	if ctor == nil || !ok || inst.Class.IsProtocol || !judgeableClass(inst.Class) || anyBased(inst.Class) {
		return false
	}
	if inst.Class.FullName == "builtins.object" || ctor.TypeObject.MetaclassUnknown || anyBased(ctor.TypeObject) ||
		specialModules[inst.Class.Module] {
		return false // (a variable first bound to a special form: mypy says otherwise)
	}
	if meta := ctor.TypeObject.Metaclass; meta != nil && slices.Contains(meta.Class.MRO, inst.Class) {
		return false // an instance of its metaclass's base
	}
	for _, k := range inst.Class.MRO {
		if k.FullName == "builtins.type" || k.FullName == "builtins.function" {
			return false
		}
	}
	return true
}

// instanceForClassObject reports None, or an instance of an ordinary
// class (not callable, not a class object's metaclass or one of its
// bases), where a class object is expected (a variable first bound to a
// class): neither is ever a class object.
func (c *Checker) instanceForClassObject(t, declared types.Type) bool {
	ctor := types.ClassObject(declared)
	if ctor == nil || ctor.TypeObject.MetaclassUnknown || anyBased(ctor.TypeObject) || specialModules[ctor.TypeObject.Module] {
		return false
	}
	var inst *types.Instance
	switch x := t.(type) {
	case *types.NoneType:
		return c.strictOptional
	case *types.Instance:
		inst = x
	case *types.Literal:
		inst = x.Fallback
	}
	if inst == nil || inst.Class.IsProtocol || !judgeableClass(inst.Class) || anyBased(inst.Class) || specialModules[inst.Class.Module] {
		return false
	}
	if m, _ := inst.Class.Lookup("__call__"); m != nil {
		return false
	}
	for _, k := range inst.Class.MRO {
		if k.FullName == "builtins.type" || k.FullName == "builtins.function" {
			return false
		}
	}
	return true
}

// formatOptions are the settings of this module's messages.
func (c *Checker) formatOptions() types.FormatOptions {
	v := c.reach.PythonVersion
	return types.FormatOptions{OrSyntax: v[0] > 3 || v[0] == 3 && v[1] >= 10}
}

// displayCannotFit reports a display or comprehension (a list, set or
// dict), of type t, where declared is expected that no context could make
// fit: its class with any type arguments is no subtype of declared (an
// int, an unrelated class typd knows whole: see plainClass).
// Its items' types depend on the context, which typd does not always
// follow as mypy does, but what it is does not. (t is the display's own
// type: a starred argument's is its items'.)
func (c *Checker) displayCannotFit(value ast.Expr, t, declared types.Type) bool {
	class := displayClass(value)
	if class == "" {
		return false
	}
	whole, ok := c.builtinInstance(class).(*types.Instance)
	if own, isInst := t.(*types.Instance); !ok || !isInst || own.Class != whole.Class || declared == nil || isAnyType(declared) {
		return false
	}
	for _, it := range unionItems(declared) {
		switch x := it.(type) {
		case *types.Instance:
			if !plainClass(x.Class) {
				return false // (a TypedDict a dict display may make, a class typd does not know whole)
			}
		case *types.NoneType, *types.Literal, *types.Tuple, *types.Callable, *types.TypeType:
		default:
			return false
		}
	}
	return !types.IsSubtype(whole, declared)
}

// plainClass reports a class typd knows whole: made by a class statement
// of known bases and members, no TypedDict, no decorator typd does not
// model, no __subclasshook__ (an ABC whose subclasses are decided at run
// time), as judgeableClass judges the classes of its MRO.
func plainClass(cls *types.Class) bool {
	for _, k := range cls.MRO {
		if k.AnyBase || k.UnknownMembers || k.Decorated || k.IsTypedDict {
			return false
		}
		if _, hook := k.Members["__subclasshook__"]; hook && k.FullName != "builtins.object" {
			return false // (an ABC that may take list as a subclass: collections.abc's, in source)
		}
	}
	return len(cls.MRO) > 0 && judgeableClass(cls)
}

// displayClass is the builtin class a list, set or dict display or
// comprehension makes; "" for another expression.
func displayClass(e ast.Expr) string {
	switch e.(type) {
	case *ast.List, *ast.ListComp:
		return "list"
	case *ast.Set, *ast.SetComp:
		return "set"
	case *ast.Dict, *ast.DictComp:
		return "dict"
	}
	return ""
}

// certain reports whether an expression's inferred type does not depend
// on an expected type: displays, comprehensions, lambdas, conditional and
// boolean expressions and calls of generic functions or classes are
// inferred from their context by mypy, which this checker does not do yet.
func (c *Checker) certain(e ast.Expr) bool {
	if known, ok := c.certainOf[e]; ok {
		return known
	}
	certain := c.certainNow(e)
	if c.certainOf == nil {
		c.certainOf = map[ast.Expr]bool{}
	}
	c.certainOf[e] = certain
	return certain
}

// certainNow is certain without the statement's memory.
func (c *Checker) certainNow(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Constant, *ast.Compare, *ast.JoinedStr:
		return true
	case *ast.Attribute:
		if _, ok := c.isSuperCall(x.Value); ok {
			return true // a member of a base, bound to self
		}
		if dotted := ast.DottedName(x); dotted != "" {
			if t, ok := c.p.ResolveDotted(c.m.Name, dotted); ok && specialModules[t.Owner] {
				return false
			}
		}
		return c.certain(x.Value)
	case *ast.Name:
		// mypy takes NotImplemented as Any, whatever its stub says; the
		// typing modules' names are special forms their stubs do not
		// describe.
		return x.ID != "NotImplemented" && !c.specialForm(x.ID) && c.assignedBefore(x.ID) && !c.guessed(x.ID)
	case *ast.UnaryOp:
		return c.certain(x.Operand)
	case *ast.BoolOp:
		// `a or b` of plain operands; `and` gives a falsy left operand,
		// whose type mypy narrows in ways not modelled (a falsy str).
		if x.Op != ast.Or {
			return false
		}
		for _, v := range x.Values {
			switch v.(type) {
			case *ast.Call, *ast.BoolOp:
				return false // a context could shape it
			}
			if !c.certain(v) {
				return false
			}
			if _, isNone := c.exprQuiet(v).(*types.NoneType); isNone {
				return false // None, or a variable first set to None (partial)
			}
		}
		return true
	case *ast.BinOp:
		return c.certain(x.Left) && c.certain(x.Right)
	case *ast.Subscript:
		return c.certain(x.Value)
	case *ast.NamedExpr:
		return c.certain(x.Value)
	case *ast.Await:
		return c.certain(x.Value)
	case *ast.Tuple:
		for _, el := range x.Elts {
			if _, star := el.(*ast.Starred); star || !c.certain(el) {
				return false
			}
		}
		return true
	case *ast.Call:
		callee, walked := c.calleeOf[x]
		if !walked {
			callee = c.exprQuiet(x.Func)
		}
		if o, ok := callee.(*types.Overloaded); ok {
			return c.certainOverloadCall(x, o)
		}
		f, ok := callee.(*types.Callable)
		if !ok {
			return false
		}
		if len(f.TypeVars) == 0 && (f.TypeObject == nil || len(f.TypeObject.TypeParams) == 0 || specializedConstructor(f)) {
			return true
		}
		// A generic function returning a bare type variable is inferred
		// from its arguments alone (mypy leaves a context that is no
		// generic instance or literal out, see contextFree).
		if !returnsOwnVar(f) {
			return false
		}
		for _, a := range x.Args {
			if s, ok := a.(*ast.Starred); ok {
				a = s.Value
			}
			if !c.certain(a) {
				return false
			}
		}
		for _, k := range x.Keywords {
			if !c.certain(k.Value) {
				return false
			}
		}
		return true
	}
	return false
}

// certainOverloadCall reports a call of an overloaded function whose
// result mypy finds from the arguments alone: each argument is certain
// (one may unpack a tuple of fixed length) and a variant takes them (the
// result of a call no variant takes is the error's). With generic
// variants, only calls without union arguments, of variants without
// value restrictions, whose result has no type variable or Any left, are
// certain. type(x) and generic classes' constructors are left out.
func (c *Checker) certainOverloadCall(call *ast.Call, o *types.Overloaded) bool {
	generic := false
	for _, f := range o.Items {
		if f.TypeObject != nil && (len(f.TypeObject.TypeParams) > 0 || f.TypeObject.FullName == "builtins.type") {
			return false // a generic class's, or type(x), which mypy types as x's class
		}
		for _, tv := range f.TypeVars {
			if len(tv.Values) > 0 {
				return false // (value restrictions are not modelled in matching)
			}
		}
		generic = generic || len(f.TypeVars) > 0
	}
	args := make([]types.Type, len(call.Args))
	for i, a := range call.Args {
		if s, ok := a.(*ast.Starred); ok {
			// *t of a tuple of fixed length is its items, one by one.
			if !c.certain(s.Value) {
				return false
			}
			if args[i] = c.exprQuiet(s.Value); !isFixedLength(args[i]) {
				return false
			}
			continue
		}
		if !c.certain(a) {
			return false
		}
		args[i] = c.exprQuiet(a)
	}
	kwargs := make([]types.Type, len(call.Keywords))
	for i, k := range call.Keywords {
		if k.Arg == "" || !c.certain(k.Value) {
			return false
		}
		kwargs[i] = c.exprQuiet(k.Value)
	}
	if generic && (slices.ContainsFunc(args, isUnion) || slices.ContainsFunc(kwargs, isUnion)) {
		return false // (union math over generic variants is not modelled exactly)
	}
	r, ok := c.overloadResult(o, actualsOf(call, args, kwargs))
	return ok && !(generic && (hasTypeVars(r) || types.Contains(r, isAnyType)))
}

// isUnion reports a union type.
func isUnion(t types.Type) bool {
	_, ok := t.(*types.Union)
	return ok
}

// returnsOwnVar reports a generic function whose return type is one of
// its own type variables.
func returnsOwnVar(f *types.Callable) bool {
	tv, ok := f.Ret.(*types.TypeVar)
	return ok && f.TypeObject == nil && slices.Contains(f.TypeVars, tv)
}

// contextFree reports whether mypy infers a value's type without the
// expected type: a call of a generic function returning a bare type
// variable uses a context that is a generic instance or a literal.
func (c *Checker) contextFree(value ast.Expr, declared types.Type) bool {
	call, ok := value.(*ast.Call)
	if !ok {
		return true
	}
	f, ok := c.exprQuiet(call.Func).(*types.Callable)
	if !ok || !returnsOwnVar(f) {
		return true
	}
	switch d := declared.(type) {
	case *types.Instance:
		return len(d.Args) == 0 && d.LastKnownValue == nil
	case *types.Literal:
		return false
	}
	return true
}

// specialModules are the modules whose names mypy treats specially.
var specialModules = map[string]bool{"typing": true, "typing_extensions": true, "mypy_extensions": true,
	"_typeshed": true, "types": true, "abc": true, "enum": true, "dataclasses": true, "functools": true}

// specialForm reports a name that resolves to one of specialModules'
// names (Tuple, TypeVar, cast...), unless a local variable shadows it.
func (c *Checker) specialForm(name string) bool {
	for _, f := range c.frames {
		if _, ok := f.vars.lookup(name); ok {
			return false
		}
	}
	t, ok := c.p.Resolve(c.m.Name, name)
	if !ok || t.Sym == nil {
		return false
	}
	if specialModules[t.Owner] {
		return true
	}
	// A class made by a call: NamedTuple("C", ...), TypedDict(...).
	if call, ok := t.Sym.Value.(*ast.Call); ok {
		name := ast.DottedName(call.Func)
		switch name[strings.LastIndexByte(name, '.')+1:] {
		case "NamedTuple", "namedtuple", "TypedDict", "NewType", "TypeVar", "ParamSpec", "TypeVarTuple", "type", "Enum":
			return true
		}
	}
	return false
}

// plainTypingVariable reports a name of the typing modules that their
// stub makes a plain variable of a number (mypy's test stubs write
// `Callable = 0`): subscripted, its type is what the stub says.
func (c *Checker) plainTypingVariable(e ast.Expr) bool {
	n, ok := e.(*ast.Name)
	if !ok || !c.specialForm(n.ID) {
		return false
	}
	t, ok := c.p.Resolve(c.m.Name, n.ID)
	if !ok || t.Sym == nil || t.Sym.Kind != semanal.Var || t.Sym.Annotation != nil {
		return false
	}
	k, ok := t.Sym.Value.(*ast.Constant)
	return ok && k.Value.Kind == ast.IntValue
}

// assignedBefore reports whether a name read at the module's top level
// was bound by the statements walked so far, or is not a variable of the
// module (a later assignment may shadow a builtin: its type would be
// wrong here).
func (c *Checker) assignedBefore(name string) bool {
	if len(c.frames) > 0 {
		return true
	}
	if _, ok := c.module.lookup(name); ok {
		return true
	}
	t, ok := c.p.Resolve(c.m.Name, name)
	return !ok || t.Sym == nil || t.Owner != c.m.Name || t.Sym.Kind != semanal.Var
}

// joinedDisplay reports a list, set or dict display with an item whose
// type is not an instance of a class (a tuple, a union, None...), unless
// all its items (keys, values) have one type: the join of such items here
// may differ from mypy's.
func (c *Checker) joinedDisplay(e ast.Expr) bool {
	var groups [][]ast.Expr
	switch x := e.(type) {
	case *ast.List:
		groups = [][]ast.Expr{x.Elts}
	case *ast.Set:
		groups = [][]ast.Expr{x.Elts}
	case *ast.Dict:
		for _, k := range x.Keys {
			if k == nil {
				return true // **mapping
			}
		}
		groups = [][]ast.Expr{x.Keys, x.Values}
	default:
		return false
	}
	for _, g := range groups {
		other, mixed := false, false
		first := ""
		for i, el := range g {
			t := widen(c.exprQuiet(el))
			if _, ok := t.(*types.Instance); !ok {
				other = true
			}
			if v := types.Verbose(t); i == 0 {
				first = v
			} else if v != first {
				mixed = true
			}
		}
		if other && mixed {
			return true
		}
	}
	return false
}

// guessed reports a variable of the innermost scope whose type came from
// a value typed without its context.
func (c *Checker) guessed(name string) bool {
	return c.scopeVars().guessed[name]
}

// judgeable reports whether the checker models every relation of a type:
// Any, None, instances of judgeable classes, literals, tuples and unions
// of those; Never only at the top.
func judgeable(t types.Type, top bool) bool { return judgeableOf(t, top, false) }

// judgeableOf is judgeable, where typeVars admits the type variables that
// are not restricted to values (with a judgeable bound, if any): a body is
// checked once, with such a variable opaque; mypy checks it once per value
// of a restricted one.
func judgeableOf(t types.Type, top, typeVars bool) bool {
	switch x := t.(type) {
	case *types.Any, *types.NoneType, *types.Literal:
		return true
	case *types.Never:
		return top
	case *types.Instance:
		if !judgeableClass(x.Class) {
			return false
		}
		for _, a := range x.Args {
			if !judgeableOf(a, false, typeVars) {
				return false
			}
		}
		return true
	case *types.Tuple:
		if x.Fallback == nil {
			return false // no tuple class to relate it by
		}
		for _, it := range x.Items {
			if !judgeableOf(it, false, typeVars) {
				return false
			}
		}
		return true
	case *types.Union:
		for _, it := range x.Items {
			if !judgeableOf(it, false, typeVars) {
				return false
			}
		}
		return true
	case *types.Callable:
		if x.Decorated || x.TypeGuard != nil {
			return false
		}
		for _, p := range x.Params {
			if !judgeableOf(p.Type, false, typeVars) {
				return false
			}
		}
		return x.TypeObject == nil && judgeableOf(x.Ret, false, typeVars)
	case *types.Overloaded:
		for _, it := range x.Items {
			if !judgeableOf(it, false, typeVars) {
				return false
			}
		}
		return len(x.Items) > 0
	case *types.TypeType:
		return judgeableOf(x.Item, false, typeVars)
	case *types.TypeVar:
		if b, ok := x.Bound.(*types.Instance); ok && b.Class.Final && x.FullName == b.Class.FullName+".Self" {
			return false // (a final class's Self is the class: mypy takes its instances)
		}
		return typeVars && len(x.Values) == 0 && (x.Bound == nil || judgeableOf(x.Bound, false, typeVars))
	case *types.ParamSpecPart:
		return typeVars
	case *types.Parameters:
		for _, p := range x.Params {
			if !judgeableOf(p.Type, false, typeVars) {
				return false
			}
		}
		return true
	}
	return false
}

// unjudgedClasses are the classes whose values the checker does not model
// yet: dataclass InitVars.
var unjudgedClasses = map[string]bool{"dataclasses.InitVar": true}

// judgeableClass reports whether instances of a class are judged: not a
// TypedDict, an InitVar or a descriptor (whose reads are not all
// modelled).
func judgeableClass(cls *types.Class) bool {
	for _, k := range cls.MRO {
		if unjudgedClasses[k.FullName] || k.UnmodelledTypedDict() {
			return false
		}
	}
	m, _ := cls.Lookup("__get__")
	return m == nil
}

// mentionsNone reports whether None is part of a type, at any depth.
func mentionsNone(t types.Type) bool {
	switch x := t.(type) {
	case *types.NoneType:
		return true
	case *types.Union:
		return slices.ContainsFunc(x.Items, mentionsNone)
	case *types.Tuple:
		return slices.ContainsFunc(x.Items, mentionsNone)
	case *types.Instance:
		return slices.ContainsFunc(x.Args, mentionsNone)
	case *types.Callable:
		return mentionsNone(x.Ret) || slices.ContainsFunc(x.Params, func(p types.Param) bool { return mentionsNone(p.Type) })
	}
	return false
}

// assignsDeletedExceptVariable reports, for an assignment (or a for loop)
// to names one of which is an except clause's variable after its handler
// (deleted there), mypy's `Assignment to variable "e" outside except:
// block`, and whether there was one (an assignment's value is then not
// judged against the variable).
func (c *Checker) assignsDeletedExceptVariable(targets []ast.Expr) bool {
	found := false
	for _, t := range targets {
		ast.TargetLeaves(t, func(leaf ast.Expr) {
			n, ok := leaf.(*ast.Name)
			if !ok {
				return
			}
			if isDeleted(c.scopeVars().declared[n.ID]) {
				found = true
				if c.checked() {
					c.report(&n.Span, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.AssignmentOutsideExcept, n.ID))
				}
			}
		})
	}
	return found
}

// declaredTarget is the type declared for the single name an assignment
// statement assigns, which its value is then expected to have (nil when
// there is none).
func (c *Checker) declaredTarget(targets []ast.Expr) types.Type {
	if len(targets) != 1 {
		return nil
	}
	if a, ok := targets[0].(*ast.Attribute); ok {
		// An attribute of an instance: its type is the context.
		if _, inst := c.exprQuiet(a.Value).(*types.Instance); inst {
			if t := c.exprQuiet(a); !isAnyType(t) {
				return t
			}
		}
		return nil
	}
	n, ok := targets[0].(*ast.Name)
	if !ok {
		return nil
	}
	v := c.scopeVars()
	declared, known := v.declared[n.ID]
	if v.annotated[n.ID] || known && !v.partial[n.ID] && c.inferredTypesStand(n.ID) {
		return declared
	}
	return nil
}

// declareWithValue declares a variable's type and checks the value it
// starts with (of type t; value may be nil). mypy does not narrow the
// variable to that value.
func (c *Checker) declareWithValue(name string, declared types.Type, value ast.Expr, t types.Type) {
	if k, ok := value.(*ast.Constant); ok && k.Value.Kind == ast.EllipsisValue && strings.HasSuffix(c.m.Path, ".pyi") {
		value = nil // `x: int = ...` in a stub: no value is given
	}
	if value != nil {
		c.checkAssignment(value, t, declared)
	}
	c.scopeVars().declare(name, declared)
}

// assign records the inferred type of name targets in a function
// (tuple targets take the tuple's items); a member target is narrowed to
// the value assigned when its declared type accepts it.
func (c *Checker) assign(target ast.Expr, t types.Type) {
	switch x := target.(type) {
	case *ast.Name:
		c.scopeVars().narrowed.forgetMembers(x.ID)
		c.scopeVars().assign(x.ID, t)
		c.recordTarget(x)
	case *ast.Attribute, *ast.Subscript:
		key := exprKey(x)
		if key == "" {
			return
		}
		v := c.scopeVars()
		v.narrowed.forget(key)
		v.narrowed.forgetMembers(key)
		declared := c.exprQuiet(x)
		switch w := widen(t); {
		case isAnyType(w):
			v.narrowed.set(key, anyForNone(declared, w))
		case judgeable(w, false) && !isAnyType(declared) && types.IsSubtypeStrict(w, declared):
			v.narrowed.set(key, w)
		}
	case *ast.Tuple:
		c.assignItems(x.Elts, t)
	case *ast.List:
		c.assignItems(x.Elts, t)
	}
}

func (c *Checker) assignItems(targets []ast.Expr, t types.Type) {
	tup, ok := t.(*types.Tuple)
	for i, el := range targets {
		if _, star := el.(*ast.Starred); star {
			return
		}
		switch {
		case ok && len(tup.Items) == len(targets):
			c.assign(el, tup.Items[i])
		default:
			c.assign(el, c.iterate(t))
		}
	}
}

// iterate is the type of the items of an iterable: __iter__().__next__().
func (c *Checker) iterate(t types.Type) types.Type {
	if tup, ok := t.(*types.Tuple); ok && len(tup.Items) > 0 {
		if fb := tup.Fallback; fb != nil && fb.Class.FullName != "builtins.tuple" {
			// A tuple class of its own (attrs' fields): its tuple base
			// tells the item type, when it is written out.
			if base := c.builtinInstance("tuple"); base != nil {
				if view, ok := base.(*types.Instance); ok {
					if tb := types.MapToSuper(fb, view.Class); tb != nil && len(tb.Args) == 1 && !isAnyType(tb.Args[0]) {
						return tb.Args[0]
					}
				}
			}
		}
		return c.join(widenAll(tup.Items))
	}
	it := c.callResult(c.member(t, "__iter__"), positional())
	return c.callResult(c.member(it, "__next__"), positional())
}

// asyncIterate is the type of the items `async for` takes from a value
// of type t: what awaiting its __aiter__()'s __anext__() gives, as mypy
// finds it; Any where that is not known.
func (c *Checker) asyncIterate(t types.Type) types.Type {
	if _, ok := t.(*types.Instance); !ok {
		return anyT()
	}
	it := c.callResult(c.member(t, "__aiter__"), positional())
	if _, ok := it.(*types.Instance); !ok {
		return anyT()
	}
	return c.awaited(c.callResult(c.member(it, "__anext__"), positional()))
}
