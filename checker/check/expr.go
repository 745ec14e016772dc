package check

import (
	"slices"
	"strings"
	"typd/checker/diag"
	"typd/checker/reach"

	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

func anyT() types.Type { return &types.Any{Reason: types.AnySpecialForm} }

// expr infers the type of an expression (Any where inference is not done
// yet) and answers the reveal_type calls inside it.
func (c *Checker) expr(e ast.Expr) types.Type {
	t := c.exprType(e)
	if c.recorded != nil && e != nil {
		// The walk's own evaluation wins over quiet ones.
		if _, seen := c.recorded[e]; !seen || c.quiet == 0 {
			c.recorded[e] = t
		}
	}
	return t
}

// exprType infers an expression's type (expr without the recording).
func (c *Checker) exprType(e ast.Expr) types.Type {
	expected, loosely := c.expected, c.expectedLoosely
	c.expected, c.expectedLoosely = nil, false
	switch x := e.(type) {
	case nil:
		return anyT()
	case *ast.Constant:
		return c.constant(x)
	case *ast.Name:
		return c.nameExpr(x)
	case *ast.Call:
		return c.callExpr(x, expected, loosely)
	case *ast.Attribute:
		return c.attribute(x)
	case *ast.Tuple:
		return c.tupleExpr(x)
	case *ast.Compare:
		return c.compare(x)
	case *ast.UnaryOp:
		return c.unaryOp(x)
	case *ast.BinOp:
		return c.binOp(x)
	case *ast.BoolOp:
		return c.boolOp(x, expected)
	case *ast.Subscript:
		return c.subscript(x)
	case *ast.IfExp:
		return c.ifExp(x)
	case *ast.Slice:
		return c.sliceExpr(x)
	case *ast.List:
		if t, ok := c.listInContext(x, expected); ok {
			return t
		}
		return c.display("list", x.Elts)
	case *ast.Set:
		return c.display("set", x.Elts)
	case *ast.Dict:
		return c.dictExpr(x, expected)
	case *ast.JoinedStr:
		return c.joinedStr(x)
	case *ast.Yield:
		return c.yieldValue(x)
	case *ast.ListComp:
		return c.comprehensionInContext(x.Generators, x.Elt, "list", expected)
	case *ast.SetComp:
		return c.comprehensionInContext(x.Generators, x.Elt, "set", expected)
	case *ast.DictComp:
		return c.dictComprehension(x, expected)
	case *ast.GeneratorExp:
		return c.comprehensionInContext(x.Generators, x.Elt, "generator", expected)
	case *ast.Lambda:
		return c.lambda(x)
	}
	return c.unboundExpr(e)
}

// nameExpr reads a name, reporting a deleted variable read.
func (c *Checker) nameExpr(x *ast.Name) types.Type {
	t := c.name(x.ID)
	if a, ok := t.(*types.Any); ok && a.Reason == types.AnyDeleted {
		if c.checked() {
			c.report(&x.Span, diag.Error, diag.CodeMisc, `Trying to read deleted variable "`+x.ID+`"`)
		}
		return anyT()
	}
	return t
}

// callExpr infers and checks a call (expected is the type its context expects).
func (c *Checker) callExpr(x *ast.Call, expected types.Type, loosely bool) types.Type {
	if n, ok := x.Func.(*ast.Name); ok && n.ID == "reveal_type" {
		c.reveal(x)
		return anyT()
	}
	if t, ok := c.specialCall(x); ok {
		return t
	}
	if a, ok := x.Func.(*ast.Attribute); ok && completingMethods[a.Attr] {
		if n, ok := a.Value.(*ast.Name); ok {
			c.partialReceiver = n.ID // x.append(...) completes x, not reads it
		}
	}
	callee := c.expr(x.Func)
	c.partialReceiver = ""
	if c.calleeOf == nil {
		c.calleeOf = map[*ast.Call]types.Type{}
	}
	c.calleeOf[x] = callee
	if tt, ok := callee.(*types.TypeType); ok {
		// Calling a type[C] (a nested class read from its outer
		// class, a variable) calls C's constructor, as in mypy.
		if inst, ok := tt.Item.(*types.Instance); ok && len(inst.Class.TypeParams) == 0 {
			callee = constructor(inst.Class)
		}
	}
	contexts := c.argContexts(x, callee)
	args := []types.Type{}
	for i, a := range x.Args {
		if s, ok := a.(*ast.Starred); ok {
			a = s.Value // the iterable itself: its items are the arguments
		}
		args = append(args, c.exprExpecting(a, contexts[i]))
	}
	var kwargs []types.Type
	for i, k := range x.Keywords {
		kwargs = append(kwargs, c.exprExpecting(k.Value, contexts[len(x.Args)+i]))
	}
	if a, ok := x.Func.(*ast.Attribute); ok {
		if n, ok := a.Value.(*ast.Name); ok && len(x.Keywords) == 0 {
			c.completePartial(n.ID, a.Attr, args)
		}
	}
	if f, ok := callee.(*types.Callable); ok && f.Implicit && f.TypeObject == nil && c.settings.DisallowUntypedCalls && c.checked() {
		c.report(&x.Span, diag.Error, diag.CodeNoUntypedCall, `Call to untyped function "`+f.Name+`" in typed context`)
	}
	c.checkCallable(x, callee)
	if f, ok := callee.(*types.Callable); ok && len(f.TypeVars) > 0 && f.TypeObject == nil {
		// A generic function: its type variables inferred from the
		// expected type and the arguments.
		actuals := actualsOf(x, args, kwargs)
		if inst, ok := c.instantiate(f, actuals, expected, loosely); ok {
			c.checkCall(x, inst, args, kwargs)
			c.checkReturnsValue(x, callee) // None inferred for a variable is fine
			return inst.Ret
		}
		return c.callResult(callee, actuals)
	}
	if u, ok := callee.(*types.Union); ok {
		c.checkUnionCall(x, u, args, kwargs)
	}
	c.checkCall(x, callee, args, kwargs)
	c.checkReturnsValue(x, callee)
	return c.callResult(callee, actualsOf(x, args, kwargs))
}

// tupleExpr infers a tuple display.
func (c *Checker) tupleExpr(x *ast.Tuple) types.Type {
	tup := &types.Tuple{}
	for _, el := range x.Elts {
		tup.Items = append(tup.Items, c.expr(el))
	}
	if inst, ok := c.builtinInstance("tuple", anyT()).(*types.Instance); ok {
		tup.Fallback = inst
	}
	return tup
}

// compare infers and checks a comparison chain.
func (c *Checker) compare(x *ast.Compare) types.Type {
	prev, prevExpr := widen(c.expr(x.Left)), x.Left
	var results []types.Type
	for i, r := range x.Comparators {
		if n, ok := r.(*ast.Name); ok && (x.Ops[i] == ast.In || x.Ops[i] == ast.NotIn) {
			c.partialReceiver = n.ID // `k in d` leaves a partial d open, as in mypy
		}
		t := widen(c.expr(r))
		c.partialReceiver = ""
		if x.Ops[i] == ast.In || x.Ops[i] == ast.NotIn {
			c.checkContainer(x, r, t)
		}
		if m, ok := comparisonMethods[x.Ops[i]]; ok {
			c.checkOperator(&x.Span, m[0], m[1], m[2], prevExpr, r, prev, t)
		}
		results = append(results, c.comparisonResult(x.Ops[i], prev, t))
		prev, prevExpr = t, r
	}
	return types.SimplifiedUnion(results...)
}

// unaryOp infers a unary operation.
func (c *Checker) unaryOp(x *ast.UnaryOp) types.Type {
	t := c.expr(x.Operand)
	if x.Op == ast.Not {
		return c.builtinInstance("bool")
	}
	return widen(t)
}

// boolOp infers `a and b` and `a or b`.
func (c *Checker) boolOp(x *ast.BoolOp, expected types.Type) types.Type {
	// Each operand runs only when the ones before it were true (and)
	// or false (or): it is checked under that narrowing, or not at
	// all when that cannot happen.
	vars := c.scopeVars()
	before := vars.narrowed.fork()
	var ts []types.Type
	for i, v := range x.Values {
		if i > 0 {
			// A platform or version check that decides the chain leaves
			// the rest unchecked, as mypy's reachability does.
			if r := c.reach.Infer(x.Values[i-1]); x.Op == ast.And && reach.IsFalse(r) || x.Op == ast.Or && reach.IsTrue(r) {
				break
			}
			ifTrue, ifFalse := c.condition(x.Values[i-1])
			side := ifTrue
			if x.Op == ast.Or {
				side = ifFalse
			}
			if unreachable(side) {
				break
			}
			c.apply(side)
		}
		// Each operand is inferred in the chain's context (a literal
		// stays one where a Literal is expected).
		t := c.exprExpecting(v, expected)
		if expected == nil {
			t = widen(t)
		}
		if i < len(x.Values)-1 {
			// A value that does not end the chain is there only when
			// falsy (and) or truthy (or).
			t = c.restrictTruth(t, x.Op == ast.Or)
			if t == nil {
				continue
			}
		}
		ts = append(ts, t)
	}
	vars.narrowed.drop(before)
	return types.SimplifiedUnion(ts...)
}

// subscript infers and checks an index or slice of a value, or specializes a generic class.
func (c *Checker) subscript(x *ast.Subscript) types.Type {
	if c.genericAlias(x.Value) {
		// A generic alias parameterized (`_V[_T]` in another alias's
		// value): a type, not an index.
		c.expr(x.Slice)
		return anyT()
	}
	base := c.expr(x.Value)
	if cls := typeObject(base); cls != nil && len(cls.TypeParams) > 0 {
		return c.specialize(base, cls, x.Slice)
	}
	idx := c.expr(x.Slice)
	if t, ok := c.narrowedExpr(x); ok {
		return t
	}
	switch base.(type) {
	case *types.Instance, *types.NoneType, *types.Literal:
		if c.checked() && c.certain(x.Value) && !c.partialNone(x.Value, base) && c.lacksMethod(base, "__getitem__") &&
			c.lacksMethod(base, "__class_getitem__") {
			c.report(&x.Span, diag.Error, diag.CodeIndex,
				`Value of type "`+types.Format(base, c.formatOptions())+`" is not indexable`)
		}
	}
	if tup, ok := base.(*types.Tuple); ok {
		if sl, ok := x.Slice.(*ast.Slice); ok {
			if items, ok := sliceItems(tup.Items, sl); ok {
				return c.tupleOf(items)
			}
		}
		if k, ok := x.Slice.(*ast.Constant); ok && k.Value.Kind == ast.IntValue && k.Value.Big == nil {
			if i := int(k.Value.Int); i >= -len(tup.Items) && i < len(tup.Items) {
				if i < 0 {
					i += len(tup.Items)
				}
				return tup.Items[i]
			}
		}
	}
	return c.callResult(c.member(base, "__getitem__"), positional(widen(idx)))
}

// genericAlias reports a name of a module-level type alias whose value is
// a parameterized type (`_V = Callable[[T], Any]`).
func (c *Checker) genericAlias(e ast.Expr) bool {
	dotted := ast.DottedName(e)
	if dotted == "" {
		return false
	}
	if first, _, _ := strings.Cut(dotted, "."); c.top() != nil {
		if _, local := c.scopeVars().lookup(first); local {
			return false
		}
	}
	t, ok := c.p.ResolveDotted(c.m.Name, dotted)
	if !ok || t.Sym == nil || !c.p.IsTypeAlias(t) {
		return false
	}
	sub, ok := t.Sym.Value.(*ast.Subscript)
	if !ok {
		return false
	}
	// Its value subscripts a class or one of typing's forms.
	head := ast.DottedName(sub.Value)
	h, ok := c.p.ResolveDotted(t.Owner, head)
	if !ok || h.Sym == nil {
		return false
	}
	return h.Sym.Kind == semanal.Class || h.Owner == "typing" || h.Owner == "typing_extensions" || h.Owner == "collections.abc"
}

// sliceItems are the items of a fixed-length tuple a slice with literal
// bounds takes (t[1:], t[:-1], t[::-1]), as Python's slice.indices
// computes them; ok is false for other slices.
func sliceItems(items []types.Type, sl *ast.Slice) ([]types.Type, bool) {
	bound := func(e ast.Expr) (int, bool, bool) {
		if e == nil {
			return 0, false, true
		}
		neg := false
		if u, ok := e.(*ast.UnaryOp); ok && u.Op == ast.USub {
			neg, e = true, u.Operand
		}
		k, ok := e.(*ast.Constant)
		if !ok || k.Value.Kind != ast.IntValue || k.Value.Big != nil || k.Value.Int > 1<<30 {
			return 0, false, false
		}
		if neg {
			return -int(k.Value.Int), true, true
		}
		return int(k.Value.Int), true, true
	}
	n := len(items)
	lo, hasLo, ok1 := bound(sl.Lower)
	hi, hasHi, ok2 := bound(sl.Upper)
	step, hasStep, ok3 := bound(sl.Step)
	if !ok1 || !ok2 || !ok3 || hasStep && step == 0 {
		return nil, false
	}
	if !hasStep {
		step = 1
	}
	clamp := func(i, low, high int) int { return max(low, min(i, high)) }
	norm := func(i int, has bool, def, low, high int) int {
		if !has {
			return def
		}
		if i < 0 {
			i += n
		}
		return clamp(i, low, high)
	}
	var out []types.Type
	if step > 0 {
		start, stop := norm(lo, hasLo, 0, 0, n), norm(hi, hasHi, n, 0, n)
		for i := start; i < stop; i += step {
			out = append(out, items[i])
		}
	} else {
		start, stop := norm(lo, hasLo, n-1, -1, n-1), norm(hi, hasHi, -1, -1, n-1)
		for i := start; i > stop; i += step {
			out = append(out, items[i])
		}
	}
	return out, true
}

// tupleOf is the plain tuple type of items.
func (c *Checker) tupleOf(items []types.Type) types.Type {
	tup := &types.Tuple{Items: items}
	if cls := c.p.ModuleClass("builtins", "tuple"); cls != nil {
		tup.Fallback = &types.Instance{Class: cls, Args: []types.Type{c.join(widenAll(items))}}
		if len(items) == 0 {
			tup.Fallback.Args = []types.Type{&types.Never{}}
		}
	}
	return tup
}

// ifExp infers a conditional expression, each arm under its condition's narrowing.
func (c *Checker) ifExp(x *ast.IfExp) types.Type {
	c.expr(x.Test)
	v := c.scopeVars()
	before := v.narrowed.fork()
	ifTrue, ifFalse := c.condition(x.Test)
	c.apply(ifTrue)
	a := c.expr(x.Body)
	v.narrowed.next(before)
	c.apply(ifFalse)
	b := c.expr(x.Orelse)
	v.narrowed.drop(before)
	return types.SimplifiedUnion(widen(a), widen(b))
}

// sliceExpr infers a slice.
func (c *Checker) sliceExpr(x *ast.Slice) types.Type {
	for _, part := range []ast.Expr{x.Lower, x.Upper, x.Step} {
		if part != nil {
			c.expr(part)
		}
	}
	return c.builtinInstance("slice")
}

// dictExpr infers a dict display (expected is the type its context expects).
func (c *Checker) dictExpr(x *ast.Dict, expected types.Type) types.Type {
	if t, ok := c.dictInContext(x, expected); ok {
		return t
	}
	var keys, values []types.Type
	for i, v := range x.Values {
		if x.Keys[i] == nil {
			c.expr(v)
			return c.builtinInstance("dict", anyT(), anyT())
		}
		keys = append(keys, widen(c.expr(x.Keys[i])))
		values = append(values, widen(c.expr(v)))
	}
	if len(keys) == 0 {
		return c.builtinInstance("dict", anyT(), anyT())
	}
	return c.builtinInstance("dict", c.join(keys), c.join(values))
}

// joinedStr infers an f-string.
func (c *Checker) joinedStr(x *ast.JoinedStr) types.Type {
	for _, v := range x.Values {
		if fv, ok := v.(*ast.FormattedValue); ok {
			c.expr(fv.Value)
			if fv.FormatSpec != nil {
				c.expr(fv.FormatSpec)
			}
		}
	}
	return c.builtinInstance("str")
}

// lambda checks a lambda's defaults and body (its parameters Any).
func (c *Checker) lambda(x *ast.Lambda) types.Type {
	for _, d := range x.Args.Defaults {
		c.expr(d)
	}
	for _, d := range x.Args.KwDefaults {
		if d != nil {
			c.expr(d)
		}
	}
	// The parameters are unannotated: Any in the body, whose value
	// may be None.
	fr := &frame{vars: newVars(), checked: c.checked(), noTypeCheck: c.top() != nil && c.top().noTypeCheck}
	for _, a := range x.Args.All() {
		fr.vars.declared[a.Arg] = &types.Any{Reason: types.AnyUnannotated}
	}
	c.frames = append(c.frames, fr)
	c.exprValueUnused(x.Body)
	c.frames = c.frames[:len(c.frames)-1]
	return anyT()
}

// unboundExpr still visits an expression's sub-expressions for the
// reveal_type calls they hold; the names they bind (lambda parameters,
// comprehension targets) are not known, so nothing is judged in there.
func (c *Checker) unboundExpr(e ast.Expr) types.Type {
	c.unbound++
	ast.SubExprs(e, func(sub ast.Expr) { c.expr(sub) })
	c.unbound--
	return anyT()
}

// comprehension walks a comprehension's generators in a scope of its own,
// where its targets are bound and its conditions narrow, then body. The
// first iterable is read in the enclosing scope, as Python does.
func (c *Checker) comprehension(gens []*ast.Comprehension, body func()) {
	fr := &frame{vars: newVars(), checked: c.checked(), comprehension: true,
		noTypeCheck: c.top() != nil && c.top().noTypeCheck}
	pushed := false
	for _, g := range gens {
		it := c.expr(g.Iter)
		if !pushed {
			c.frames = append(c.frames, fr)
			pushed = true
		}
		var item types.Type = anyT()
		if g.IsAsync == 0 {
			item = c.iterate(it)
		}
		c.assign(g.Target, item)
		for _, cond := range g.Ifs {
			c.expr(cond)
			ifTrue, _ := c.condition(cond)
			c.apply(ifTrue)
		}
	}
	body()
	if pushed {
		c.frames = c.frames[:len(c.frames)-1]
	}
}

// atModuleLevel reports whether names are read at the module's top level
// (perhaps inside comprehensions there).
func (c *Checker) atModuleLevel() bool {
	for _, f := range c.frames {
		if !f.comprehension {
			return false
		}
	}
	return true
}

// narrowedExpr is what a condition or an assignment narrowed a member or
// index expression to, if anything.
func (c *Checker) narrowedExpr(e ast.Expr) (types.Type, bool) {
	key := exprKey(e)
	if key == "" {
		return nil, false
	}
	// A comprehension sees what its enclosing scope narrowed.
	for i := len(c.frames) - 1; i >= 0; i-- {
		if t, ok := c.frames[i].vars.narrowed.get(key); ok {
			return t, true
		}
		if !c.frames[i].comprehension {
			return nil, false
		}
	}
	t, ok := c.module.narrowed.get(key)
	return t, ok
}

// exprValueUnused infers an expression whose value may be None without
// complaint when it is a call (a statement's, reveal_type's, cast's).
func (c *Checker) exprValueUnused(e ast.Expr) types.Type {
	saved := c.valueUnused
	c.valueUnused, _ = e.(*ast.Call)
	t := c.expr(e)
	c.valueUnused = saved
	return t
}

// constant gives a literal's type: its class, remembering the value.
func (c *Checker) constant(k *ast.Constant) types.Type {
	lit := func(class string, v types.LiteralValue) types.Type {
		t := c.builtinInstance(class)
		inst, ok := t.(*types.Instance)
		if !ok {
			return t
		}
		return &types.Instance{Class: inst.Class, LastKnownValue: &types.Literal{Value: v, Fallback: inst}}
	}
	switch k.Value.Kind {
	case ast.NoneValue:
		return &types.NoneType{}
	case ast.TrueValue, ast.FalseValue:
		return lit("bool", types.LiteralValue{Kind: types.LitBool, Bool: k.Value.Kind == ast.TrueValue})
	case ast.IntValue:
		if k.Value.Big != nil {
			return c.builtinInstance("int")
		}
		return lit("int", types.LiteralValue{Kind: types.LitInt, Int: k.Value.Int})
	case ast.StrValue:
		return lit("str", types.LiteralValue{Kind: types.LitStr, Str: k.Value.Str})
	case ast.BytesValue:
		return lit("bytes", types.LiteralValue{Kind: types.LitBytes, Str: k.Value.Str})
	case ast.FloatValue:
		return c.builtinInstance("float")
	case ast.ComplexValue:
		return c.builtinInstance("complex")
	case ast.EllipsisValue:
		return c.builtinInstance("ellipsis")
	}
	return anyT()
}

// name looks a name up: the enclosing function's locals, then the module.
func (c *Checker) name(id string) types.Type {
	if c.quiet == 0 && c.unbound == 0 && id != c.partialReceiver {
		c.readPartial(id)
	}
	// The enclosing functions' variables (a class body is seen only from
	// directly inside it), then the module.
	var def *frame // the innermost def's frame the walk is in
	for i := len(c.frames) - 1; i >= 0; i-- {
		f := c.frames[i]
		if f.isClass && i != len(c.frames)-1 {
			continue
		}
		if def != nil && f.def != nil && f.assignedAfter(id, def.def) {
			// A variable of an enclosing function assigned again after
			// the nested def: its narrowing does not reach into the def
			// (newer mypy's rule).
			if t, ok := f.vars.declared[id]; ok {
				return t
			}
		}
		if t, ok := f.vars.lookup(id); ok {
			return t
		}
		if def == nil && f.def != nil {
			def = f
		}
	}
	if t, ok := c.module.lookup(id); ok && c.atModuleLevel() {
		return t
	}
	t, ok := c.p.Resolve(c.m.Name, id)
	if !ok {
		if b, ok2 := c.p.Resolve("builtins", id); ok2 {
			t, ok = b, true
		}
	}
	if !ok {
		switch id {
		case "__name__", "__file__", "__package__", "__qualname__", "__module__":
			return c.builtinInstance("str")
		case "__doc__":
			return types.UnionOf(c.builtinInstance("str"), &types.NoneType{})
		}
		return c.fromGetattr(id)
	}
	return c.targetType(t)
}

// fromGetattr types a name imported from a module whose __getattr__
// provides it: the return type of that __getattr__.
func (c *Checker) fromGetattr(id string) types.Type {
	s, ok := c.p.Modules[c.m.Name].Names[id]
	if !ok || s.Kind != semanal.Imported {
		return anyT()
	}
	g, ok := c.p.Resolve(s.Module, "__getattr__")
	if !ok || g.Sym == nil || g.Sym.Kind != semanal.Func {
		return anyT()
	}
	if sig, ok := c.p.FuncType(g.Owner, g.Sym).(*types.Callable); ok {
		return sig.Ret
	}
	return anyT()
}

// specialCall types the calls mypy treats specially: cast(T, x) is T,
// assert_type(x, T) is x's type.
func (c *Checker) specialCall(x *ast.Call) (types.Type, bool) {
	dotted := ast.DottedName(x.Func)
	if dotted == "" {
		return nil, false
	}
	t, ok := c.p.ResolveDotted(c.m.Name, dotted)
	if !ok || t.Sym == nil {
		return nil, false
	}
	switch t.Owner + "." + t.Sym.Name {
	case "typing.cast", "typing_extensions.cast":
		if len(x.Args) == 2 {
			src := c.exprValueUnused(x.Args[1])
			target := c.p.AnnotationType(c.m.Name, x.Args[0])
			if c.settings.WarnRedundantCasts && c.checked() && !isAnyType(target) && c.certain(x.Args[1]) &&
				judgeable(src, true) && types.Verbose(widen(src)) == types.Verbose(target) {
				c.report(&x.Span, diag.Error, diag.CodeRedundantCast,
					`Redundant cast to "`+types.Format(target, c.formatOptions())+`"`)
			}
			return target, true
		}
	case "typing.assert_type", "typing_extensions.assert_type":
		if len(x.Args) == 2 {
			return c.expr(x.Args[0]), true
		}
	}
	return nil, false
}

// targetType is the type of a resolved module-level name.
func (c *Checker) targetType(t semanal.Target) types.Type {
	if t.Module != "" {
		m := &types.Module{Name: t.Module}
		if inst, ok := c.moduleType().(*types.Instance); ok {
			m.Fallback = inst
		}
		return m
	}
	s := t.Sym
	switch s.Kind {
	case semanal.Class:
		return constructor(c.p.Class(t.Owner, s))
	case semanal.Func:
		ft := c.p.FuncType(t.Owner, s)
		if sig, ok := ft.(*types.Callable); ok && sig.Decorated {
			if def, ok := s.Def.(*ast.FunctionDef); ok && len(s.Variants) == 0 {
				if t.Owner != c.m.Name {
					return c.other(t.Owner).decorated(def, sig)
				}
				return c.decorated(def, sig)
			}
		}
		return ft
	case semanal.Var:
		if s.Annotation != nil {
			return c.p.AnnotationType(t.Owner, s.Annotation)
		}
		if t.Owner == c.m.Name {
			if v, ok := c.module.declared[s.Name]; ok {
				return v // read from a function: the declared type
			}
		}
		if s.Value != nil && t.Owner != c.m.Name {
			return c.other(t.Owner).targetType(t)
		}
		if s.Value != nil && t.Owner == c.m.Name {
			key := s.Name
			if v, ok := c.lazy[key]; ok {
				return v
			}
			if c.inferring[key] {
				return anyT()
			}
			c.inferring[key] = true
			saved := c.frames
			c.frames = nil // infer in module scope
			v := widen(c.exprQuiet(s.Value))
			c.frames = saved
			delete(c.inferring, key)
			c.lazy[key] = v
			return v
		}
	}
	return anyT()
}

// exprExpecting walks an expression expected to have type want (nil for
// none): a generic call in it is inferred from that context first.
func (c *Checker) exprExpecting(e ast.Expr, want types.Type) types.Type {
	c.expected = want
	return c.expr(e)
}

// exprQuiet infers a type without reporting (for a variable's value read
// from elsewhere than its own statement).
func (c *Checker) exprQuiet(e ast.Expr) types.Type {
	saved := len(c.out)
	c.quiet++
	t := c.expr(e)
	c.quiet--
	c.out = c.out[:saved]
	return t
}

func (c *Checker) moduleType() types.Type {
	if cls := c.p.ModuleClass("types", "ModuleType"); cls != nil {
		return &types.Instance{Class: cls}
	}
	return anyT()
}

// constructor is the type of a class object called: its __init__ without
// self, returning an instance.
func constructor(cls *types.Class) types.Type {
	ret := &types.Instance{Class: cls}
	for _, tv := range cls.TypeParams {
		ret.Args = append(ret.Args, tv)
	}
	var made types.Type = ret
	if tup := types.TupleView(ret); tup != nil && len(cls.TypeParams) == 0 {
		made = tup // a named tuple's instance is its tuple
	}
	ctor := &types.Callable{Ret: made, TypeObject: cls, Name: cls.Name, TypeVars: cls.TypeParams}
	m, owner := cls.Lookup("__init__")
	if m == nil {
		return ctor
	}
	// The __init__ of a base class sees its own type variables: view it
	// through the base as this class's instance sees it.
	init := m.TypeOf()
	if view := types.MapToSuper(ret, owner); view != nil {
		init = types.Subst(init, types.Bindings(view))
	}
	switch init.(type) {
	case *types.Callable, *types.Overloaded:
	default:
		return ctor
	}
	return types.MapSignatures(init, func(sig *types.Callable) *types.Callable {
		k := *ctor
		if len(sig.Params) > 0 {
			k.Params = sig.Params[1:]
		}
		k.Decorated = sig.Decorated
		k.TypeVars = append(append([]*types.TypeVar(nil), cls.TypeParams...), sig.TypeVars...)
		return &k
	})
}

func hasStar(args []ast.Expr) bool {
	for _, a := range args {
		if _, ok := a.(*ast.Starred); ok {
			return true
		}
	}
	return false
}

// callResult is what calling a value of type t with the given arguments
// gives (actuals is nil when the call is not matched): an overload is
// chosen by its first matching variant, a generic function's type
// variables are inferred from the arguments.
func (c *Checker) callResult(t types.Type, actuals []actual) types.Type {
	switch f := t.(type) {
	case *types.Overloaded:
		if actuals == nil {
			return anyT()
		}
		var matched []types.Type
		anyArg := false
		for _, a := range actuals {
			if _, ok := a.t.(*types.Any); ok {
				anyArg = true
			}
		}
		for _, item := range f.Items {
			if c.accepts(item, actuals) {
				r := c.callResult(item, actuals)
				if !anyArg {
					return r
				}
				matched = append(matched, r)
			}
		}
		if len(matched) == 0 {
			return c.unionMath(f, actuals)
		}
		// With an Any argument several variants may match: their results
		// must agree, else the call is Any (mypy's rule).
		for _, r := range matched[1:] {
			if types.Verbose(r) != types.Verbose(matched[0]) {
				return anyT()
			}
		}
		return matched[0]
	case *types.Callable:
		if f.TypeObject != nil {
			if r, ok := f.Ret.(*types.Instance); ok && !hasTypeVars(r) {
				return r // a specialized class, Foo[int]()
			}
			if r, ok := f.Ret.(*types.Tuple); ok {
				return r // a named tuple
			}
			inst := &types.Instance{Class: f.TypeObject, Args: anyArgs(len(f.TypeObject.TypeParams))}
			if actuals == nil {
				return inst
			}
			if m, _ := c.inferCall(f, actuals); len(m) > 0 {
				if r, ok := types.Subst(f.Ret, m).(*types.Instance); ok && !hasTypeVars(r) {
					return r
				}
			}
			return inst
		}
		if len(f.TypeVars) > 0 {
			if actuals == nil {
				return anyT()
			}
			m, _ := c.inferCall(f, actuals)
			r := types.Subst(f.Ret, m)
			if hasTypeVars(r) {
				return anyT()
			}
			return r
		}
		return f.Ret
	}
	return anyT()
}

// positional lists plain positional arguments of the given types.
func positional(ts ...types.Type) []actual {
	out := make([]actual, len(ts))
	for i, t := range ts {
		out[i] = actual{kind: actualPos, t: t}
	}
	return out
}

// unionMath is mypy's way with an overload no variant of which takes a
// union argument whole: the call is tried with each of the union's items
// in its place, and the results joined in a union (Any when an item
// matches no variant).
func (c *Checker) unionMath(f *types.Overloaded, actuals []actual) types.Type {
	for i, a := range actuals {
		u, ok := a.t.(*types.Union)
		if !ok || a.kind != actualPos && a.kind != actualNamed {
			continue
		}
		var results []types.Type
		for _, it := range u.Items {
			one := slices.Clone(actuals)
			one[i].t = it
			r := c.callResult(f, one)
			if isAnyType(r) {
				return anyT()
			}
			results = append(results, r)
		}
		return types.SimplifiedUnion(results...)
	}
	return anyT()
}

// accepts reports whether a call's arguments fit a callable's parameters
// by count and (loosely, type variables taken as Any) by type.
func (c *Checker) accepts(f *types.Callable, actuals []actual) bool {
	m := mapActuals(actuals, f)
	used := make([]bool, len(actuals))
	x := &argExpander{c: c}
	for fi, p := range f.Params {
		if len(m[fi]) == 0 && (p.Kind == types.ArgPos || p.Kind == types.ArgNamed) {
			return false
		}
		if len(m[fi]) > 1 && p.Kind != types.ArgStar && p.Kind != types.ArgStar2 && duplicateMapping(m[fi], actuals) {
			return false
		}
		for _, ai := range m[fi] {
			used[ai] = true
			// A literal argument matches a Literal parameter (open's
			// mode); otherwise its type without the literal counts.
			at, pt := x.expand(actuals[ai]), eraseAllVars(p.Type)
			if !types.IsSubtype(widen(at), pt) && !types.IsSubtype(at, pt) {
				return false
			}
		}
	}
	for ai, a := range actuals {
		if !used[ai] && (a.kind == actualPos || a.kind == actualNamed || a.kind == actualStar && nonEmptyTuple(a.t)) {
			return false
		}
	}
	return true
}

func hasTypeVars(t types.Type) bool {
	switch x := t.(type) {
	case *types.TypeVar:
		return true
	case *types.Instance:
		for _, a := range x.Args {
			if hasTypeVars(a) {
				return true
			}
		}
	case *types.Union:
		for _, a := range x.Items {
			if hasTypeVars(a) {
				return true
			}
		}
	case *types.Tuple:
		for _, a := range x.Items {
			if hasTypeVars(a) {
				return true
			}
		}
	case *types.Callable:
		return false
	}
	return false
}

func anyArgs(n int) []types.Type {
	var out []types.Type
	for i := 0; i < n; i++ {
		out = append(out, &types.Any{Reason: types.AnyUnannotated})
	}
	return out
}

// attribute types `x.a`: a member of an instance's class (a method bound
// to it), or a name of a module.
func (c *Checker) attribute(x *ast.Attribute) types.Type {
	if dotted := ast.DottedName(x); dotted != "" {
		first, _, _ := strings.Cut(dotted, ".")
		if _, local := c.scopeVars().lookup(first); !local {
			if t, ok := c.narrowedExpr(x); ok {
				return t // a module's attribute narrowed (os.altsep)
			}
			if t, ok := c.p.ResolveDotted(c.m.Name, dotted); ok {
				return c.targetType(t)
			}
			if t, ok := c.moduleAttribute(dotted); ok {
				return t
			}
		}
	}
	base := c.expr(x.Value)
	c.checkAttribute(x, base)
	if t, ok := c.narrowedExpr(x); ok {
		return t // narrowed by a condition or an assignment
	}
	return c.member(base, x.Attr)
}

// member is the type of attribute name of a value of type base.
func (c *Checker) member(base types.Type, name string) types.Type {
	var inst *types.Instance
	switch b := base.(type) {
	case *types.Callable, *types.Overloaded:
		cls := typeObject(b)
		if cls == nil {
			return anyT()
		}
		return c.classMember(cls, name)
	case *types.TypeType:
		if i, ok := b.Item.(*types.Instance); ok {
			return c.classMember(i.Class, name)
		}
		return anyT()
	case *types.Union:
		var ts []types.Type
		for _, it := range b.Items {
			ts = append(ts, c.member(it, name))
		}
		return types.SimplifiedUnion(ts...)
	case *types.Module:
		if t, ok := c.p.Resolve(b.Name, name); ok {
			return c.targetType(t)
		}
		if t, ok := c.moduleAttribute(b.Name + "." + name); ok {
			return t
		}
		return anyT()
	case *types.Instance:
		inst = b
		if inst.LastKnownValue != nil {
			inst = &types.Instance{Class: inst.Class, Args: inst.Args}
		}
	case *types.Tuple:
		inst = b.Fallback
	case *types.TypeVar:
		if b.Bound != nil {
			return c.member(b.Bound, name) // (Self in its class, T bound to a class)
		}
	}
	if inst == nil {
		return anyT()
	}
	t, m, ok := types.MemberOf(inst, name)
	if !ok {
		return anyT()
	}
	if t == nil {
		t = c.implicitAttr(m)
	}
	if !m.IsMethod && !m.OnInstance {
		t = c.descriptorGet(t)
	}
	if m.IsProperty {
		if f, ok := c.bindSelf(t, base, false).(*types.Callable); ok {
			return f.Ret
		}
		return anyT()
	}
	if m.IsMethod {
		return bind(c.bindSelf(c.decoratedMethod(m, t), base, false))
	}
	return t
}

// bindSelf solves the type variables a method's self (or a class
// method's cls) parameter mentions, `self: T` or Self, from the type of
// the receiver it is read from (an instance, or a class object when
// onClass), as mypy's bind_self.
func (c *Checker) bindSelf(t, receiver types.Type, onClass bool) types.Type {
	return types.MapSignatures(t, func(f *types.Callable) *types.Callable {
		if len(f.TypeVars) == 0 || len(f.Params) == 0 || f.Static {
			return f
		}
		first := f.Params[0].Type
		vars := map[*types.TypeVar]bool{}
		for _, tv := range f.TypeVars {
			if mentionsVar(first, tv) {
				vars[tv] = true
			}
		}
		if len(vars) == 0 {
			return f
		}
		recv := receiver
		if _, isType := first.(*types.TypeType); isType && f.ClassMethod && !onClass {
			recv = &types.TypeType{Item: receiver}
		}
		in := &inference{object: c.object(), member: c.member, vars: vars}
		in.match(first, recv, true)
		m, ok := c.solve(f.TypeVars, in.cs)
		if !ok || len(m) == 0 {
			return f
		}
		b := types.Subst(f, m).(*types.Callable)
		b.TypeVars = nil
		for _, tv := range f.TypeVars {
			if _, done := m[tv]; !done {
				b.TypeVars = append(b.TypeVars, tv)
			}
		}
		return b
	})
}

// decoratedMethod is a method member's type with its decorators applied
// (see decorated), in the module that defines it.
func (c *Checker) decoratedMethod(m *types.Member, t types.Type) types.Type {
	sig, ok := t.(*types.Callable)
	if !ok || !sig.Decorated {
		return t
	}
	def, ok := c.p.DecoratedDef(m)
	if !ok {
		return t
	}
	in := c
	if sig.Module != "" && sig.Module != c.m.Name {
		in = c.other(sig.Module)
	}
	return in.decorated(def, sig)
}

// classMember is an attribute of a class object: a method unbound, a
// variable as declared, else an attribute of its metaclass.
func (c *Checker) classMember(cls *types.Class, name string) types.Type {
	self := &types.Instance{Class: cls, Args: anyArgs(len(cls.TypeParams))}
	t, m, ok := types.MemberOf(self, name)
	if ok && isEnumMember(cls, m) {
		return &types.Instance{Class: cls, LastKnownValue: &types.Literal{
			Value: types.LiteralValue{Kind: types.LitEnum, Str: name}, Fallback: &types.Instance{Class: cls}}}
	}
	if !ok {
		if cls.Metaclass != nil {
			return c.member(cls.Metaclass, name)
		}
		return anyT()
	}
	if t == nil {
		return c.implicitAttr(m)
	}
	if m.IsMethod {
		// A class method is bound to the class it is read from.
		t = c.bindSelf(t, &types.TypeType{Item: self}, true)
		return types.MapSignatures(t, func(f *types.Callable) *types.Callable {
			if !f.ClassMethod || len(f.Params) == 0 {
				return f
			}
			b := *f
			b.Params = b.Params[1:]
			return &b
		})
	}
	return t
}

// isEnumMember reports a member of an enum class that is one of its
// values: assigned in the class body without an annotation, not a method
// and not private or a dunder.
func isEnumMember(cls *types.Class, m *types.Member) bool {
	if m.IsMethod || m.Type != nil || m.OnInstance || strings.HasPrefix(m.Name, "_") {
		return false
	}
	if _, owner := cls.Lookup(m.Name); owner != cls {
		return false
	}
	for _, k := range cls.MRO {
		if k.FullName == "enum.Enum" {
			return true
		}
	}
	return false
}

// bind drops the self parameter of a method (of each overload variant).
func bind(t types.Type) types.Type {
	return types.MapSignatures(t, func(f *types.Callable) *types.Callable {
		b := *f
		if len(b.Params) > 0 && !f.Static && !f.IsEllipsis {
			b.Params = b.Params[1:]
		}
		return &b
	})
}

// comparisonResult is the type of one comparison: what the left
// operand's method returns for ordering and equality (a class may return
// anything there), else bool.
func (c *Checker) comparisonResult(op ast.CmpOp, left, right types.Type) types.Type {
	method := ""
	switch op {
	case ast.Eq:
		method = "__eq__"
	case ast.NotEq:
		method = "__ne__"
	default:
		if m, ok := comparisonMethods[op]; ok {
			method = m[1]
		}
	}
	if method != "" {
		if _, isInst := left.(*types.Instance); isInst {
			if r := c.callResult(c.member(left, method), positional(right)); !isAnyType(r) {
				return r
			}
		}
	}
	return c.builtinInstance("bool")
}

func isAnyType(t types.Type) bool {
	_, ok := t.(*types.Any)
	return ok
}

// binOp types `a op b` through a's dunder method, when a is an instance.
func (c *Checker) binOp(x *ast.BinOp) types.Type {
	// The operands are typed here and the operator in binOpResult, so that
	// the frame on the recursion through a long chain stays small.
	return c.binOpResult(x, c.expr(x.Left), c.expr(x.Right))
}

// binOpResult checks operator x on its operands' types and gives its type.
func (c *Checker) binOpResult(x *ast.BinOp, left, right types.Type) types.Type {
	left, right = widen(left), widen(right)
	if method, ok := dunder[x.Op]; ok {
		c.checkOperator(&x.Span, operatorSymbols[x.Op], method, reflected(method), x.Left, x.Right, left, right)
	}
	if u, ok := left.(*types.Union); ok {
		var ts []types.Type
		for _, it := range u.Items {
			ts = append(ts, c.operatorResult(dunder[x.Op], it, right))
		}
		return types.SimplifiedUnion(ts...)
	}
	return c.operatorResult(dunder[x.Op], left, right)
}

var dunder = map[ast.Operator]string{
	ast.Add: "__add__", ast.Sub: "__sub__", ast.Mult: "__mul__", ast.MatMult: "__matmul__",
	ast.Div: "__truediv__", ast.Mod: "__mod__", ast.Pow: "__pow__", ast.LShift: "__lshift__",
	ast.RShift: "__rshift__", ast.BitOr: "__or__", ast.BitXor: "__xor__", ast.BitAnd: "__and__",
	ast.FloorDiv: "__floordiv__",
}

// display types a list or set display: the join of its items.
func (c *Checker) display(class string, elts []ast.Expr) types.Type {
	var items []types.Type
	for _, e := range elts {
		if st, ok := e.(*ast.Starred); ok {
			c.expr(st.Value)
			return c.builtinInstance(class, anyT())
		}
		items = append(items, widen(c.expr(e)))
	}
	if len(items) == 0 {
		return c.builtinInstance(class, anyT())
	}
	return c.builtinInstance(class, c.join(items))
}

// join is the least upper bound of types (mypy's join_types).
func (c *Checker) join(ts []types.Type) types.Type {
	return types.JoinAll(ts, c.object())
}

// object is the instance of builtins.object.
func (c *Checker) object() *types.Instance {
	if o, ok := c.builtinInstance("object").(*types.Instance); ok {
		return o
	}
	return &types.Instance{Class: &types.Class{Name: "object", FullName: "builtins.object"}}
}

// implicitAttr infers the type of an attribute a method assigns through
// self, from the assigned value in that method (once; the member keeps it
// for this check only through the cache of the inference).
func (c *Checker) implicitAttr(m *types.Member) types.Type {
	if t, ok := c.attrs[m]; ok {
		return t
	}
	a, ok := c.p.Implicit(m)
	if !ok || c.inferringAttr[m] {
		return anyT()
	}
	if a.Method != nil && !a.Method.IsAnnotated() && !c.checkUntyped {
		return &types.Any{Reason: types.AnyUnannotated} // as mypy: unchecked method
	}
	if a.Module != c.m.Name {
		return c.other(a.Module).implicitAttr(m)
	}
	if a.Method != nil && c.recording == a.Method {
		return anyT() // read in the walk of its method before it is assigned
	}
	if a.Method != nil && !c.attrWalks[a.Method] {
		// The first read of an attribute a method assigns walks that
		// method, quietly, to learn the type each of its assignments
		// gives, under the narrowing in force there.
		c.walkForAttrs(a)
		if t, ok := c.attrs[m]; ok {
			return t
		}
	}
	c.inferringAttr[m] = true
	defer delete(c.inferringAttr, m)
	saved := c.frames
	c.frames = nil // a class variable's value is read in the module's scope
	if a.Method != nil {
		sig := c.p.Signature(a.Module, a.Class, a.Method)
		fr := &frame{vars: newVars(), checked: true}
		for _, p := range sig.Params {
			fr.vars.declared[p.Name] = p.Type
		}
		c.frames = []*frame{fr}
		c.guardsBefore(a.Method.Body, a.Value)
	}
	t := c.exprQuiet(a.Value)
	if a.Part != nil {
		t = c.partType(a.Target, a.Part, a.Value, t)
	}
	t = widen(t)
	c.frames = saved
	if c.attrs == nil {
		c.attrs = map[*types.Member]types.Type{}
	}
	c.attrs[m] = t
	return t
}

// walkForAttrs walks the method that assigns an implicit attribute, once
// and reporting nothing, so that recordAttr gives each attribute the
// method is the first to assign the type of its value there. The walk
// leaves the checker's state as it found it.
func (c *Checker) walkForAttrs(a semanal.ImplicitAttr) {
	if c.attrWalks == nil {
		c.attrWalks = map[*ast.FunctionDef]bool{}
	}
	c.attrWalks[a.Method] = true
	saved := *c
	c.frames, c.certainOf, c.calleeOf = nil, map[ast.Expr]bool{}, map[*ast.Call]types.Type{}
	c.exprStmts, c.elseImpossible, c.rec, c.recorded = nil, nil, nil, nil
	c.valueUnused, c.expected, c.partialReceiver = nil, nil, ""
	c.recording = a.Method
	c.quiet++
	c.function(a.Method, a.Class)
	attrs, walks := c.attrs, c.attrWalks
	*c = saved // (the diagnostics of the walk are dropped with it)
	c.attrs, c.attrWalks = attrs, walks
}

// recordAttr records, in the quiet walk of a method (walkForAttrs), the
// type an assignment `self.x = value` gives an attribute the method is
// the first to assign (the part of the value for `self.x, self.y = ...`).
func (c *Checker) recordAttr(target *ast.Attribute, value ast.Expr, t types.Type) {
	if c.recording == nil || c.top() == nil || c.top().class == nil {
		return
	}
	m, ok := c.top().class.Members[target.Attr]
	if !ok {
		return
	}
	a, ok := c.p.Implicit(m)
	if !ok || a.Method != c.recording || a.Part != nil && a.Part != target || a.Part == nil && a.Value != value {
		return
	}
	if _, done := c.attrs[m]; done {
		return
	}
	if c.attrs == nil {
		c.attrs = map[*types.Member]types.Type{}
	}
	c.attrs[m] = widen(forgetTruth(t))
}

// guardsBefore applies the narrowing of the guards that come before the
// top-level statement holding value in a method's body: `assert x is not
// None`, and an `if` with no else whose body always leaves (`if x is None:
// raise ...`), so that `self.x = x` after them gets the narrowed type, as
// mypy infers it.
func (c *Checker) guardsBefore(body []ast.Stmt, value ast.Expr) {
	line := value.Pos().Lineno
	for _, s := range body {
		if sp := s.Pos(); sp.Lineno <= line && line <= sp.EndLineno {
			return
		}
		switch x := s.(type) {
		case *ast.Assert:
			ifTrue, _ := c.condition(x.Test)
			c.apply(ifTrue)
		case *ast.If:
			if len(x.Orelse) == 0 && blockLeaves(x.Body) {
				_, ifFalse := c.condition(x.Test)
				c.apply(ifFalse)
			}
		}
	}
}

// specialize is a generic class subscripted with type arguments, Foo[int]:
// its constructor returns Foo[int].
func (c *Checker) specialize(ctor types.Type, cls *types.Class, slice ast.Expr) types.Type {
	items := []ast.Expr{slice}
	if t, ok := slice.(*ast.Tuple); ok {
		items = t.Elts
	}
	bind := map[*types.TypeVar]types.Type{}
	for i, tv := range cls.TypeParams {
		if i < len(items) {
			bind[tv] = c.p.AnnotationType(c.m.Name, items[i])
		}
	}
	return types.MapSignatures(ctor, func(f *types.Callable) *types.Callable {
		out := types.Subst(f, bind).(*types.Callable)
		var rest []*types.TypeVar
		for _, tv := range out.TypeVars {
			if _, bound := bind[tv]; !bound {
				rest = append(rest, tv)
			}
		}
		out.TypeVars = rest
		return out
	})
}

// typeObject is the class a class object stands for (its constructor's
// type may be overloaded), or nil.
func typeObject(t types.Type) *types.Class {
	switch f := t.(type) {
	case *types.Callable:
		return f.TypeObject
	case *types.Overloaded:
		if len(f.Items) > 0 {
			return f.Items[0].TypeObject
		}
	}
	return nil
}

// other returns a checker for another module, to infer the types of its
// variables where this module reads them (quietly: it reports nothing).
func (c *Checker) other(module string) *Checker {
	if o, ok := c.others[module]; ok {
		return o
	}
	m := c.p.Module(module)
	if m == nil {
		return c // not a loaded module: infer where we are
	}
	o := &Checker{p: c.p, m: m, module: newVars(), lazy: map[string]types.Type{}, inferring: map[string]bool{},
		reach: c.reach, inferringAttr: map[*types.Member]bool{}, decorating: map[*ast.FunctionDef]bool{}, others: c.others}
	c.others[module] = o
	return o
}

// moduleAttribute types `m.attr` when attr is not defined in module m
// itself: the implicit module attributes (__name__, ...), or what m's
// __getattr__ returns.
func (c *Checker) moduleAttribute(dotted string) (types.Type, bool) {
	i := strings.LastIndexByte(dotted, '.')
	if i < 0 {
		return nil, false
	}
	base, attr := dotted[:i], dotted[i+1:]
	t, ok := c.p.ResolveDotted(c.m.Name, base)
	if !ok || t.Module == "" {
		return nil, false
	}
	switch attr {
	case "__name__", "__file__", "__package__":
		return c.builtinInstance("str"), true
	}
	g, ok := c.p.Resolve(t.Module, "__getattr__")
	if !ok || g.Sym == nil || g.Sym.Kind != semanal.Func {
		return nil, false
	}
	if sig, ok := c.p.FuncType(g.Owner, g.Sym).(*types.Callable); ok {
		return sig.Ret, true
	}
	return nil, false
}

// descriptorGet is what reading an attribute whose value is a descriptor
// gives through an instance: its __get__'s return type.
func (c *Checker) descriptorGet(t types.Type) types.Type {
	inst, ok := t.(*types.Instance)
	if !ok {
		return t
	}
	get, m, ok := types.MemberOf(inst, "__get__")
	if !ok || !m.IsMethod || get == nil {
		return t
	}
	return c.callResult(bind(get), nil)
}
