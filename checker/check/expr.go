package check

import (
	"slices"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

func anyT() types.Type { return &types.Any{Reason: types.AnySpecialForm} }

// expr infers the type of an expression (Any where inference is not done
// yet) and answers the reveal_type calls inside it.
func (c *Checker) expr(e ast.Expr) types.Type { return c.exprWith(e, expectation{}) }

// expectation is the type an expression is expected to have (a declared
// variable's, a return type), for inferring a generic call, a display or
// a comprehension from its context; only the expression itself sees it,
// not its parts.
type expectation struct {
	want types.Type
	// loosely marks an expected return type, which mypy drops when
	// inferring a call from it makes its arguments not fit.
	loosely bool
}

// exprWith is expr for an expression with an expected type.
func (c *Checker) exprWith(e ast.Expr, ctx expectation) types.Type {
	anyAllowed := e == c.anyAllowed
	t := c.exprType(e, ctx)
	if c.settings.DisallowAnyExpr && !anyAllowed && e != nil {
		c.reportAnyExpr(e, t)
	}
	if c.recorded != nil && e != nil {
		// The walk's own evaluation wins over quiet ones.
		if _, seen := c.recorded[e]; !seen || c.quiet == 0 {
			c.recorded[e] = t
		}
	}
	return t
}

// exprType infers an expression's type (expr without the recording).
func (c *Checker) exprType(e ast.Expr, ctx expectation) types.Type {
	expected, loosely := ctx.want, ctx.loosely
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
	case *ast.Await:
		t := c.expr(x.Value)
		c.checkAwaitable(x, t)
		return c.awaited(t)
	case *ast.NamedExpr:
		return c.namedExpr(x)
	}
	return c.unboundExpr(e)
}

// namedExpr infers an assignment expression (`y := value`): the value is
// read where the expression is, and assigned to the target as an
// assignment statement assigns it, in the nearest scope that is not a
// comprehension's (where Python binds it); the expression has the value's
// type.
func (c *Checker) namedExpr(x *ast.NamedExpr) types.Type {
	target, ok := x.Target.(*ast.Name)
	if !ok {
		return c.unboundExpr(x)
	}
	saved := c.frames
	outer := c.frames
	for len(outer) > 0 && outer[len(outer)-1].comprehension {
		outer = outer[:len(outer)-1]
	}
	c.frames = outer
	declared := c.declaredTarget([]ast.Expr{target})
	c.frames = saved
	t := c.valueOfDeclared(x.Value, declared)
	c.frames = outer
	c.assignStmtTarget(target, x.Value, t, true)
	c.frames = saved
	return t
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

// joinedStr infers an f-string.
func (c *Checker) joinedStr(x *ast.JoinedStr) types.Type {
	for _, v := range x.Values {
		if fv, ok := v.(*ast.FormattedValue); ok {
			t := c.expr(fv.Value)
			if fv.FormatSpec != nil {
				c.expr(fv.FormatSpec)
			}
			// mypy checks {x} as "{:{}}".format(x, spec): bytes without
			// a conversion are reported.
			if fv.Conversion < 0 && c.checked() && c.certain(fv.Value) && hasTypeComponent(t, "builtins.bytes") &&
				!customSpecialMethod(t, "__str__") {
				c.report(fv.Pos(), diag.Error, diag.CodeStrBytes, diag.BytesFormatted)
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
		var item types.Type
		if g.IsAsync == 0 {
			item = c.iterate(it)
		} else {
			item = c.asyncIterate(it)
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

// allowingAny is exprExpecting for an expression whose own type may be
// Any under --disallow-any-expr (see Checker.anyAllowed).
func (c *Checker) allowingAny(e ast.Expr, want types.Type) types.Type {
	c.anyAllowed = e
	return c.exprExpecting(e, want)
}

// exprExpecting walks an expression expected to have type want (nil for
// none): a generic call in it is inferred from that context first.
func (c *Checker) exprExpecting(e ast.Expr, want types.Type) types.Type {
	return c.exprInContext(e, expectation{want: want})
}

// exprInContext is exprExpecting for an expectation.
func (c *Checker) exprInContext(e ast.Expr, ctx expectation) types.Type {
	t := c.exprWith(e, ctx)
	if literalLike(ctx.want) {
		if lit := c.writtenLiteral(e, t); lit != nil {
			return lit // (a literal context)
		}
	}
	return t
}

// literalLike reports a type that makes a literal context (mypy's
// is_literal_type_like): a literal, or a union with one among its items.
func literalLike(t types.Type) bool {
	switch x := t.(type) {
	case *types.Literal:
		return true
	case *types.Union:
		return slices.ContainsFunc(x.Items, literalLike)
	}
	return false
}

// namesFinalLiteral reports a name whose declared type keeps the literal
// it was given: a Final variable's (`A: Final = 5`), which mypy's
// analyze_var_ref reads as that literal in a literal context.
func (c *Checker) namesFinalLiteral(e ast.Expr) bool {
	n, ok := e.(*ast.Name)
	if !ok {
		return false
	}
	declared, found := types.Type(nil), false
	for i := len(c.frames) - 1; i >= 0 && !found; i-- {
		if f := c.frames[i]; !f.isClass || i == len(c.frames)-1 {
			declared, found = f.vars.declared[n.ID]
		}
	}
	if !found {
		if t, ok := c.p.Resolve(c.m.Name, n.ID); ok && isFinalSymbol(t) {
			declared, found = c.targetType(t), true
		}
	}
	inst, ok := declared.(*types.Instance)
	return found && ok && inst.LastKnownValue != nil
}

// writesLiteral reports an expression that writes one literal value: a
// constant (negated or not), True or False, or a member of an enum.
func writesLiteral(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Constant:
		return true
	case *ast.UnaryOp:
		_, ok := x.Operand.(*ast.Constant)
		return ok && x.Op == ast.USub
	case *ast.Attribute:
		return true
	}
	return false
}

// exprQuiet infers a type without reporting (for a variable's value read
// from elsewhere than its own statement).
func (c *Checker) exprQuiet(e ast.Expr) types.Type {
	var t types.Type
	c.quietly(func() { t = c.expr(e) })
	return t
}

// quietly runs a check whose reports are dropped (a trial), and reports
// whether it would have reported nothing.
func (c *Checker) quietly(check func()) (clean bool) {
	saved := len(c.out)
	c.quiet++
	check()
	c.quiet--
	clean = len(c.out) == saved
	c.out = c.out[:saved]
	return clean
}

var dunder = map[ast.Operator]string{
	ast.Add: "__add__", ast.Sub: "__sub__", ast.Mult: "__mul__", ast.MatMult: "__matmul__",
	ast.Div: "__truediv__", ast.Mod: "__mod__", ast.Pow: "__pow__", ast.LShift: "__lshift__",
	ast.RShift: "__rshift__", ast.BitOr: "__or__", ast.BitXor: "__xor__", ast.BitAnd: "__and__",
	ast.FloorDiv: "__floordiv__",
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
