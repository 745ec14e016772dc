package check

import (
	"fmt"
	"slices"

	"typd/checker/diag"
	"typd/checker/reach"
	"typd/checker/types"
	"typd/parser/ast"
)

// operatorSymbols are the operators as mypy's messages write them.
var operatorSymbols = map[ast.Operator]string{
	ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.MatMult: "@", ast.Div: "/", ast.Mod: "%", ast.Pow: "**",
	ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&", ast.FloorDiv: "//",
}

// comparisonMethods are the methods of the ordering comparisons and their
// reflections (a < b falls back to b > a).
var comparisonMethods = map[ast.CmpOp][3]string{
	ast.Lt: {"<", "__lt__", "__gt__"}, ast.Gt: {">", "__gt__", "__lt__"},
	ast.LtE: {"<=", "__le__", "__ge__"}, ast.GtE: {">=", "__ge__", "__le__"},
}

// reflected names the reflected method of an arithmetic dunder method.
func reflected(method string) string { return "__r" + method[2:] }

// checkOperator reports an operation that neither operand's dunder method
// accepts, as mypy does ([operator]): "Unsupported operand types for +
// ("int" and "str")", or "Unsupported left operand type for + ("None")"
// when the left operand has no such method at all (whatever the right
// one's reflected method says). A union operand is
// checked item by item, with a note naming the whole union. It judges
// only operands whose types are certain (see certain and judgeable). It
// returns the operand types that failed: the items of a union operand, or
// the left operand itself.
func (c *Checker) checkOperator(sp *ast.Span, symbol, method, rmethod string, leftExpr, rightExpr ast.Expr, left, right types.Type) (failed []types.Type) {
	if !c.checked() || !c.certain(leftExpr) || !c.certain(rightExpr) || !judgeable(left, false) || !judgeable(right, false) ||
		c.partialNone(leftExpr, left) || c.partialNone(rightExpr, right) {
		return nil
	}
	if method == "__mod__" && isStrOrBytes(left) {
		return nil // mypy checks %-formatting by its own rules
	}
	lu, leftUnion := left.(*types.Union)
	ru, rightUnion := right.(*types.Union)
	switch {
	case leftUnion && rightUnion:
	case leftUnion:
		for _, it := range lu.Items {
			if c.checkOperands(sp, symbol, method, rmethod, it, right, rightExpr) {
				failed = append(failed, it)
			}
		}
		if failed != nil {
			c.report(sp, diag.Note, diag.CodeOperator, fmt.Sprintf(diag.LeftOperandIsOfType, types.Format(left, c.formatOptions())))
		}
	case rightUnion:
		for _, it := range ru.Items {
			if c.checkOperands(sp, symbol, method, rmethod, left, it, rightExpr) {
				failed = append(failed, it)
			}
		}
		if failed != nil {
			c.report(sp, diag.Note, diag.CodeOperator, fmt.Sprintf(diag.RightOperandIsOfType, types.Format(right, c.formatOptions())))
		}
	default:
		if c.checkOperands(sp, symbol, method, rmethod, left, right, rightExpr) {
			failed = []types.Type{left}
		}
	}
	return failed
}

// checkOperands checks one pair of operand types that are not unions (the
// right one rightExpr's, or an item of its union) and reports whether it
// reported an error. As mypy, when neither method takes the operands, the
// error is the first one tried's: an overloaded left method's is "No
// overload variant of "__lt__" of "B" matches argument type "object""
// (see checkOverloadActuals), unless the right operand's class derives
// from the left one's and has the reflected method, which is tried first.
func (c *Checker) checkOperands(sp *ast.Span, symbol, method, rmethod string, left, right types.Type, rightExpr ast.Expr) bool {
	lm, hasLeft := c.operatorMethod(left, method)
	if f, ok := lm.(*types.Callable); hasLeft && ok && !f.Decorated && len(f.Params) == 0 && !f.IsEllipsis {
		// A method that takes no operand: mypy reports the call's arity.
		c.report(sp, diag.Error, diag.CodeCallArg, fmt.Sprintf(diag.TooManyArguments, forFunction(calleeName(f))))
		return true
	}
	if hasLeft && acceptsOperand(lm, right) {
		return false
	}
	rm, hasRight := c.operatorMethod(right, rmethod)
	if hasRight && acceptsOperand(rm, left) {
		return false
	}
	if o, over := lm.(*types.Overloaded); hasLeft && over {
		if hasRight && types.IsSubtype(right, left) {
			return false // the reflected method may be tried first
		}
		unsupported := func(f *types.Callable) {
			if !acceptsOperand(f, right) {
				l, r := types.FormatPair(left, right, c.formatOptions())
				c.report(sp, diag.Error, diag.CodeOperator, fmt.Sprintf(diag.UnsupportedOperandTypes, symbol, l, r))
			}
		}
		n := len(c.out)
		c.checkOverloadActuals(sp, o, []actual{{kind: actualPos, expr: rightExpr, t: right}}, diag.CodeOperator, unsupported)
		return len(c.out) > n
	}
	if _, over := rm.(*types.Overloaded); !hasLeft && hasRight && over {
		return false
	}
	if !hasLeft {
		c.report(sp, diag.Error, diag.CodeOperator,
			fmt.Sprintf(diag.UnsupportedLeftOperand, symbol, types.Format(left, c.formatOptions())))
		return true
	}
	l, r := types.FormatPair(left, right, c.formatOptions())
	c.report(sp, diag.Error, diag.CodeOperator, fmt.Sprintf(diag.UnsupportedOperandTypes, symbol, l, r))
	return true
}

// operatorMethod looks a dunder method up on a value's class (None's is
// object), bound to the value; ok is false when the class has none. An
// operand of type Any has every method.
func (c *Checker) operatorMethod(t types.Type, name string) (types.Type, bool) {
	cls := c.classOf(t)
	switch x := t.(type) {
	case *types.Any:
		return t, true
	case *types.Tuple:
		if x.Fallback != nil {
			cls = x.Fallback.Class
		}
	}
	if cls == nil || !knownMembers(cls) {
		return anyT(), true
	}
	if m, _ := cls.Lookup(name); m == nil {
		return nil, false
	}
	if _, isNone := t.(*types.NoneType); isNone {
		return anyT(), true
	}
	return c.member(t, name), true
}

// acceptsOperand reports whether a bound dunder method takes the other
// operand, or whether that cannot be told (a generic or unusual method).
func acceptsOperand(method types.Type, operand types.Type) bool {
	switch m := method.(type) {
	case *types.Callable:
		if m.Decorated || len(m.Params) == 0 {
			return true
		}
		p := m.Params[0]
		if p.Kind != types.ArgPos && p.Kind != types.ArgOpt && p.Kind != types.ArgStar {
			return true
		}
		want := p.Type
		if len(m.TypeVars) > 0 {
			// The method's own type variables stand for anything: what
			// does not fit even then does not fit.
			anyOf := map[*types.TypeVar]types.Type{}
			for _, tv := range m.TypeVars {
				anyOf[tv] = anyT()
			}
			want = types.Subst(want, anyOf)
		}
		if !judgeable(want, false) {
			return true
		}
		return types.IsSubtype(operand, want)
	case *types.Overloaded:
		for _, it := range m.Items {
			if acceptsOperand(it, operand) {
				return true
			}
		}
		return false
	}
	return true
}

// anyBased reports whether a class derives from Any (or a base that is not
// modelled): it has every attribute.
func anyBased(cls *types.Class) bool {
	for _, k := range cls.MRO {
		if k.AnyBase {
			return true
		}
	}
	return false
}

// partialNone reports an expression other than the None literal whose type
// is None: an attribute or variable first set to None, whose type mypy
// completes from later assignments (a partial type), not modelled yet.
func (c *Checker) partialNone(e ast.Expr, t types.Type) bool {
	if _, isNone := t.(*types.NoneType); !isNone {
		return false
	}
	switch x := e.(type) {
	case *ast.Constant:
		return x.Value.Kind != ast.NoneValue
	case *ast.Name:
		// A variable of this scope first set to None, or declared None,
		// is None where read before anything completes it (mypy's local
		// partial types).
		v := c.scopeVars()
		if _, ok := v.declared[x.ID]; ok && (v.annotated[x.ID] || v.partial[x.ID] && c.settings.LocalPartialTypes) {
			return false
		}
	}
	return true
}

// isStrOrBytes reports a str or bytes value (or a union with one).
func isStrOrBytes(t types.Type) bool {
	switch x := t.(type) {
	case *types.Instance:
		n := x.Class.FullName
		return n == "builtins.str" || n == "builtins.bytes"
	case *types.Union:
		for _, it := range x.Items {
			if isStrOrBytes(it) {
				return true
			}
		}
	}
	return false
}

// augAssign checks `target op= value` as mypy does: through the in-place
// method when the target's class has one (checked as a call: "Argument 1
// to "__iadd__" of "A" ..."), else as `target op value`; the result is
// then assigned to the target.
func (c *Checker) augAssign(x *ast.AugAssign) {
	if n, ok := x.Target.(*ast.Name); ok {
		c.partialReceiver = n.ID
	}
	left := widen(c.expr(x.Target))
	c.partialReceiver = ""
	right := widen(c.expr(x.Value))
	if n, ok := x.Target.(*ast.Name); ok && c.partialScope(n.ID) != nil {
		c.completeFromAssignment(n.ID, right)
		return
	}
	method, ok := dunder[x.Op]
	if !ok {
		return
	}
	inplace := "__i" + method[2:]
	var result types.Type
	if m, has := c.operatorMethod(left, inplace); has && !isAnyType(m) {
		c.warnDeprecatedMethod(x, left, inplace, right)
		call := &ast.Call{Span: x.Span, Func: &ast.Attribute{Span: *x.Target.Pos(), Value: x.Target, Attr: inplace},
			Args: []ast.Expr{x.Value}}
		c.checkCall(call, m, []types.Type{right}, nil)
		result = c.callResult(m, positional(right))
	} else {
		failed := c.checkOperator(&x.Span, operatorSymbols[x.Op], method, reflected(method), x.Target, x.Value, left, right)
		if c.settings.Deprecated {
			receiver, name, other := c.operatorUsed(method, left, right)
			c.warnDeprecatedMethod(x, receiver, name, other)
		}
		result = c.operatorResult(method, left, right)
		if len(failed) == 1 && failed[0] == left {
			result = c.failedResult(method, left, right)
		}
	}
	// The result goes back into the target, judged as an assignment.
	whole := &ast.BinOp{Span: x.Span, Left: x.Target, Op: x.Op, Right: x.Value}
	if sub, ok := x.Target.(*ast.Subscript); ok {
		c.checkIndexedAssign(sub, whole, result)
	}
	if n, ok := x.Target.(*ast.Name); ok {
		v := c.scopeVars()
		if declared, known := v.declared[n.ID]; known && (v.annotated[n.ID] || !v.partial[n.ID] && c.inferredTypesStand(n.ID)) {
			c.checkAssignment(whole, result, declared)
		}
	}
	c.assign(x.Target, result)
}

// operatorResult is the type of `left op right` for a value on the left
// that is not a union: the left operand's method's result when it takes
// the right operand, else the right operand's reflected method's when that
// takes the left one (int + float is a float), else the left's.
func (c *Checker) operatorResult(method string, left, right types.Type) types.Type {
	receiver, name, other := c.operatorUsed(method, left, right)
	return c.callResult(c.member(receiver, name), positional(other))
}

// failedResult is the type of an operation the operands' methods do not
// accept, as mypy gives it: the left operand's method's result when that
// is the only method tried, Any (from the error) when the right operand's
// reflected method was tried too (it has one, and its class differs).
func (c *Checker) failedResult(method string, left, right types.Type) types.Type {
	_, hasLeft := c.operatorMethod(left, method)
	_, hasRight := c.operatorMethod(right, reflected(method))
	if hasLeft && hasRight && (c.classOf(left) == nil || c.classOf(left) != c.classOf(right)) {
		return &types.Any{Reason: types.AnyFromError}
	}
	return c.operatorResult(method, left, right)
}

// operatorUsed is the operand whose method `left op right` calls (for a
// left operand that is not a union), the method's name and the other
// operand: the left operand's method, unless it does not take the right
// operand and the right operand's reflected method takes the left one.
func (c *Checker) operatorUsed(method string, left, right types.Type) (receiver types.Type, name string, other types.Type) {
	if _, isInst := left.(*types.Instance); isInst {
		if lm, has := c.operatorMethod(left, method); has && acceptsOperand(lm, right) {
			return left, method, right
		}
		if rm, has := c.operatorMethod(right, reflected(method)); has && !isAnyType(rm) && acceptsOperand(rm, left) {
			return right, reflected(method), left
		}
	}
	return left, method, right
}

// checkContainer reports the right operand of `in` whose class has no
// __contains__, __iter__ or __getitem__, as mypy does ([operator]).
func (c *Checker) checkContainer(cmp *ast.Compare, right ast.Expr, t types.Type) {
	if !c.checked() || !c.certain(right) || c.partialNone(right, t) {
		return
	}
	switch t.(type) {
	case *types.Instance, *types.NoneType, *types.Literal:
	default:
		return
	}
	if c.lacksMethod(t, "__contains__") && c.lacksMethod(t, "__iter__") && c.lacksMethod(t, "__getitem__") {
		c.report(&cmp.Span, diag.Error, diag.CodeOperator,
			fmt.Sprintf(diag.UnsupportedInOperand, types.Format(t, c.formatOptions())))
	}
}

// compare infers and checks a comparison chain.
func (c *Checker) compare(x *ast.Compare) types.Type {
	// exact keeps the literal an operand is known to have, for
	// --strict-equality.
	exact := c.expr(x.Left)
	prev, prevExpr := widen(exact), x.Left
	var results []types.Type
	for i, r := range x.Comparators {
		if n, ok := r.(*ast.Name); ok && (x.Ops[i] == ast.In || x.Ops[i] == ast.NotIn) {
			c.partialReceiver = n.ID // `k in d` leaves a partial d open, as in mypy
		}
		rightExact := c.expr(r)
		t := widen(rightExact)
		c.partialReceiver = ""
		if x.Ops[i] == ast.In || x.Ops[i] == ast.NotIn {
			c.checkContainer(x, r, t)
			c.warnDeprecatedMethod(x, t, "__contains__", prev)
		}
		if m, ok := comparisonMethods[x.Ops[i]]; ok {
			c.checkOperator(&x.Span, m[0], m[1], m[2], prevExpr, r, prev, t)
			if c.settings.Deprecated {
				receiver, name, other := c.operatorUsed(m[1], prev, t)
				c.warnDeprecatedMethod(x, receiver, name, other)
			}
		} else {
			c.checkStrictEquality(x, x.Ops[i], prevExpr, r, exact, rightExact)
		}
		results = append(results, c.comparisonResult(x.Ops[i], prev, t))
		prev, prevExpr, exact = t, r, rightExact
	}
	return types.SimplifiedUnion(results...)
}

// unaryMethods are the methods of the unary operators other than not.
var unaryMethods = map[ast.UnaryOperator]string{ast.Invert: "__invert__", ast.USub: "__neg__", ast.UAdd: "__pos__"}

// unaryOp infers a unary operation.
func (c *Checker) unaryOp(x *ast.UnaryOp) types.Type {
	t := c.expr(x.Operand)
	if x.Op == ast.Not {
		c.checkTruthyFunction(x.Operand, t)
		return c.builtinInstance("bool")
	}
	if method, ok := unaryMethods[x.Op]; ok {
		c.warnDeprecatedMethod(x, widen(t), method)
	}
	if x.Op == ast.USub || x.Op == ast.UAdd {
		// An int's known literal goes through + and - (mypy's plugin for
		// int.__neg__ and int.__pos__): -ONE is Literal[-1]? when ONE is
		// Final = 1.
		if r := signedLiteral(t, x.Op == ast.USub); r != nil {
			return r
		}
	}
	if method, ok := unaryMethods[x.Op]; ok {
		if r := c.unaryResult(widen(t), method); r != nil {
			return r
		}
	}
	return widen(t)
}

// unaryResult is what a unary operator's method returns for an instance
// (-x is x.__neg__()), when the method is a plain one of its class; nil
// otherwise (a generic, overloaded or decorated method, another type).
func (c *Checker) unaryResult(t types.Type, method string) types.Type {
	if _, ok := t.(*types.Instance); !ok {
		return nil
	}
	m, ok := c.operatorMethod(t, method)
	f, isFunc := m.(*types.Callable)
	if !ok || !isFunc || f.Decorated || len(f.TypeVars) > 0 || f.Ret == nil {
		return nil
	}
	return f.Ret
}

// signedLiteral is an int literal type, or an int known to have one, with
// its value negated (or kept); nil for any other type.
func signedLiteral(t types.Type, negate bool) types.Type {
	sign := func(l *types.Literal) *types.Literal {
		if l == nil || l.Value.Kind != types.LitInt || l.Fallback == nil || l.Fallback.Class.FullName != "builtins.int" {
			return nil
		}
		if negate {
			v := l.Value
			v.Int = -v.Int
			return &types.Literal{Value: v, Fallback: l.Fallback}
		}
		return l
	}
	switch x := t.(type) {
	case *types.Literal:
		if l := sign(x); l != nil {
			return l
		}
	case *types.Instance:
		if l := sign(x.LastKnownValue); l != nil {
			return &types.Instance{Class: x.Class, Args: x.Args, LastKnownValue: l}
		}
	}
	return nil
}

// boolOp infers `a and b` and `a or b`.
func (c *Checker) boolOp(x *ast.BoolOp, expected types.Type) types.Type {
	// Each operand runs only when the ones before it were true (and)
	// or false (or): it is checked under that narrowing, or not at
	// all when that cannot happen.
	vars := c.scopeVars()
	before := vars.narrowed.fork()
	var ts []types.Type
	var prev types.Type // the operand before, as evaluated
	for i, v := range x.Values {
		if i > 0 {
			if prev != nil && c.restrictTruth(prev, x.Op == ast.And) == nil {
				break // it never lets the chain go on (a value always false for and)
			}
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
		// stays one where a Literal is expected, and remembers its value
		// elsewhere: Literal[1]?).
		t := c.exprExpecting(v, expected)
		prev = t
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
	if k, ok := x.Left.(*ast.Constant); ok && x.Op == ast.Mod && (k.Value.Kind == ast.StrValue || k.Value.Kind == ast.BytesValue) {
		return c.strInterpolation(x, k) // "format" % replacements
	}
	// The operands are typed here and the operator in binOpResult, so that
	// the frame on the recursion through a long chain stays small.
	return c.binOpResult(x, c.expr(x.Left), c.expr(x.Right))
}

// binOpResult checks operator x on its operands' types and gives its type.
func (c *Checker) binOpResult(x *ast.BinOp, left, right types.Type) types.Type {
	left, right = widen(left), widen(right)
	var failed []types.Type
	if method, ok := dunder[x.Op]; ok {
		failed = c.checkOperator(&x.Span, operatorSymbols[x.Op], method, reflected(method), x.Left, x.Right, left, right)
		if c.settings.Deprecated {
			receiver, name, other := c.operatorUsed(method, left, right)
			c.warnDeprecatedMethod(x, receiver, name, other)
		}
	}
	if u, ok := left.(*types.Union); ok {
		var ts []types.Type
		for _, it := range u.Items {
			if slices.Contains(failed, it) {
				ts = append(ts, c.failedResult(dunder[x.Op], it, right))
				continue
			}
			ts = append(ts, c.operatorResult(dunder[x.Op], it, right))
		}
		return types.SimplifiedUnion(ts...)
	}
	if len(failed) == 1 && failed[0] == left {
		return c.failedResult(dunder[x.Op], left, right)
	}
	if l, ok := left.(*types.Tuple); ok && x.Op == ast.Add && plainTuple(l) {
		if r, ok := right.(*types.Tuple); ok && plainTuple(r) {
			// Two fixed-length tuples make one (mypy's special case).
			return c.tupleOf(append(append([]types.Type{}, l.Items...), r.Items...))
		}
	}
	return c.operatorResult(dunder[x.Op], left, right)
}

// plainTuple reports a fixed-length tuple of class tuple itself (not a
// named tuple, whose __add__ may be its own).
func plainTuple(t *types.Tuple) bool {
	return t.Fallback != nil && t.Fallback.Class.FullName == "builtins.tuple"
}

// operatorMethods are the methods whose failed overloaded calls mypy
// reports with the [operator] code (its is_operator_method): the binary
// operators' methods, the reflected ones, __contains__ and the unary
// operators' methods.
var operatorMethods = func() map[string]bool {
	m := map[string]bool{"__contains__": true, "__neg__": true, "__pos__": true, "__invert__": true}
	for name := range forwardOperators {
		m[name] = true
	}
	for _, name := range dunder {
		m[name], m[reflected(name)] = true, true
	}
	return m
}()
