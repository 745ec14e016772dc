package check

import (
	"fmt"
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkCallable reports calling a value whose class has no __call__, as
// mypy does: `"A" not callable` ([operator]).
func (c *Checker) checkCallable(call *ast.Call, callee types.Type) {
	if !c.checked() || !c.certain(call.Func) || c.partialNone(call.Func, callee) {
		return
	}
	if inst, ok := callee.(*types.Instance); ok && inst.Class.FullName == "builtins.type" {
		return // a class object
	}
	if key := exprKey(call.Func); key != "" {
		if _, proven := c.scopeVars().narrowed.get("callable:" + key); proven {
			return // callable() said so
		}
	}
	items := []types.Type{callee}
	if u, ok := callee.(*types.Union); ok {
		items = u.Items // each item is called
	}
	for _, it := range items {
		switch it.(type) {
		case *types.Instance, *types.NoneType, *types.Literal:
			if c.lacksMethod(it, "__call__") {
				c.report(&call.Span, diag.Error, diag.CodeOperator, fmt.Sprintf(diag.NotCallable, types.Format(it, c.formatOptions())))
			}
		}
	}
}

// lacksMethod reports whether a value of a non-union type certainly has no
// member of that name (its class's members are all known).
func (c *Checker) lacksMethod(t types.Type, name string) bool {
	cls := c.classOf(t)
	if cls == nil || !knownMembers(cls) {
		return false
	}
	m, _ := cls.Lookup(name)
	return m == nil
}

// classOf is the class whose members a value of type t has: an instance's
// class, a literal's, object for None; nil for other types.
func (c *Checker) classOf(t types.Type) *types.Class {
	switch x := t.(type) {
	case *types.NoneType:
		return c.p.ModuleClass("builtins", "object")
	case *types.Instance:
		return x.Class
	case *types.Literal:
		if x.Fallback != nil {
			return x.Fallback.Class
		}
	case *types.Tuple:
		if x.Fallback != nil {
			return x.Fallback.Class
		}
	}
	return nil
}

// checkReturnsValue reports using the value of a call to a def declared to
// return None ([func-returns-value]), unless the call is a statement by
// itself or returned from a function that returns None.
func (c *Checker) checkReturnsValue(call *ast.Call, callee types.Type) {
	if inst, ok := callee.(*types.Instance); ok && len(inst.Args) == 0 {
		// An instance called through its class's __call__: mypy names
		// it "Function".
		if m, ok := c.member(inst, "__call__").(*types.Callable); ok {
			anon := *m
			anon.Name, anon.Owner = "", ""
			callee = &anon
		}
	}
	f, ok := callee.(*types.Callable)
	if !ok || !c.checked() || c.valueUnused == call || f.Decorated || f.TypeObject != nil {
		return
	}
	if _, isNone := f.Ret.(*types.NoneType); !isNone {
		return
	}
	// A method of a generic class may return None by its type argument.
	if a, ok := call.Func.(*ast.Attribute); ok {
		if inst, ok := c.exprQuiet(a.Value).(*types.Instance); ok && len(inst.Args) > 0 {
			return
		}
	}
	if len(f.TypeVars) > 0 {
		return
	}
	name := calleeName(f)
	if name == "" {
		name = "Function"
	}
	c.report(&call.Span, diag.Error, diag.CodeFuncReturnsValue, fmt.Sprintf(diag.ReturnsNoValue, name))
}

// checkDefaults reports a parameter default its declared type does not
// accept ([assignment]), as mypy's check_default_params does: a None
// default of a parameter not declared optional too (with mypy's notes on
// implicit Optional, unless implicit_optional makes the parameter
// optional), and `...` unless the def's body is trivial.
func (c *Checker) checkDefaults(f *ast.FunctionDef, sig *types.Callable) {
	args := f.Args
	positional := append(append([]*ast.Arg{}, args.Posonlyargs...), args.Args...)
	trivial := ast.TrivialBody(f.Body)
	check := func(a *ast.Arg, def ast.Expr) {
		if def == nil {
			return
		}
		t := c.expr(def)
		k, isConstant := def.(*ast.Constant)
		if isConstant && k.Value.Kind == ast.EllipsisValue && trivial {
			return
		}
		var declared types.Type
		for _, p := range sig.Params {
			if p.Name == a.Arg {
				declared = p.Type
			}
		}
		if declared == nil || c.fits(def, t, declared) {
			return
		}
		got, want := types.FormatPair(widen(t), declared, c.formatOptions())
		c.incompatible(def.Pos(), diag.CodeAssignment,
			fmt.Sprintf(diag.IncompatibleDefault, a.Arg, got, want),
			t, declared)
		if isConstant && k.Value.Kind == ast.NoneValue {
			c.report(def.Pos(), diag.Note, diag.CodeAssignment, diag.ImplicitOptionalNote)
			c.report(def.Pos(), diag.Note, diag.CodeAssignment, diag.ImplicitOptionalUpgradeNote)
		}
	}
	for i, d := range args.Defaults {
		check(positional[len(positional)-len(args.Defaults)+i], d)
	}
	for i, a := range args.Kwonlyargs {
		check(a, args.KwDefaults[i])
	}
}

// checkRaise reports raising what is not an exception or exception class
// ([misc]), or giving one as the cause of another (`raise e from a`); the
// error is the raise statement's, as mypy's is.
func (c *Checker) checkRaise(raise *ast.Raise, e ast.Expr, t types.Type) {
	if !c.checked() || !c.certain(e) || c.partialNone(e, t) && !c.returnsNone(e) || !c.definitelyNotException(t, false) {
		return
	}
	c.report(&raise.Span, diag.Error, diag.CodeMisc, diag.NotAnException)
}

// returnsNone reports a call of a function declared to return None.
func (c *Checker) returnsNone(e ast.Expr) bool {
	call, ok := e.(*ast.Call)
	if !ok {
		return false
	}
	f, ok := c.calleeOf[call].(*types.Callable)
	return ok && f.TypeObject == nil && isNoneType(f.Ret)
}

// checkExceptType reports an except clause whose type is not an exception
// class or a tuple of them ([misc]).
func (c *Checker) checkExceptType(e ast.Expr, t types.Type) {
	if !c.checked() || !c.certain(e) {
		return
	}
	bad := false
	if tup, ok := t.(*types.Tuple); ok {
		for _, it := range tup.Items {
			_, nested := it.(*types.Tuple) // (mypy takes one level of tuple)
			bad = bad || nested || c.definitelyNotException(it, true)
		}
	} else {
		bad = c.definitelyNotException(t, true)
	}
	if bad {
		c.report(e.Pos(), diag.Error, diag.CodeMisc,
			diag.NotAnExceptionType)
	}
}

// caught is the type of the exception an except clause binds, given the
// type of the class (or tuple of classes) it names.
func (c *Checker) caught(t types.Type) types.Type {
	switch x := t.(type) {
	case *types.Tuple:
		var items []types.Type
		for _, it := range x.Items {
			items = append(items, c.caught(it))
		}
		if len(items) == 0 {
			return anyT()
		}
		return types.SimplifiedUnion(items...)
	case *types.Callable, *types.Overloaded:
		if cls := typeObject(x); cls != nil {
			return &types.Instance{Class: cls, Args: anyArgs(len(cls.TypeParams))}
		}
	case *types.TypeType:
		return x.Item
	case *types.Union:
		var items []types.Type
		for _, it := range x.Items {
			items = append(items, c.caught(it))
		}
		return types.SimplifiedUnion(items...)
	}
	return anyT()
}

// definitelyNotException reports a type whose values are certainly not
// exceptions (or, with classOnly, not exception classes): instances and
// class objects of classes outside BaseException, None.
func (c *Checker) definitelyNotException(t types.Type, classOnly bool) bool {
	derives := func(cls *types.Class) bool {
		for _, k := range cls.MRO {
			if k.FullName == "builtins.BaseException" || k.AnyBase {
				return true
			}
		}
		return false
	}
	switch x := t.(type) {
	case *types.NoneType:
		return true
	case *types.Instance:
		if classOnly {
			return x.Class.FullName != "builtins.type" && !anyBased(x.Class)
		}
		return !derives(x.Class) && judgeableClass(x.Class)
	case *types.Callable:
		if x.TypeObject != nil {
			return !derives(x.TypeObject) && judgeableClass(x.TypeObject)
		}
		return !x.Decorated // a function is neither an exception nor a class
	case *types.TypeType:
		if inst, ok := x.Item.(*types.Instance); ok {
			return !derives(inst.Class) && judgeableClass(inst.Class)
		}
	case *types.Union:
		for _, it := range x.Items {
			if c.definitelyNotException(it, classOnly) {
				return true // every item must be one
			}
		}
	}
	return false
}

// awaited is the type `await` gives for a value of type t: R of an
// Awaitable[R] (a coroutine's result), Any for what is not known.
func (c *Checker) awaited(t types.Type) types.Type {
	if inst, ok := t.(*types.Instance); ok {
		if a := c.typingInstanceView(inst, "Awaitable"); a != nil && len(a.Args) == 1 {
			return a.Args[0]
		}
	}
	return anyT()
}

// checkAwaitable reports awaiting a value whose class certainly has no
// __await__, as mypy does (`Incompatible types in "await"`).
func (c *Checker) checkAwaitable(x *ast.Await, t types.Type) {
	switch t.(type) {
	case *types.Instance, *types.Literal:
	default:
		return
	}
	if c.checked() && c.certain(x.Value) && c.lacksMethod(t, "__await__") {
		c.report(x.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.IncompatibleAwait, types.Format(t, c.formatOptions())))
	}
}

// inertDecorators are the decorators that leave a function's type as it
// is (their stubs type them as such, or mypy special-cases them).
var inertDecorators = map[string]bool{"abstractmethod": true, "final": true, "override": true,
	"no_type_check_decorator": true, "type_check_only": true, "deprecated": true}

// specialDecorators make a method kind or an overload variant, or turn
// checking off: a def under one keeps its own signature.
var specialDecorators = map[string]bool{"staticmethod": true, "classmethod": true, "property": true,
	"overload": true, "typing.overload": true, "no_type_check": true, "typing.no_type_check": true}

// calledDecorators returns the decorators of a def that are called on it,
// innermost first (the inert ones left out), up to the first special one;
// special reports whether there was one.
func calledDecorators(def *ast.FunctionDef) (called []ast.Expr, special bool) {
	for i := len(def.DecoratorList) - 1; i >= 0; i-- {
		d := def.DecoratorList[i]
		name := ast.DottedName(d)
		switch {
		case inertDecorators[name[strings.LastIndexByte(name, '.')+1:]]:
		case specialDecorators[name]:
			return called, true
		default:
			called = append(called, d)
		}
	}
	return called, false
}

// decorated is the type of a def with decorators, as mypy's
// visit_decorator finds it: the signature passed through each decorator,
// innermost first, the result named after the def. A decorator this
// checker cannot apply exactly (one leaving type variables behind, such
// as a ParamSpec's) leaves the signature marked Decorated, whose calls
// are not judged.
func (c *Checker) decorated(def *ast.FunctionDef, sig *types.Callable) types.Type {
	if c.decorating[def] {
		return sig
	}
	c.decorating[def] = true
	defer delete(c.decorating, def)
	var t types.Type = sig
	called, special := calledDecorators(def)
	for _, d := range called {
		if c.untypedDecorator(d) {
			// An unannotated decorator, or one from a module not
			// followed, returns Any (mypy's verdict as well).
			return &types.Any{Reason: types.AnyUnannotated}
		}
		dt := c.exprQuiet(d)
		if a, ok := dt.(*types.Any); ok && realAny(a) {
			return a // a decorator of type Any (made by an untyped call)
		}
		switch f := dt.(type) {
		case *types.Callable:
			t = c.callResult(generalized(f), positional(t))
		case *types.Overloaded:
			t = c.callResult(f, positional(t)) // (contextlib.contextmanager)
		default:
			return sig // an untyped decorator (mypy: Any), or one this checker does not call exactly
		}
	}
	if special {
		return sig
	}
	f, ok := t.(*types.Callable)
	if !ok || hasAnyTypeVar(f) {
		return sig
	}
	out := *f
	out.Name, out.Owner, out.Decorated = def.Name, sig.Owner, false
	if out.Module == "" {
		out.Module = sig.Module
	}
	return &out
}

// generalized is a callable made generic in the type variables it
// mentions without binding (the call `decb(1)` of `def decb(arg: int) ->
// Callable[[F], F]` leaves F free in its result), as mypy binds them to
// the callable a call returns; another callable is itself.
func generalized(f *types.Callable) *types.Callable {
	if len(f.TypeVars) > 0 {
		return f
	}
	var free []*types.TypeVar
	types.Walk(f, func(x types.Type) bool {
		if tv, ok := x.(*types.TypeVar); ok && !slices.Contains(free, tv) {
			free = append(free, tv)
		}
		return true
	})
	if len(free) == 0 {
		return f
	}
	out := *f
	out.TypeVars = free
	return &out
}

// hasAnyTypeVar reports a callable that mentions a type variable of its
// own parameters or result that it does not bind.
func hasAnyTypeVar(f *types.Callable) bool {
	m := map[*types.TypeVar]types.Type{}
	collectVars(f, m)
	for tv := range m {
		if !slices.Contains(f.TypeVars, tv) {
			return true
		}
	}
	return false
}

// checkVariancePositions reports a method parameter typed by a covariant
// type variable and a return typed by a contravariant one, as mypy does
// (constructors and private methods aside).
func (c *Checker) checkVariancePositions(f *ast.FunctionDef, sig *types.Callable) {
	switch f.Name {
	case "__init__", "__new__", "__post_init__", "__replace__":
		return
	}
	if strings.HasPrefix(f.Name, "__") && !strings.HasSuffix(f.Name, "__") {
		return
	}
	for i, a := range f.Args.All() {
		if a.Annotation == nil || i >= len(sig.Params) {
			continue
		}
		if tv, ok := sig.Params[i].Type.(*types.TypeVar); ok && tv.Variance == types.Covariant {
			c.report(a.Annotation.Pos(), diag.Error, diag.CodeMisc, diag.CovariantParameter)
		}
	}
	if f.Returns != nil {
		if tv, ok := sig.Ret.(*types.TypeVar); ok && tv.Variance == types.Contravariant {
			c.report(f.Returns.Pos(), diag.Error, diag.CodeMisc, diag.ContravariantReturn)
		}
	}
}

// generatorTypes are the yield and return types a generator def's
// declared return type gives: Generator[Y, S, R], Iterator[Y] or
// Iterable[Y] (returning None), object or Any (Any). Another type is
// mypy's error, and Any then.
func (c *Checker) generatorTypes(f *ast.FunctionDef, declared types.Type) (yield, ret types.Type) {
	switch d := declared.(type) {
	case *types.Any:
		return d, d
	case *types.Instance:
		switch d.Class.FullName {
		case "typing.Generator":
			if len(d.Args) == 3 {
				return d.Args[0], d.Args[2]
			}
		case "typing.Iterator", "typing.Iterable":
			if len(d.Args) == 1 {
				return d.Args[0], &types.NoneType{}
			}
		case "builtins.object":
			return anyT(), anyT()
		}
	}
	if c.checked() && judgeable(declared, false) {
		c.report(f.Pos(), diag.Error, diag.CodeMisc, diag.GeneratorReturnType)
	}
	return nil, nil
}

// yieldValue checks a yield expression against the generator's yield
// type, as mypy does.
func (c *Checker) yieldValue(x *ast.Yield) types.Type {
	f := c.top()
	var want types.Type
	if f != nil && !f.isClass {
		want = f.yield
	}
	if x.Value == nil {
		if want != nil && c.checked() {
			switch want.(type) {
			case *types.NoneType, *types.Any:
			default:
				c.report(x.Pos(), diag.Error, diag.CodeMisc, diag.YieldValueExpected)
			}
		}
		return anyT()
	}
	t := c.exprExpecting(x.Value, want)
	if want != nil && !c.fits(x.Value, t, want) {
		got, exp := types.FormatPair(widen(t), want, c.formatOptions())
		c.report(x.Value.Pos(), diag.Error, diag.CodeMisc,
			fmt.Sprintf(diag.IncompatibleYield, got, exp))
	}
	return anyT()
}

// checkContextManager checks a with statement's context manager as mypy
// does: its class must have __enter__ and __exit__ (the async ones for
// async with), called with no arguments and with three.
func (c *Checker) checkContextManager(e ast.Expr, t types.Type, async bool) {
	if !c.checked() || !c.certain(e) {
		return
	}
	if _, ok := t.(*types.Instance); !ok || !judgeable(t, true) {
		return
	}
	enter, exit := "__enter__", "__exit__"
	if async {
		enter, exit = "__aenter__", "__aexit__"
	}
	none := func() ast.Expr { return &ast.Constant{Span: *e.Pos(), Value: ast.Value{Kind: ast.NoneValue}} }
	for _, m := range []struct {
		name string
		args []ast.Expr
	}{{enter, nil}, {exit, []ast.Expr{none(), none(), none()}}} {
		if c.lacksMethod(t, m.name) {
			msg := fmt.Sprintf(diag.HasNoAttribute, types.Format(t, c.formatOptions()), m.name)
			if sug := closeMembers(t, m.name); len(sug) > 0 {
				msg += "; maybe " + diag.PrettySeq(sug, "or") + "?" // (__enter__ for __aenter__)
			}
			c.report(e.Pos(), diag.Error, diag.CodeAttrDefined, msg)
			continue
		}
		call := &ast.Call{Span: *e.Pos(), Func: &ast.Attribute{Span: *e.Pos(), Value: e, Attr: m.name}, Args: m.args}
		args := make([]types.Type, len(m.args))
		for i := range args {
			args[i] = &types.NoneType{}
		}
		c.implicitCall = true
		c.checkCall(call, c.member(t, m.name), args, nil)
		c.implicitCall = false
	}
}

// checkUntypedDecorators reports, under --disallow-untyped-decorators,
// each decorator of a def with annotations that has no annotations
// itself, or comes from a module that is not followed (so is Any), or is
// an instance whose __call__ has none: "Untyped decorator makes function
// "f" untyped" ([untyped-decorator]).
func (c *Checker) checkUntypedDecorators(f *ast.FunctionDef) {
	if !c.settings.DisallowUntypedDecorators || !f.IsAnnotated() || noTypeCheck(f) {
		return
	}
	for _, d := range f.DecoratorList {
		if c.untypedDecorator(d) {
			c.report(d.Pos(), diag.Error, diag.CodeUntypedDecorator, fmt.Sprintf(diag.UntypedDecorator, f.Name))
		}
	}
}

// untypedDecorator reports a decorator expression mypy calls untyped.
func (c *Checker) untypedDecorator(d ast.Expr) bool {
	head := d
	if call, ok := d.(*ast.Call); ok {
		head = call.Func
	}
	if c.fromUnfollowedImport(head) {
		return true
	}
	implicit := func(t types.Type) bool {
		switch x := t.(type) {
		case *types.Callable:
			return x.Implicit
		case *types.Overloaded:
			for _, it := range x.Items {
				if it.Implicit {
					return true
				}
			}
		}
		return false
	}
	switch t := c.exprQuiet(d).(type) {
	case *types.Instance:
		m, _ := t.Class.Lookup("__call__")
		return m != nil && m.IsMethod && implicit(m.TypeOf())
	default:
		return implicit(t)
	}
}

// fromUnfollowedImport reports a name (or the first name of a dotted one)
// the module binds by importing from a module that is not followed.
func (c *Checker) fromUnfollowedImport(e ast.Expr) bool {
	dotted := ast.DottedName(e)
	if dotted == "" {
		return false
	}
	first, _, _ := strings.Cut(dotted, ".")
	if f := c.top(); f != nil {
		if _, local := f.vars.declared[first]; local {
			return false
		}
	}
	return c.p.Unfollowed(c.m.Name, dotted)
}
