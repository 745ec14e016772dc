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

func (c *Checker) function(f *ast.FunctionDef, cls *types.Class) {
	outer := c.enclosingTypeVars()
	sig := withoutOuterVars(c.p.Signature(c.m.Name, cls, f), outer)
	c.checkUntypedDecorators(f)
	c.checkDecoratedAny(f, cls)
	inClass := c.top() != nil && c.top().isClass
	c.missingAnnotations(f, sig, inClass)
	if f.IsAnnotated() && !noTypeCheck(f) {
		c.checkDefaults(f, sig)
	}
	fr := &frame{vars: newVars(), checked: (f.IsAnnotated() || c.checkUntyped) && !noTypeCheck(f), class: cls, def: f,
		noTypeCheck: noTypeCheck(f) || c.top() != nil && c.top().noTypeCheck,
		typeVars:    append(slices.Clone(outer), sig.TypeVars...)}
	if f.Returns != nil || f.TypeComment != "" {
		switch generator := ast.IsGenerator(f.Body); {
		case generator && f.IsAsync:
			// An async generator's yields: the items of the async
			// iterable it declares (it returns no value).
			if r, ok := sig.Ret.(*types.Instance); ok {
				if v := c.typingInstanceView(r, "AsyncIterable"); v != nil && len(v.Args) == 1 {
					fr.yield = v.Args[0]
				}
			}
		case generator:
			fr.yield, fr.ret = c.generatorTypes(f, sig.Ret)
		default:
			fr.ret = declaredReturn(f, sig) // (R of an async def's Coroutine[Any, Any, R])
		}
	}
	if inClass {
		c.checkVariancePositions(f, sig)
	}
	if inClass && f.Name == "__new__" && cls != nil && !sig.Decorated {
		c.checkNewSignature(f, cls, sig)
	}
	if inClass && (f.Name == "__init__" || f.Name == "__init_subclass__") && (f.Returns != nil || f.TypeComment != "") {
		switch sig.Ret.(type) {
		case *types.NoneType, *types.Never:
		default:
			c.report(f.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ReturnMustBeNone, f.Name))
		}
	}
	for _, tv := range sig.TypeVars {
		fr.valueRestricted = fr.valueRestricted || len(tv.Values) > 0
	}
	if outer := c.top(); outer != nil && outer.valueRestricted {
		fr.valueRestricted = true
	}
	for _, p := range sig.Params {
		t := p.Type
		_, isPart := t.(*types.ParamSpecPart) // (P.args and P.kwargs are the values' own types)
		switch {
		case isPart:
		case p.Kind == types.ArgStar:
			t = c.builtinInstance("tuple", t)
		case p.Kind == types.ArgStar2:
			t = c.builtinInstance("dict", c.builtinInstance("str"), t)
		}
		fr.vars.declared[p.Name] = t
		fr.vars.annotated[p.Name] = true // (a parameter is never a partial None)
	}
	// Nested defs and classes are known throughout the body (they may
	// call each other); the table first when the body binds a class, so
	// that annotations find it.
	if bindsClass(f.Body) {
		c.p.ScopeNames(c.m.Name, f)
	}
	for _, s := range f.Body {
		switch nested := s.(type) {
		case *ast.FunctionDef:
			c.declareDef(fr.vars, nested, fr.typeVars)
		case *ast.ClassDef:
			if cls := c.localClass(f, nested); cls != nil && len(nested.DecoratorList) == 0 {
				fr.vars.declared[nested.Name] = constructor(cls)
			}
		}
	}
	c.declareBlockDefs(f, fr.vars, fr.typeVars)
	c.frames = append(c.frames, fr)
	loops := c.loops
	c.loops = nil
	leaves := c.stmts(f.Body, nil)
	c.loops = loops
	if fr.checked {
		c.reportPartials(fr.vars, f.Body)
		c.reportPartialAttributes(f, cls)
		if !leaves {
			c.missingReturn(f, fr.ret, cls)
		}
	}
	c.frames = c.frames[:len(c.frames)-1]
}

// declareBlockDefs declares the defs of f's body that stand in its blocks
// (under if, try, with...), not at its top: a name a def there binds first,
// and only defs bind, has that def's signature (the others are mypy's
// conditional variants, judged elsewhere).
func (c *Checker) declareBlockDefs(f *ast.FunctionDef, v *vars, outer []*types.TypeVar) {
	var names semanal.Table // (built only when a block holds a def)
	for _, s := range f.Body {
		switch s.(type) {
		case *ast.FunctionDef, *ast.ClassDef:
			continue // (declared above; their bodies are scopes of their own)
		}
		for _, b := range ast.Blocks(s) {
			ast.EachStatement(b, func(st ast.Stmt) {
				nested, ok := st.(*ast.FunctionDef)
				if !ok {
					return
				}
				if _, known := v.declared[nested.Name]; known {
					return
				}
				if names == nil {
					names = c.p.ScopeNames(c.m.Name, f)
				}
				if sym, ok := names[nested.Name]; !ok || sym.Kind != semanal.Func || sym.First != ast.Stmt(nested) {
					return // (bound otherwise too, or first)
				}
				c.declareDef(v, nested, outer)
			})
		}
	}
}

// declareDef declares the name a nested def binds with its signature, its
// decorators applied; outer are the type variables of the defs around it.
func (c *Checker) declareDef(v *vars, def *ast.FunctionDef, outer []*types.TypeVar) {
	sig := withoutOuterVars(c.p.Signature(c.m.Name, nil, def), outer)
	v.declared[def.Name] = sig
	if sig.Decorated {
		v.declared[def.Name] = c.decorated(def, sig)
	}
}

// enclosingTypeVars are the type variables the defs around the point
// being checked bind (class bodies between them see through).
func (c *Checker) enclosingTypeVars() []*types.TypeVar {
	for i := len(c.frames) - 1; i >= 0; i-- {
		if !c.frames[i].isClass {
			return c.frames[i].typeVars
		}
	}
	return nil
}

// withoutOuterVars is a nested def's signature without the type
// variables of the defs around it, which bind them there: mypy's
// `def (y: T`-1) -> T`-1` for a def using its outer def's T, called with
// that T's values only.
func withoutOuterVars(sig *types.Callable, outer []*types.TypeVar) *types.Callable {
	own := slices.DeleteFunc(slices.Clone(sig.TypeVars), func(tv *types.TypeVar) bool {
		return slices.ContainsFunc(outer, func(o *types.TypeVar) bool { return types.SameTypeVar(o, tv) })
	})
	if len(own) == len(sig.TypeVars) {
		return sig
	}
	out := *sig
	out.TypeVars = own
	return &out
}

// recordTarget records, when types are recorded, a name assigned to as
// having its variable's declared type.
func (c *Checker) recordTarget(n *ast.Name) {
	if c.recorded == nil {
		return
	}
	if t, ok := c.scopeVars().declared[n.ID]; ok {
		c.recorded[n] = t
	}
}

// missingReturn reports a function whose end is reachable although it is
// declared to return a value, as mypy does: "Missing return statement"
// ([return], [empty-body] for a body of only pass, ... or a docstring,
// which abstract methods, protocol members, overload variants, stubs and
// --allow-empty-bodies may have), or with --no-warn-no-return the implicit
// None's incompatibility. ret is the declared return type (a generator's
// return value type).
func (c *Checker) missingReturn(f *ast.FunctionDef, ret types.Type, cls *types.Class) {
	if ret == nil {
		return
	}
	trivial := ast.TrivialBody(f.Body)
	allowEmpty := c.settings.AllowEmptyBodies || f.HasDecorator("overload") || accessorDecorator(f)
	abstract := f.HasDecorator("abstractmethod") || f.HasDecorator("abstractproperty") ||
		f.HasDecorator("abstractclassmethod") || f.HasDecorator("abstractstaticmethod") ||
		cls != nil && cls.IsProtocol && trivial
	show := !trivial || !allowEmpty && !abstract && !c.m.IsStub
	noneFits := !c.strictOptional || types.IsSubtype(&types.NoneType{}, ret)
	if !show || c.mypyOnly > 0 || trivial && noneFits || c.uncertainEnd(f.Body) {
		return
	}
	code := diag.CodeReturn
	if trivial {
		code = diag.CodeEmptyBody
	}
	report := func(sev diag.Severity, code, msg string) {
		n := len(c.out)
		c.report(&f.Span, sev, code, msg)
		if len(c.out) > n {
			c.out[n].IgnoreThrough = int(f.Lineno)
		}
	}
	mayBeAbstract := trivial && cls != nil && cls.Metaclass != nil && hasBase(cls.Metaclass.Class, "abc.ABCMeta")
	if c.settings.WarnNoReturn {
		switch ret.(type) {
		case *types.NoneType, *types.Any:
			return
		case *types.Never:
			if !trivial {
				code = diag.CodeMisc
			}
			report(diag.Error, code, diag.ImplicitReturnInNoReturn)
		default:
			report(diag.Error, code, diag.MissingReturnStatement)
		}
	} else {
		if noneFits {
			return
		}
		if !trivial {
			code = diag.CodeReturnValue
		}
		report(diag.Error, code, fmt.Sprintf(diag.ImplicitNoneReturn, types.Format(ret, c.formatOptions())))
	}
	if mayBeAbstract {
		report(diag.Note, diag.CodeEmptyBody, diag.UseAbstractMethodNote)
	}
}

// uncertainEnd reports a body whose end mypy may prove unreachable by
// narrowing that typd does not do: reached only past a match statement
// whose patterns or subject typd does not model (see match), an assert that a value is an
// instance of a protocol, or an if chain without else whose conditions
// compare for equality, identity or membership or call isinstance and the
// like (an exhaustive chain of literal comparisons on a tuple item, say).
// typd then stays silent rather than risk a false "Missing return
// statement".
func (c *Checker) uncertainEnd(body []ast.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	switch x := body[len(body)-1].(type) {
	case *ast.Match:
		return !c.matchEnds[x]
	case *ast.Assert:
		call, ok := x.Test.(*ast.Call)
		if !ok || !isNarrowingCall(call) || len(call.Args) != 2 {
			return false
		}
		cls := typeObject(c.exprQuiet(call.Args[1]))
		return cls == nil || cls.IsProtocol
	case *ast.If:
		for {
			if narrowingTest(x.Test) && len(x.Orelse) == 0 {
				return true
			}
			if c.uncertainEnd(x.Body) {
				return true
			}
			elif, isIf := x.Orelse, len(x.Orelse) == 1
			if !isIf {
				return c.uncertainEnd(x.Orelse)
			}
			next, ok := elif[0].(*ast.If)
			if !ok {
				return c.uncertainEnd(x.Orelse)
			}
			x = next
		}
	case *ast.Try:
		if c.uncertainEnd(x.Body) || c.uncertainEnd(x.Orelse) {
			return true
		}
		for _, h := range x.Handlers {
			if c.uncertainEnd(h.Body) {
				return true
			}
		}
	case *ast.With:
		return c.uncertainEnd(x.Body)
	}
	return false
}

// bindsClass reports whether a body (its nested blocks included, not its
// defs') holds a class statement.
func bindsClass(body []ast.Stmt) bool {
	found := false
	ast.EachStatement(body, func(s ast.Stmt) {
		_, isClass := s.(*ast.ClassDef)
		found = found || isClass
	})
	return found
}

// localClass is the class a class statement directly in a def's body
// builds (the def's symbol of its name), or nil.
func (c *Checker) localClass(f *ast.FunctionDef, x *ast.ClassDef) *types.Class {
	sym := c.p.ScopeNames(c.m.Name, f)[x.Name]
	if sym == nil || sym.Kind != semanal.Class || sym.Def != x {
		return nil
	}
	return c.p.Class(c.m.Name, sym)
}

// decoratorCalls checks the decorators that are calls (`@dec(args)`) in
// the scope around the def or class, as mypy checks every decorator: the
// arguments against what is called.
func (c *Checker) decoratorCalls(decorators []ast.Expr) {
	for _, d := range decorators {
		if call, ok := d.(*ast.Call); ok {
			c.expr(call)
		}
	}
}

// checkDecoratorArguments reports a decorator that does not take what it
// decorates, as mypy checks each decorator's call on the def: `Argument 1
// to "deca" has incompatible type "Callable[[int], int]"; expected
// "Callable[[str], str]"` at the decorator. It follows decorated, the
// innermost decorator first, and stops at the first it does not apply
// exactly; a generic decorator as the call instantiates it (else only
// the parameters that do not mention its type variables), and only
// parameters typed by a callable (a protocol's or another class's fit is
// not judged).
func (c *Checker) checkDecoratorArguments(def *ast.FunctionDef, sig *types.Callable) {
	if !c.checked() || !sig.Decorated {
		return
	}
	plain := *sig
	plain.Decorated = false // (what the innermost decorator is given)
	var t types.Type = &plain
	called, _ := calledDecorators(def)
	for _, d := range called {
		if c.untypedDecorator(d) {
			return
		}
		f, ok := c.exprQuiet(d).(*types.Callable)
		if !ok || f.TypeObject != nil || f.Decorated || f.IsEllipsis {
			return
		}
		f = generalized(f)
		params := f
		actuals := []actual{{kind: actualPos, expr: d, t: t}}
		if len(f.TypeVars) > 0 {
			// The decorator as the call instantiates it, else the
			// parameters that do not mention its type variables.
			if inst, ok := c.instantiate(f, actuals, nil, false); ok {
				params = inst
			} else {
				params = concreteParams(f)
			}
		}
		m := mapActuals(actuals, params)
		for fi, p := range params.Params {
			if _, callable := p.Type.(*types.Callable); !callable {
				m[fi] = nil
			}
		}
		c.checkArgumentTypes(params, actuals, m)
		t = c.callResult(f, positional(t))
		if next, ok := t.(*types.Callable); !ok || hasAnyTypeVar(next) {
			return
		}
	}
}

// accessorDecorator reports a property's setter or deleter
// (`@x.setter`), which may have an empty body.
func accessorDecorator(f *ast.FunctionDef) bool {
	for _, d := range f.DecoratorList {
		if a, ok := d.(*ast.Attribute); ok && (a.Attr == "setter" || a.Attr == "deleter") {
			return true
		}
	}
	return false
}

// mayswallow reports a context manager whose __exit__ returns bool: it
// may swallow the exceptions of its body, so code after the with may run
// although the body always leaves (mypy's heuristic).
func (c *Checker) mayswallow(ctx types.Type, async bool) bool {
	exit := "__exit__"
	if async {
		exit = "__aexit__"
	}
	if _, isAny := ctx.(*types.Any); isAny || c.lacksMethod(ctx, exit) {
		return false
	}
	ret := c.callResult(c.member(ctx, exit), positional(anyT(), anyT(), anyT()))
	if async {
		ret = c.awaited(ret)
	}
	switch r := ret.(type) {
	case *types.Instance:
		return r.Class.FullName == "builtins.bool" && c.strictOptional
	case *types.Literal:
		return r.Value.Kind == types.LitBool && r.Value.Bool
	}
	return false
}

// returnType is a frame's checked return type, or nil.
func (f *frame) returnType() types.Type {
	if f == nil {
		return nil
	}
	return f.ret
}

// noTypeCheck reports a def decorated with typing.no_type_check, whose body
// mypy does not check.
func noTypeCheck(f *ast.FunctionDef) bool {
	for _, d := range f.DecoratorList {
		if n := ast.DottedName(d); n == "no_type_check" || strings.HasSuffix(n, ".no_type_check") {
			return true
		}
	}
	return false
}

// checkNewSignature reports a __new__ that does not return an instance of
// its class, as mypy does (a metaclass's __new__ makes other classes: not
// judged).
func (c *Checker) checkNewSignature(f *ast.FunctionDef, cls *types.Class, sig *types.Callable) {
	for _, k := range cls.MRO {
		if k.FullName == "builtins.type" {
			return
		}
	}
	self := &types.Instance{Class: cls, Args: anyArgs(len(cls.TypeParams))}
	ret := bindNewClass(sig, self).Ret
	o := c.formatOptions()
	switch ret.(type) {
	case *types.Any, *types.Instance, *types.Tuple, *types.Never, *types.Literal:
	default:
		c.report(f.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.NewMustReturnAClassInstance, types.Format(ret, o)))
		return
	}
	if judgeable(ret, true) && !c.isSubtype(ret, self) {
		got, want := types.FormatPair(ret, self, o)
		c.report(f.Pos(), diag.Error, diag.CodeMisc,
			fmt.Sprintf(diag.IncompatibleNewReturn, got, want))
	}
}
