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

// noOverrideCheck are the methods mypy does not check against their
// bases.
var noOverrideCheck = map[string]bool{"__init__": true, "__new__": true, "__init_subclass__": true, "__post_init__": true}

// plainDecorators leave a method's signature as written.
var plainDecorators = map[string]bool{"override": true, "typing.override": true, "typing_extensions.override": true,
	"final": true, "typing.final": true, "typing_extensions.final": true, "abstractmethod": true, "abc.abstractmethod": true,
	"staticmethod": true, "classmethod": true}

// checkOverride reports a method whose signature does not fit the one of
// the nearest base defining the name, in the case mypy details: both plain
// signatures with as many parameters, as many of them required. An
// argument of the base's type the override does not take is "Argument N
// of "f" is incompatible with supertype "A"; ..." (with mypy's notes), a
// result the base's does not accept "Return type ... incompatible with
// return type ... in supertype ..." ([override]). Where either method is
// overloaded, checkOverloadOverride judges. Signatures this checker does
// not compare exactly (generic, decorated, async) are not judged.
func (c *Checker) checkOverride(f *ast.FunctionDef, cls *types.Class, sig *types.Callable) {
	name := f.Name
	if cls != nil && c.checked() && f.Returns != nil {
		if own := cls.Members[name]; own != nil && own.IsProperty {
			if getter, _ := c.p.PropertyDefs(own); getter == f {
				c.checkPropertyOverride(f, cls, own, sig)
			}
			return
		}
	}
	if cls == nil || !c.checked() || f.IsAsync || noOverrideCheck[name] ||
		strings.HasPrefix(name, "__") && !strings.HasSuffix(name, "__") {
		return
	}
	own := cls.Members[name]
	if own == nil || own.IsProperty || own.Async {
		return
	}
	if c.checkOverloadOverride(f, cls, own) || !f.IsAnnotated() || !onlyPlainDecorators(f.DecoratorList) {
		return
	}
	if _, single := own.TypeOf().(*types.Callable); !single {
		return // overloaded
	}
	base, bm := nearestBase(cls, name)
	if base != nil && !bm.IsMethod && !bm.IsProperty && !bm.NestedClass && knownMembers(base) {
		c.checkMethodOverVariable(f, cls, base, bm, sig)
		return
	}
	if base == nil || !bm.IsMethod || bm.IsProperty || bm.Async || !knownMembers(base) {
		return
	}
	orig, ok := bm.TypeOf().(*types.Callable)
	if !ok || orig.Static != sig.Static || orig.ClassMethod != sig.ClassMethod || orig.Implicit {
		return
	}
	if def, decorated := c.p.DecoratedDef(bm); decorated && !onlyPlainDecorators(def.DecoratorList) {
		return
	}
	if len(base.TypeParams) > 0 {
		view := types.MapToSuper(ownInstance(cls), base)
		if view == nil {
			return
		}
		orig = types.Subst(orig, types.Bindings(view)).(*types.Callable)
	}
	// Self types (`self: S` or Self) are the overriding class's, in both
	// (mypy's bind_self).
	self := ownInstance(cls)
	orig, _ = c.bindSelf(orig, self, false).(*types.Callable)
	sig, _ = c.bindSelf(sig, self, false).(*types.Callable)
	if orig == nil || sig == nil || len(sig.TypeVars) > 0 || len(orig.TypeVars) > 0 {
		return
	}
	bound := 1
	if sig.Static {
		bound = 0
	}
	if len(sig.Params) < bound || len(orig.Params) < bound {
		return
	}
	sub, super := sig.Params[bound:], orig.Params[bound:]
	for _, p := range append(append([]types.Param(nil), sub...), super...) {
		if !comparable(p.Type) {
			return
		}
	}
	if !comparable(sig.Ret) || !comparable(orig.Ret) {
		return
	}
	supertype := c.supertypeName(base)
	boundSig, boundOrig := withParams(sig, sub), withParams(orig, super)
	if types.IsSubtype(boundSig, positionalUnnamed(boundOrig)) {
		return
	}
	if len(sub) != len(super) || required(sub) != required(super) {
		c.signatureIncompatible(f, supertype, boundSig, boundOrig)
		return
	}
	emitted := false
	args := f.Args.All()
	for i := range sub {
		a, b := sub[i], super[i]
		positional := func(k types.ParamKind) bool { return k == types.ArgPos || k == types.ArgOpt }
		if !positional(a.Kind) || !positional(b.Kind) {
			continue
		}
		if types.IsSubtype(b.Type, a.Type) {
			continue
		}
		emitted = true
		at := ast.Node(f)
		if i+bound < len(args) && len(f.DecoratorList) == 0 {
			at = args[i+bound]
		}
		first := len(c.out)
		c.report(at.Pos(), diag.Error, diag.CodeOverride, fmt.Sprintf(diag.IncompatibleOverrideArgument, i+1, name, supertype, types.Format(b.Type, c.formatOptions())))
		c.report(at.Pos(), diag.Note, diag.CodeOverride, diag.LiskovNote)
		c.report(at.Pos(), diag.Note, diag.CodeOverride,
			diag.IncompatibleOverridesLink)
		if name == "__eq__" {
			for _, line := range []string{
				diag.EqArbitraryObjectsNote,
				`    def __eq__(self, other: object) -> bool:`,
				`        if not isinstance(other, ` + cls.Name + `):`,
				`            return NotImplemented`,
				`        return <logic to compare two ` + cls.Name + ` instances>`,
			} {
				c.report(at.Pos(), diag.Note, diag.CodeOverride, line)
			}
		}
		for j := first; j < len(c.out); j++ {
			c.out[j].IgnoreFrom = int(f.Lineno) // an ignore on the def's line counts
		}
	}
	if !types.IsSubtype(sig.Ret, orig.Ret) {
		got, want := types.FormatPair(sig.Ret, orig.Ret, c.formatOptions())
		c.report(f.Pos(), diag.Error, diag.CodeOverride, fmt.Sprintf(diag.IncompatibleOverrideReturn, got, name, want, supertype))
		emitted = true
	}
	if !emitted {
		c.signatureIncompatible(f, supertype, boundSig, boundOrig)
	}
}

// checkMethodOverVariable reports a method overriding a base's variable
// declared of a type the bound method is not (`foo: int` overridden by
// `def foo(self) -> int`), with mypy's notes: the variable's type, the
// method's signature. A variable of a callable type, or of Any, is not
// judged here.
func (c *Checker) checkMethodOverVariable(f *ast.FunctionDef, cls, base *types.Class, bm *types.Member, sig *types.Callable) {
	declared := bm.TypeOf()
	switch declared.(type) {
	case *types.Instance, *types.Union, *types.Tuple, *types.NoneType, *types.Literal:
	default:
		return // inferred (nil), Any, callables, type variables...
	}
	if !comparable(declared) || len(base.TypeParams) > 0 || sig.Static || sig.ClassMethod {
		return
	}
	if types.IsSubtype(bind(sig), declared) {
		return
	}
	c.incompatibleWithSupertype(f, c.supertypeName(base), types.Format(declared, c.formatOptions()),
		c.prettyVariant(withParams(sig, sig.Params[min(1, len(sig.Params)):])))
}

// supertypeName is how an override's message names a base class: by its
// name in its own module, else by its full name.
func (c *Checker) supertypeName(base *types.Class) string {
	if base.Module == c.m.Name {
		return base.Name
	}
	return base.FullName
}

// incompatibleWithSupertype is mypy's message for an override of f whose
// type the base's does not accept, with both written as notes.
func (c *Checker) incompatibleWithSupertype(f *ast.FunctionDef, supertype, super, sub string) {
	c.report(f.Pos(), diag.Error, diag.CodeOverride, fmt.Sprintf(diag.IncompatibleOverrideSignature, f.Name, supertype))
	c.report(f.Pos(), diag.Note, diag.CodeOverride, "     Superclass:")
	c.report(f.Pos(), diag.Note, diag.CodeOverride, "         "+super)
	c.report(f.Pos(), diag.Note, diag.CodeOverride, "     Subclass:")
	c.report(f.Pos(), diag.Note, diag.CodeOverride, "         "+sub)
}

// signatureIncompatible is mypy's message for an override its base's
// signature does not accept, with both signatures in notes.
func (c *Checker) signatureIncompatible(f *ast.FunctionDef, supertype string, sub, super *types.Callable) {
	c.incompatibleWithSupertype(f, supertype, c.prettyVariant(super), c.prettyVariant(sub))
}

// withParams is a method's signature with the given parameters (those
// after self or cls).
func withParams(f *types.Callable, params []types.Param) *types.Callable {
	out := *f
	out.Params = params
	return &out
}

// positionalUnnamed is a base's signature whose positional parameters'
// names do not count (mypy compares overrides ignoring them; a keyword-only
// parameter's name still does).
func positionalUnnamed(f *types.Callable) *types.Callable {
	out := *f
	out.Params = make([]types.Param, len(f.Params))
	for i, p := range f.Params {
		if p.Kind == types.ArgPos || p.Kind == types.ArgOpt {
			p.Name, p.PosOnly = "", true
		}
		out.Params[i] = p
	}
	return &out
}

// onlyPlainDecorators reports decorators that leave a method's signature
// as written (none at all included).
func onlyPlainDecorators(decorators []ast.Expr) bool {
	for _, d := range decorators {
		if !plainDecorators[ast.DottedName(d)] {
			return false
		}
	}
	return true
}

// required counts the parameters a call must give.
func required(ps []types.Param) int {
	n := 0
	for _, p := range ps {
		if p.Kind == types.ArgPos || p.Kind == types.ArgNamed {
			n++
		}
	}
	return n
}

// comparable reports a type whose relations this checker models fully,
// without type variables.
func comparable(t types.Type) bool {
	return judgeable(t, false) && !hasTypeVars(t)
}

// ownInstance is a class's instance over its own type parameters.
func ownInstance(cls *types.Class) *types.Instance {
	inst := &types.Instance{Class: cls}
	for _, tv := range cls.TypeParams {
		inst.Args = append(inst.Args, tv)
	}
	return inst
}

// incompatibleOverrideNames may be redefined with any type (mypy's
// allow_incompatible_override).
var incompatibleOverrideNames = map[string]bool{"__slots__": true, "__deletable__": true, "__match_args__": true}

// checkAttributeOverride reports a class-body variable whose type (its
// annotation's, or the value's when the class does not annotate it) the
// nearest base defining the name does not accept: "Incompatible types in
// assignment (expression has type "X", base class "A" defined the type as
// "Y")", as mypy's check_compatibility_all_supers.
func (c *Checker) checkAttributeOverride(s ast.Stmt, cls *types.Class, name string, value ast.Expr, annotation ast.Expr) {
	if cls == nil || !c.checked() || incompatibleOverrideNames[name] || !judgeableClass(cls) ||
		strings.HasPrefix(name, "__") && !strings.HasSuffix(name, "__") {
		return
	}
	var base *types.Class
	for _, k := range cls.MRO[1:] {
		if k.Members[name] != nil {
			base = k
			break
		}
	}
	if base == nil || !knownMembers(base) || !judgeableClass(base) {
		return
	}
	view := types.MapToSuper(ownInstance(cls), base)
	if view == nil {
		return
	}
	baseType := c.member(view, name)
	if !comparable(baseType) {
		return
	}
	if _, isNone := baseType.(*types.NoneType); isNone && c.isImplicit(base.Members[name]) {
		// `x = None` in the base's body: with local partial types (mypy
		// 2's default) mypy asks for its annotation there and takes it as
		// Any after.
		return
	}
	var t types.Type
	if annotation != nil {
		t = c.p.AnnotationType(c.m.Name, annotation)
		if !comparable(t) || c.isSubtype(t, baseType) {
			return
		}
	} else {
		if k, ok := value.(*ast.Constant); ok && k.Value.Kind == ast.NoneValue {
			return // `__hash__ = None` and the like
		}
		c.quietly(func() { t = c.exprWith(value, expectation{want: baseType}) })
		if c.fits(value, t, baseType) {
			return
		}
	}
	if mentionsCallable(t) {
		return // (function values, with forms like Unpack not modelled, are not judged)
	}
	got, want := types.FormatPair(widen(t), baseType, c.formatOptions())
	c.report(s.Pos(), diag.Error, diag.CodeAssignment, fmt.Sprintf(diag.IncompatibleBaseAssignment, got, base.Name, want))
}

// annotatedInClass reports whether a class body annotates a name (its
// assignments are then checked against that annotation, which is itself
// checked against the bases).
func (c *Checker) annotatedInClass(f *frame, name string) bool {
	for _, st := range f.body {
		if a, ok := st.(*ast.AnnAssign); ok {
			if n, ok := a.Target.(*ast.Name); ok && n.ID == name {
				return true
			}
		}
	}
	return false
}

// mentionsCallable reports a type with a callable in it.
func mentionsCallable(t types.Type) bool {
	return types.Contains(t, func(x types.Type) bool {
		switch x.(type) {
		case *types.Callable, *types.Overloaded:
			return true
		}
		return false
	})
}

// isClassVar reports whether a class (or the nearest base declaring it)
// declares name ClassVar; unannotated variables do not declare it.
func (c *Checker) isClassVar(cls *types.Class, name string) bool {
	for _, k := range cls.MRO {
		m := k.Members[name]
		if m == nil || c.isImplicit(m) && !m.ClassVar {
			continue // (an unannotated variable is a class variable where a base declares one)
		}
		return m.ClassVar
	}
	return false
}

// checkClassVarOverride reports a class-body declaration (annotation or
// type comment) that makes a ClassVar of a base an instance variable or
// the other way round, against the first base that declares the name so.
func (c *Checker) checkClassVarOverride(s ast.Stmt, cls *types.Class, name string, annotation ast.Expr) {
	if cls == nil || !c.checked() {
		return
	}
	own := semanal.IsClassVarAnnotation(annotation)
	for _, base := range cls.MRO[1:] {
		m := base.Members[name]
		if m == nil || m.IsMethod || c.isImplicit(m) {
			continue
		}
		switch {
		case own && !m.ClassVar:
			c.report(s.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.InstanceVarOverriddenByClassVar, base.Name))
			return
		case !own && m.ClassVar:
			c.report(s.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ClassVarOverriddenByInstanceVar, base.Name))
			return
		}
	}
}

// checkPropertyOverride reports a read-only property whose type does not
// fit what the nearest base defining the name gives, where mypy allows a
// covariant override: a base's read-only property, or a frozen attrs
// field ("Signature of "name" incompatible with supertype "A"", with the
// two types in notes). sig is the getter's signature. Settable
// properties and writable attributes are not judged.
func (c *Checker) checkPropertyOverride(f *ast.FunctionDef, cls *types.Class, own *types.Member, sig *types.Callable) {
	if own.Settable || !onlyPlainDecorators(withoutProperty(f.DecoratorList)) {
		return
	}
	base, bm := nearestBase(cls, f.Name)
	if base == nil || !knownMembers(base) {
		return
	}
	var orig types.Type
	switch {
	case bm.IsProperty && !bm.Settable:
		getter, ok := bm.TypeOf().(*types.Callable)
		if !ok {
			return
		}
		if def, _ := c.p.PropertyDefs(bm); def == nil || !onlyPlainDecorators(withoutProperty(def.DecoratorList)) {
			return
		}
		orig = getter.Ret
	case !bm.IsMethod && bm.ReadOnly && bm.Type != nil:
		orig = bm.Type // a frozen attrs field
	default:
		return
	}
	if len(base.TypeParams) > 0 {
		view := types.MapToSuper(ownInstance(cls), base)
		if view == nil {
			return
		}
		orig = types.Subst(orig, types.Bindings(view))
	}
	typ := sig.Ret
	if !comparable(typ) || !comparable(orig) || isAnyType(typ) || isAnyType(orig) || types.IsSubtype(typ, orig) {
		return
	}
	c.incompatibleWithSupertype(f, c.supertypeName(base), types.Format(orig, c.formatOptions()), types.Format(typ, c.formatOptions()))
}

// withoutProperty is a def's decorators but @property.
func withoutProperty(decorators []ast.Expr) []ast.Expr {
	var out []ast.Expr
	for _, d := range decorators {
		if name := ast.DottedName(d); name != "property" && name != "builtins.property" {
			out = append(out, d)
		}
	}
	return out
}

// forwardOperators are the operator methods with a reflected counterpart
// (mypy's reverse_op_methods), whose overloaded overrides may not take
// more kinds of operands than the base's.
var forwardOperators = map[string]bool{"__add__": true, "__sub__": true, "__mul__": true, "__truediv__": true,
	"__mod__": true, "__divmod__": true, "__floordiv__": true, "__pow__": true, "__matmul__": true, "__and__": true,
	"__or__": true, "__xor__": true, "__lshift__": true, "__rshift__": true, "__eq__": true, "__ne__": true,
	"__lt__": true, "__ge__": true, "__gt__": true, "__le__": true}

// checkOverloadOverride is checkOverride where the method, or the one it
// overrides in the nearest base defining it, is overloaded; it reports
// whether that is so (the check is then done). As mypy does, the
// override's signature must be a subtype of the base's (positional names
// ignored; an overload's variants matched in order), a class or static
// method be overridden by one, and an overloaded operator method take no
// operand the base's does not. The message is "Signature of "f"
// incompatible with supertype "A"" with both signatures in notes, or,
// where each base variant has a match out of order, "Overload variants
// must be defined in the same order as they are in "A"". Generic,
// unannotated and otherwise decorated variants are not judged.
func (c *Checker) checkOverloadOverride(f *ast.FunctionDef, cls *types.Class, own *types.Member) bool {
	base, bm := nearestBase(cls, f.Name)
	if base == nil {
		_, overloaded := own.TypeOf().(*types.Overloaded)
		return overloaded
	}
	override, original := own.TypeOf(), bm.TypeOf()
	_, ownOverloaded := override.(*types.Overloaded)
	_, baseOverloaded := original.(*types.Overloaded)
	if !ownOverloaded && !baseOverloaded {
		return false
	}
	if !bm.IsMethod || bm.IsProperty || bm.Async || !knownMembers(base) ||
		!ownOverloaded && (!f.IsAnnotated() || !onlyPlainDecorators(f.DecoratorList)) {
		return true
	}
	if def, decorated := c.p.DecoratedDef(bm); decorated && !baseOverloaded && !onlyPlainDecorators(def.DecoratorList) {
		return true
	}
	if len(base.TypeParams) > 0 {
		view := types.MapToSuper(ownInstance(cls), base)
		if view == nil {
			return true
		}
		original = types.Subst(original, types.Bindings(view))
	}
	self := ownInstance(cls)
	override, original = c.bindSelf(override, self, false), c.bindSelf(original, self, false)
	overrideItems, originalItems := signatureItems(override), signatureItems(original)
	for _, it := range append(slices.Clone(overrideItems), originalItems...) {
		if it == nil || len(it.TypeVars) > 0 || it.Decorated || it.Implicit || it.IsEllipsis || !it.Static && len(it.Params) == 0 {
			return true
		}
		for _, p := range it.Params {
			if !comparable(p.Type) {
				return true
			}
		}
		if !comparable(it.Ret) {
			return true
		}
	}
	boundOverride, boundOriginal := boundSignature(overrideItems), boundSignature(originalItems)
	classOrStatic := func(items []*types.Callable) bool { return items[0].Static || items[0].ClassMethod }
	fail := !types.FitsOverride(boundOverride, boundOriginal) ||
		classOrStatic(originalItems) && !classOrStatic(overrideItems)
	wider := false
	if !fail && ownOverloaded && forwardOperators[f.Name] {
		originalDomain, overrideDomain := operandDomain(boundOriginal), operandDomain(boundOverride)
		if originalDomain != nil && overrideDomain != nil && !types.IsSubtype(overrideDomain, originalDomain) {
			fail, wider = true, true
		}
	}
	if !fail {
		return true
	}
	supertype := c.supertypeName(base)
	at := overloadPos(f)
	c.report(at, diag.Error, diag.CodeOverride, fmt.Sprintf(diag.IncompatibleOverrideSignature, f.Name, supertype))
	first := len(c.out)
	defer func() {
		for i := first; i < len(c.out); i++ {
			c.out[i].Repeatable = true // the signatures' lines may repeat
		}
	}()
	if subOver, ok := boundOverride.(*types.Overloaded); ok && variantsOutOfOrder(subOver, boundOriginal) {
		c.report(at, diag.Note, diag.CodeOverride, fmt.Sprintf(diag.OverloadOrderDiffers, supertype))
	} else {
		c.report(at, diag.Note, diag.CodeOverride, "     Superclass:")
		for _, line := range c.prettyMethodSignature(originalItems, baseOverloaded) {
			c.report(at, diag.Note, diag.CodeOverride, "         "+line)
		}
		c.report(at, diag.Note, diag.CodeOverride, "     Subclass:")
		for _, line := range c.prettyMethodSignature(overrideItems, ownOverloaded) {
			c.report(at, diag.Note, diag.CodeOverride, "         "+line)
		}
	}
	if wider {
		c.report(at, diag.Note, diag.CodeOverride, diag.OperatorOverloadWiderArgs)
	}
	return true
}

// signatureItems are a method's signatures: an overload's variants, or
// the one; nil where it is neither.
func signatureItems(t types.Type) []*types.Callable {
	switch x := t.(type) {
	case *types.Callable:
		return []*types.Callable{x}
	case *types.Overloaded:
		return x.Items
	}
	return []*types.Callable{nil}
}

// boundSignature is a method's signature as called on an instance or the
// class: each item without its self or cls parameter (a static method's
// as it is); an overload for several items.
func boundSignature(items []*types.Callable) types.Type {
	bound := make([]*types.Callable, len(items))
	for i, it := range items {
		bound[i] = it
		if !it.Static {
			bound[i] = withParams(it, it.Params[1:])
		}
	}
	if len(bound) == 1 {
		return bound[0]
	}
	return &types.Overloaded{Items: bound}
}

// operandDomain is the union of the operand types a bound operator
// method's variants take first (mypy's get_op_other_domain), or nil.
func operandDomain(t types.Type) types.Type {
	var domain []types.Type
	for _, it := range signatureItems(t) {
		if len(it.Params) > 0 && it.Params[0].Kind == types.ArgPos {
			domain = append(domain, it.Params[0].Type)
		}
	}
	if len(domain) == 0 {
		return nil
	}
	return types.SimplifiedUnion(domain...)
}

// variantsOutOfOrder reports an overload whose variants each fit one of
// the base's overload's, but not in the base's order.
func variantsOutOfOrder(override *types.Overloaded, original types.Type) bool {
	orig, ok := original.(*types.Overloaded)
	if !ok {
		return false
	}
	var order []int
	for _, child := range override.Items {
		for i, parent := range orig.Items {
			if types.IsSubtype(child, parent) {
				order = append(order, i)
				break
			}
		}
	}
	return len(order) == len(orig.Items) && !slices.IsSorted(order)
}

// prettyMethodSignature is how mypy's notes show a method's signature: each
// variant of an overload after "@overload", a class or static method's
// after its decorator, with the method's first parameter named as
// written.
func (c *Checker) prettyMethodSignature(items []*types.Callable, overloaded bool) []string {
	var lines []string
	for _, it := range items {
		if overloaded {
			lines = append(lines, "@overload")
		}
		switch {
		case it.Static:
			lines = append(lines, "@staticmethod")
		case it.ClassMethod:
			lines = append(lines, "@classmethod")
		}
		if it.Static {
			lines = append(lines, c.prettyVariantFirst(it, ""))
			continue
		}
		lines = append(lines, c.prettyVariantFirst(withParams(it, it.Params[1:]), it.Params[0].Name))
	}
	return lines
}

// nearestBase is the first class after cls in its MRO that defines name,
// with that member; nil when none does.
func nearestBase(cls *types.Class, name string) (*types.Class, *types.Member) {
	for _, k := range cls.MRO[1:] {
		if m := k.Members[name]; m != nil {
			return k, m
		}
	}
	return nil, nil
}
