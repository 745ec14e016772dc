package check

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// typeMap holds the types a condition narrows names to.
type typeMap map[string]types.Type

// condition returns what a condition narrows names to when it is true and
// when it is false: isinstance(x, C), x is None, x is not None, x == None,
// the truth of x, `not`, `and` and `or`. Names not in a map keep their
// type.
func (c *Checker) condition(e ast.Expr) (ifTrue, ifFalse typeMap) {
	ifTrue, ifFalse = c.conditionOf(e)
	for _, subject := range conditionSubjects(e) {
		c.parentCondition(subject, ifTrue)
		c.parentCondition(subject, ifFalse)
	}
	return ifTrue, ifFalse
}

// conditionSubjects are the member and item expressions a condition
// narrows directly (x.a in `if x.a:`, `x[0] is None`, `isinstance(x.a, C)`),
// whose narrowing narrows their parents too (see parentCondition).
func conditionSubjects(e ast.Expr) []ast.Expr {
	var out []ast.Expr
	add := func(x ast.Expr) {
		switch x.(type) {
		case *ast.Attribute, *ast.Subscript:
			out = append(out, x)
		}
	}
	switch x := e.(type) {
	case *ast.Attribute, *ast.Subscript:
		add(x)
	case *ast.Compare:
		if len(x.Ops) == 1 {
			add(x.Left)
			add(x.Comparators[0])
		}
	case *ast.Call:
		if len(x.Args) > 0 {
			add(x.Args[0])
		}
	}
	return out
}

// conditionOf is condition before the narrowing of members and items is
// carried to their parents.
func (c *Checker) conditionOf(e ast.Expr) (ifTrue, ifFalse typeMap) {
	switch x := e.(type) {
	case *ast.UnaryOp:
		if x.Op == ast.Not {
			t, f := c.condition(x.Operand)
			return f, t
		}
	case *ast.BoolOp:
		return c.boolCondition(x)
	case *ast.NamedExpr:
		// The target, assigned as the condition is read, is narrowed by
		// its truth; so is what the value's own condition narrows.
		var ifTrue, ifFalse typeMap
		c.quietly(func() { ifTrue, ifFalse = c.conditionOf(x.Value) }) // (the target's truth is what is judged)
		t, f := c.conditionOf(x.Target)
		return mergeMaps(ifTrue, t), mergeMaps(ifFalse, f)
	case *ast.Name, *ast.Attribute, *ast.Subscript:
		key, t, ok := c.narrowable(e)
		if !ok {
			c.checkTruthyFunction(e, c.exprQuiet(e))
			return nil, nil
		}
		c.checkTruthyFunction(e, t)
		var ifTrue, ifFalse typeMap
		truthy, falsy := truthNarrowed(t)
		if !c.strictOptional {
			// Without strict optional, nothing is ruled out: a
			// value of any type may be None.
			if _, never := truthy.(*types.Never); never {
				truthy = nil
			}
			if _, never := falsy.(*types.Never); never {
				falsy = nil
			}
		}
		if truthy != nil {
			ifTrue = typeMap{key: truthy}
		}
		if falsy != nil {
			ifFalse = typeMap{key: falsy}
		}
		return ifTrue, ifFalse
	case *ast.Constant:
		// A literal's truth is known: the other side cannot run.
		switch truth := constantTruth(x); {
		case truth > 0:
			return nil, never
		case truth < 0:
			return never, nil
		}
	case *ast.Compare:
		return c.compareCondition(x)
	case *ast.Call:
		if t, f := c.callableCondition(x); t != nil || f != nil {
			return t, f
		}
		if fact := c.hasattrFact(x); fact != "" {
			return typeMap{fact: anyT()}, nil
		}
		if t, f := c.typeGuardCondition(x); t != nil {
			return t, f
		}
		if t, f := c.issubclassCondition(x); t != nil || f != nil {
			return t, f
		}
		return c.isinstanceCondition(x)
	}
	return nil, nil
}

// callSubject is the narrowing key and current type of the first
// argument of a call of the builtin name with nargs arguments
// (isinstance(x, C)); ok is false for another call or an argument that
// does not narrow.
func (c *Checker) callSubject(call *ast.Call, name string, nargs int) (string, types.Type, bool) {
	fn, ok := call.Func.(*ast.Name)
	if !ok || fn.ID != name || len(call.Args) != nargs {
		return "", nil, false
	}
	return c.narrowable(call.Args[0])
}

// callableCondition narrows `callable(x)` as mypy's
// partition_by_callable: an item of x's type that is certainly callable (a
// function, a class object, an instance of a class with __call__, a type
// variable bound to one) is kept where true and ruled out where false;
// None where true is ruled out; an instance of a class without __call__
// is its ad-hoc callable subclass where true and stays where false, or,
// as an item of a union, is ruled out where true.
func (c *Checker) callableCondition(call *ast.Call) (typeMap, typeMap) {
	key, t, ok := c.callSubject(call, "callable", 1)
	if !ok || t == nil {
		return nil, nil
	}
	items := unionItems(t)
	var yes, no []types.Type
	for _, it := range items {
		switch x := it.(type) {
		case *types.NoneType, *types.Literal, *types.Tuple:
			no = append(no, it)
		case *types.Instance:
			if certainlyCallable(x) {
				yes = append(yes, it)
			} else if len(items) > 1 {
				no = append(no, it) // (in a union, mypy's unsound partition)
			} else if anyBased(x.Class) {
				return typeMap{"callable:" + key: anyT()}, nil
			} else {
				yes = append(yes, &types.Instance{Class: c.p.CallableSubtype(c.m.Name, x)})
				no = append(no, it)
			}
		default:
			if certainlyCallable(it) {
				yes = append(yes, it)
			} else {
				// (Any, a type variable, ...: mypy's intersection with a
				// callable is not modelled; the fact spares calling it.)
				return typeMap{"callable:" + key: anyT()}, nil
			}
		}
	}
	side := func(ts []types.Type) typeMap {
		if len(ts) == 0 {
			return typeMap{key: &types.Never{}}
		}
		return typeMap{key: types.UnionOf(ts...)}
	}
	return side(yes), side(no)
}

// certainlyCallable reports whether every value of a type is callable.
func certainlyCallable(t types.Type) bool {
	switch x := t.(type) {
	case *types.Callable, *types.Overloaded, *types.TypeType:
		return true
	case *types.Instance:
		m, _ := x.Class.Lookup("__call__")
		return m != nil
	case *types.TypeVar:
		return x.Bound != nil && certainlyCallable(x.Bound)
	case *types.Union:
		for _, it := range x.Items {
			if !certainlyCallable(it) {
				return false
			}
		}
		return true
	}
	return false
}

// typeGuardCondition narrows the first argument of a call to a function
// declared to return TypeGuard[X] (or TypeIs[X]) to X where the call is
// true; TypeIs also narrows X away where it is false.
func (c *Checker) typeGuardCondition(call *ast.Call) (typeMap, typeMap) {
	f, ok := c.exprQuiet(call.Func).(*types.Callable)
	if !ok || f.TypeGuard == nil || len(call.Args) == 0 || f.Owner != "" || hasTypeVars(f.TypeGuard) || isAnyType(f.TypeGuard) {
		return nil, nil // generic guards and methods are not modelled yet
	}
	key, current, known := c.narrowable(call.Args[0])
	if !known {
		return nil, nil
	}
	ifTrue := typeMap{key: f.TypeGuard}
	if !f.TypeIs {
		return ifTrue, nil
	}
	// TypeIs narrows to what the value and X have in common.
	if types.IsSubtype(current, f.TypeGuard) {
		ifTrue = typeMap{key: current}
	}
	if u, ok := current.(*types.Union); ok {
		var rest []types.Type
		for _, it := range u.Items {
			if !types.IsSubtypeStrict(it, f.TypeGuard) {
				rest = append(rest, it)
			}
		}
		if len(rest) > 0 {
			return ifTrue, typeMap{key: types.SimplifiedUnion(rest...)}
		}
	}
	return ifTrue, nil
}

// hasattrFact names what `hasattr(x.y, "a")` proves where it is true, as
// a pseudo-variable of the narrowing maps ("hasattr:x.y.a"), or "".
func (c *Checker) hasattrFact(call *ast.Call) string {
	fn, ok := call.Func.(*ast.Name)
	if !ok || fn.ID != "hasattr" || len(call.Args) != 2 {
		return ""
	}
	dotted := ast.DottedName(call.Args[0])
	if dotted == "" {
		return ""
	}
	if k, ok := call.Args[1].(*ast.Constant); ok && k.Value.Kind == ast.StrValue {
		return "hasattr:" + dotted + "." + k.Value.Str
	}
	// A name whose type is a str literal (ATTR: Final = "x", known as
	// Literal['x']?), as mypy's try_getting_str_literals reads it.
	if _, ok := call.Args[1].(*ast.Name); ok {
		if lit, ok := literalOf(c.exprQuiet(call.Args[1])).(*types.Literal); ok && lit.Value.Kind == types.LitStr {
			return "hasattr:" + dotted + "." + lit.Value.Str
		}
	}
	return ""
}

// never is the narrowing of a side that cannot run: no name, no value.
var never = typeMap{"": &types.Never{}}

// constantTruth is 1 for a literal that is always true (a non-zero
// number, a non-empty string, True), -1 for one always false, 0 for
// others (Ellipsis).
func constantTruth(k *ast.Constant) int {
	v := k.Value
	truth := false
	switch v.Kind {
	case ast.TrueValue:
		truth = true
	case ast.FalseValue, ast.NoneValue:
	case ast.IntValue:
		truth = v.Int != 0 || v.Big != nil
	case ast.FloatValue:
		truth = v.Float != 0
	case ast.StrValue, ast.BytesValue:
		truth = v.Str != ""
	default:
		return 0
	}
	if truth {
		return 1
	}
	return -1
}

// mergeMaps is the narrowings of a and b together (b's where both
// narrow a key); nil when neither narrows anything.
func mergeMaps(a, b typeMap) typeMap {
	if len(a) == 0 {
		return b
	}
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

// unreachable reports whether a narrowing leaves some name no possible
// value: the code it guards cannot run, and mypy does not check it.
func unreachable(m typeMap) bool {
	for _, t := range m {
		if _, never := t.(*types.Never); never {
			return true
		}
	}
	return false
}

// narrowable returns the key under which an expression's type is narrowed
// (a variable's name, or a member expression's dotted name: "self.x") and
// its current type.
func (c *Checker) narrowable(e ast.Expr) (string, types.Type, bool) {
	switch x := e.(type) {
	case *ast.NamedExpr:
		return c.narrowable(x.Target) // (what `(y := v) is None` narrows is y)
	case *ast.Name:
		if t, ok := c.scopeVars().lookup(x.ID); ok {
			return x.ID, t, true
		}
		// A variable of an enclosing function or of the module, read
		// here: narrowed in this scope.
		if len(c.frames) > 0 && !c.top().isClass {
			if _, isVar := c.enclosingVar(x.ID); isVar {
				return x.ID, c.name(x.ID), true
			}
		}
		return x.ID, nil, false
	case *ast.Attribute, *ast.Subscript:
		key := exprKey(x)
		if key == "" {
			return "", nil, false
		}
		return key, c.exprQuiet(x), true
	}
	return "", nil, false
}

// exprKey names a member or index expression for narrowing: "self.x",
// "a.b[0]", "d['k']"; "" for others and for chains of ast.MaxMemberDepth
// links or more.
func exprKey(e ast.Expr) string {
	if ast.MemberDepth(e) >= ast.MaxMemberDepth {
		return ""
	}
	return memberKey(e)
}

func memberKey(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Name:
		return x.ID
	case *ast.NamedExpr:
		return memberKey(x.Target) // ((y := v).attr is y.attr)
	case *ast.Attribute:
		if base := memberKey(x.Value); base != "" {
			return base + "." + x.Attr
		}
	case *ast.Subscript:
		base, index := memberKey(x.Value), indexKey(x.Slice)
		if base != "" && index != "" {
			return base + "[" + index + "]"
		}
	}
	return ""
}

// indexKey writes a literal index (1, -1, 'k') for exprKey, or "".
func indexKey(e ast.Expr) string {
	neg := ""
	if u, ok := e.(*ast.UnaryOp); ok && u.Op == ast.USub {
		neg, e = "-", u.Operand
	}
	k, ok := e.(*ast.Constant)
	if !ok {
		return ""
	}
	switch {
	case k.Value.Kind == ast.IntValue && k.Value.Big == nil:
		return fmt.Sprintf("%s%d", neg, k.Value.Int)
	case k.Value.Kind == ast.StrValue && neg == "":
		return fmt.Sprintf("%q", k.Value.Str)
	}
	return ""
}

// removeNone is t without None, or nil when t has no None part.
// truthNarrowed returns what a value of type t can be when it is true and
// when it is false, nil for a side where nothing is learnt and Never for one
// that cannot happen: None is never true, a bool is Literal[True] or
// Literal[False], a literal and a fixed-length tuple have one truth, and a
// union keeps the items that can have the truth.
func truthNarrowed(t types.Type) (truthy, falsy types.Type) {
	items := unionItems(t)
	var yes, no []types.Type
	yesChanged, noChanged := false, false
	for _, it := range items {
		y, n := truthOf(it)
		yesChanged = yesChanged || y != it
		noChanged = noChanged || n != it
		if y != nil {
			yes = append(yes, y)
		}
		if n != nil {
			no = append(no, n)
		}
	}
	narrowed := func(changed bool, ts []types.Type) types.Type {
		switch {
		case !changed:
			return nil
		case len(ts) == 0:
			return &types.Never{}
		}
		return types.SimplifiedUnion(ts...)
	}
	return narrowed(yesChanged, yes), narrowed(noChanged, no)
}

// truthOf splits one non-union type by truth: the type it has when true
// and when false, nil for a truth it cannot have.
func truthOf(t types.Type) (truthy, falsy types.Type) {
	switch x := t.(type) {
	case *types.NoneType:
		return nil, t
	case *types.Literal:
		v := x.Value
		truth := v.Kind == types.LitBool && v.Bool || v.Kind == types.LitInt && v.Int != 0 ||
			(v.Kind == types.LitStr || v.Kind == types.LitBytes) && v.Str != ""
		if v.Kind == types.LitEnum {
			return t, t
		}
		if truth {
			return t, nil
		}
		return nil, t
	case *types.Instance:
		switch x.Truth {
		case types.OnlyTrue:
			return t, nil
		case types.OnlyFalse:
			return nil, t
		}
		if x.Class.FullName == "builtins.bool" && x.LastKnownValue == nil {
			return &types.Literal{Value: types.LiteralValue{Kind: types.LitBool, Bool: true}, Fallback: x},
				&types.Literal{Value: types.LiteralValue{Kind: types.LitBool, Bool: false}, Fallback: x}
		}
	case *types.Tuple:
		if len(x.Items) > 0 {
			return t, nil
		}
	}
	return t, t
}

func removeNone(t types.Type) types.Type {
	u, ok := t.(*types.Union)
	if !ok {
		return nil
	}
	var rest []types.Type
	for _, it := range u.Items {
		if _, isNone := it.(*types.NoneType); !isNone {
			rest = append(rest, it)
		}
	}
	if len(rest) == len(u.Items) {
		return nil
	}
	return types.SimplifiedUnion(rest...)
}

// compareCondition narrows a comparison of two operands, as mypy's
// find_isinstance_check: `x is None` and `x == None` (either side), `x is
// True`, `x is False` and `x is E.A` (a singleton literal), and, when
// nothing else applies, `x == y` and `x in c` with x optional and y (c's
// items) not, which rules None out of x when true.
func (c *Checker) compareCondition(x *ast.Compare) (typeMap, typeMap) {
	if len(x.Ops) != 1 {
		return nil, nil
	}
	if t, f, ok := c.lenCondition(x); ok {
		return t, f
	}
	op, left, right := x.Ops[0], x.Left, x.Comparators[0]
	if isNoneLiteral(left) && !isNoneLiteral(right) && op != ast.In && op != ast.NotIn {
		left, right = right, left
	}
	negated := op == ast.IsNot || op == ast.NotEq || op == ast.NotIn
	flip := func(t, f typeMap) (typeMap, typeMap) {
		if negated {
			return f, t
		}
		return t, f
	}
	switch op {
	case ast.Is, ast.IsNot, ast.Eq, ast.NotEq:
		if isNoneLiteral(right) {
			t, f := c.noneCondition(left)
			if op == ast.Eq || op == ast.NotEq {
				t = c.equalsNoneKeeps(left, t)
			}
			return flip(t, f)
		}
		if t, f, ok := c.typeEqualsCondition(left, right); ok {
			return flip(t, f)
		}
	}
	switch op {
	case ast.Is, ast.IsNot:
		for _, pair := range [][2]ast.Expr{{left, right}, {right, left}} {
			if lit := c.singletonLiteral(pair[1]); lit != nil {
				if t, f := c.identityCondition(pair[0], lit); t != nil || f != nil {
					return flip(t, f)
				}
			}
		}
	case ast.Eq, ast.NotEq:
		if t := c.refineAwayNone(left, right); t != nil {
			return flip(t, nil)
		}
		if t := c.refineAwayNone(right, left); t != nil {
			return flip(t, nil)
		}
		for _, pair := range [][2]ast.Expr{{left, right}, {right, left}} {
			if lit := c.writtenLiteral(pair[1], nil); lit != nil {
				if t, f, ok := c.literalEqualityCondition(pair[0], lit); ok {
					return flip(t, f)
				}
			}
		}
	case ast.In, ast.NotIn:
		if t := c.inCondition(left, right); t != nil {
			return flip(t, nil)
		}
	}
	return nil, nil
}

// typeEqualsCondition narrows `type(x) == C` and `type(x) is C` (either
// way round) as mypy's find_type_equals_check does: where it holds, x is
// narrowed as isinstance(x, C) narrows it; where it does not, only when C
// is a final class (x may be an instance of a subclass of any other).
// ok is false for other comparisons.
func (c *Checker) typeEqualsCondition(left, right ast.Expr) (ifTrue, ifFalse typeMap, ok bool) {
	call, other := c.typeCall(left), right
	if call == nil {
		call, other = c.typeCall(right), left
	}
	if call == nil || c.typeCall(other) != nil {
		return nil, nil, false
	}
	if _, isTuple := other.(*ast.Tuple); isTuple {
		return nil, nil, false
	}
	key, current, known := c.narrowable(call.Args[0])
	if !known || current == nil {
		return nil, nil, false
	}
	targets, _, isClass := c.classTargets(other)
	if !isClass || len(targets) != 1 {
		return nil, nil, false
	}
	ifTrue, ifFalse = c.narrowToClasses(key, current, targets)
	if inst, ok := targets[0].(*types.Instance); !ok || !inst.Class.Final {
		ifFalse = nil
	}
	return ifTrue, ifFalse, true
}

// typeCall is a call of the builtin type with one argument (type(x)), or
// nil.
func (c *Checker) typeCall(e ast.Expr) *ast.Call {
	call, ok := e.(*ast.Call)
	if !ok || len(call.Args) != 1 || len(call.Keywords) != 0 {
		return nil
	}
	if cls := typeObject(c.exprQuiet(call.Func)); cls == nil || cls.FullName != "builtins.type" {
		return nil
	}
	return call
}

// lenCondition narrows `len(x) OP N` (or `N OP len(x)`) for a literal N
// and a union of fixed-length tuples, as mypy does: the items whose length
// makes the comparison true where it is, the others where it is not; a
// tuple of any length is a tuple of N items where it has N (== and !=,
// N up to maxPreciseTuple); another item of unknown length stays on both
// sides.
func (c *Checker) lenCondition(x *ast.Compare) (typeMap, typeMap, bool) {
	call, k, op := x.Left, x.Comparators[0], x.Ops[0]
	if _, isCall := call.(*ast.Call); !isCall {
		call, k = k, call
		switch op { // N < len(x) is len(x) > N
		case ast.Lt:
			op = ast.Gt
		case ast.LtE:
			op = ast.GtE
		case ast.Gt:
			op = ast.Lt
		case ast.GtE:
			op = ast.LtE
		}
	}
	fn, ok := call.(*ast.Call)
	if !ok || len(fn.Args) != 1 || len(fn.Keywords) != 0 {
		return nil, nil, false
	}
	if n, ok := fn.Func.(*ast.Name); !ok || n.ID != "len" {
		return nil, nil, false
	}
	lit, ok := k.(*ast.Constant)
	if !ok || lit.Value.Kind != ast.IntValue || lit.Value.Big != nil {
		return nil, nil, false
	}
	want := int(lit.Value.Int)
	holds := func(n int) bool {
		switch op {
		case ast.Eq:
			return n == want
		case ast.NotEq:
			return n != want
		case ast.Lt:
			return n < want
		case ast.LtE:
			return n <= want
		case ast.Gt:
			return n > want
		case ast.GtE:
			return n >= want
		}
		return true
	}
	switch op {
	case ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE:
	default:
		return nil, nil, false
	}
	key, t, known := c.narrowable(fn.Args[0])
	if !known || t == nil {
		return nil, nil, false
	}
	items := unionItems(t)
	if _, isUnion := t.(*types.Union); !isUnion && homogeneousTupleItem(t) == nil {
		return nil, nil, false
	}
	var yes, no []types.Type
	for _, it := range items {
		tup, ok := it.(*types.Tuple)
		if item := homogeneousTupleItem(it); item != nil && (op == ast.Eq || op == ast.NotEq) && want >= 0 && want <= maxPreciseTuple {
			// tuple[T, ...] of a known length is a tuple of that many Ts.
			exact := &types.Tuple{Items: slices.Repeat([]types.Type{item}, want), Fallback: it.(*types.Instance)}
			if op == ast.Eq {
				yes, no = append(yes, exact), append(no, it)
			} else {
				yes, no = append(yes, it), append(no, exact)
			}
			continue
		}
		if !ok {
			yes, no = append(yes, it), append(no, it)
			continue
		}
		if holds(len(tup.Items)) {
			yes = append(yes, it)
		} else {
			no = append(no, it)
		}
	}
	side := func(ts []types.Type) typeMap {
		if len(ts) == 0 {
			return typeMap{key: &types.Never{}}
		}
		return typeMap{key: types.UnionOf(ts...)}
	}
	return side(yes), side(no), true
}

// maxPreciseTuple is the longest tuple a length test makes of a tuple of
// any length (mypy's MAX_PRECISE_TUPLE_SIZE).
const maxPreciseTuple = 8

// homogeneousTupleItem is T of tuple[T, ...], or nil.
func homogeneousTupleItem(t types.Type) types.Type {
	if inst, ok := t.(*types.Instance); ok && inst.Class.FullName == "builtins.tuple" && len(inst.Args) == 1 {
		return inst.Args[0]
	}
	return nil
}

// equalsNoneKeeps is what `e == None` leaves e where it holds: besides
// None (ifNone), the items of its type whose class defines its own __eq__
// (which may say equal to None), as mypy keeps them.
func (c *Checker) equalsNoneKeeps(e ast.Expr, ifNone typeMap) typeMap {
	key, t, known := c.narrowable(e)
	if !known || ifNone == nil {
		return ifNone
	}
	var kept []types.Type
	for _, it := range unionItems(t) {
		if _, isNone := it.(*types.NoneType); !isNone && !isAnyType(it) && customSpecialMethod(it, "__eq__") {
			kept = append(kept, it)
		}
	}
	if len(kept) == 0 {
		return ifNone
	}
	if _, never := ifNone[key].(*types.Never); !never {
		kept = append(kept, ifNone[key])
	}
	return typeMap{key: types.SimplifiedUnion(kept...)}
}

// noneCondition narrows `e is None`: the maps of when it is and when it
// is not.
func (c *Checker) noneCondition(e ast.Expr) (typeMap, typeMap) {
	key, t, known := c.narrowable(e)
	if !known {
		return nil, nil
	}
	none := typeMap{key: &types.NoneType{}}
	var notNone typeMap
	if rest := removeNone(t); rest != nil {
		notNone = typeMap{key: rest}
	}
	// A side no value can take cannot run.
	if _, isNone := t.(*types.NoneType); isNone {
		notNone = typeMap{key: &types.Never{}}
	} else if c.strictOptional && excludesNone(t) {
		none = typeMap{key: &types.Never{}}
	}
	return none, notNone
}

// singletonLiteral is the literal type of an expression that names one
// object: True, False, a member of an enum (E.A), or a value whose type is
// one of those literals; nil for others.
func (c *Checker) singletonLiteral(e ast.Expr) *types.Literal {
	switch x := e.(type) {
	case *ast.Constant:
		if x.Value.Kind == ast.TrueValue || x.Value.Kind == ast.FalseValue {
			if b, ok := c.builtinInstance("bool").(*types.Instance); ok {
				return &types.Literal{Value: types.LiteralValue{Kind: types.LitBool, Bool: x.Value.Kind == ast.TrueValue}, Fallback: b}
			}
		}
	case *ast.Attribute:
		if i, ok := c.exprQuiet(x).(*types.Instance); ok && i.LastKnownValue != nil && i.LastKnownValue.Value.Kind == types.LitEnum {
			return i.LastKnownValue
		}
	}
	// A value declared as one member (y: Literal[Foo.A]).
	if lit, ok := c.exprQuiet(e).(*types.Literal); ok && (lit.Value.Kind == types.LitEnum || lit.Value.Kind == types.LitBool) {
		return lit
	}
	return nil
}

// identityCondition narrows `e is lit` for a singleton literal: to lit
// where e's type can be it, and to the rest of its type (a bool or an
// enum taken apart into its values) where it is not.
func (c *Checker) identityCondition(e ast.Expr, lit *types.Literal) (typeMap, typeMap) {
	key, t, known := c.narrowable(e)
	if !known || t == nil {
		return nil, nil
	}
	items := unionItems(t)
	var yes, no []types.Type
	for _, it := range items {
		switch x := it.(type) {
		case *types.Literal:
			if types.Verbose(x) == types.Verbose(lit) {
				yes = append(yes, x)
			} else {
				no = append(no, x)
			}
			continue
		case *types.Instance:
			if x.LastKnownValue == nil && x.Class == lit.Fallback.Class {
				yes = append(yes, lit)
				no = append(no, c.literalsBut(x, lit)...)
				continue
			}
			if x.LastKnownValue != nil && x.Class == lit.Fallback.Class {
				if types.Verbose(x.LastKnownValue) == types.Verbose(lit) {
					yes = append(yes, lit)
				} else {
					no = append(no, x)
				}
				continue
			}
			if x.Class.FullName == "builtins.object" || types.IsSubtype(lit.Fallback, x) {
				yes = append(yes, lit)
			}
		case *types.Any, *types.TypeVar:
			yes = append(yes, lit)
		}
		no = append(no, it)
	}
	side := func(ts []types.Type) types.Type {
		if len(ts) == 0 {
			return &types.Never{}
		}
		return types.SimplifiedUnion(ts...)
	}
	return typeMap{key: side(yes)}, typeMap{key: side(no)}
}

// literalsBut takes a bool or an enum with members apart into its values,
// all but lit, in the order the enum's body defines them (mypy's
// try_expanding_sum_type_to_union); other instances stay whole.
func (c *Checker) literalsBut(x *types.Instance, lit *types.Literal) []types.Type {
	if lit.Fallback != nil && lit.Fallback.Class == x.Class {
		if lits := c.literalsOf(x); lits != nil {
			return slices.DeleteFunc(lits, func(l types.Type) bool { return types.Verbose(l) == types.Verbose(lit) })
		}
	}
	return []types.Type{x}
}

// refineAwayNone is what `e == other` tells when true of an optional e
// and an other that cannot be None, or is Any: e is not None (mypy's
// refine_away_none_in_comparison, to which Any is not optional); nil when
// it tells nothing.
func (c *Checker) refineAwayNone(e, other ast.Expr) typeMap {
	key, rest, ok := c.optionalNarrowable(e)
	if !ok {
		return nil
	}
	if ot := c.exprQuiet(other); !excludesNone(ot) && !isAnyType(ot) {
		return nil
	}
	return typeMap{key: rest}
}

// optionalNarrowable is the narrowing key of an optional expression and
// its type without None, under strict optional; ok is false otherwise.
func (c *Checker) optionalNarrowable(e ast.Expr) (key string, rest types.Type, ok bool) {
	if !c.strictOptional {
		return "", nil, false
	}
	key, t, known := c.narrowable(e)
	if !known || t == nil {
		return "", nil, false
	}
	rest = removeNone(t)
	return key, rest, rest != nil
}

// inCondition is what `e in container` tells when true of an optional e
// and a builtin container whose items cannot be None: e is not None.
func (c *Checker) inCondition(e, container ast.Expr) typeMap {
	key, rest, ok := c.optionalNarrowable(e)
	if !ok {
		return nil
	}
	var item types.Type
	switch ct := c.exprQuiet(container).(type) {
	case *types.Tuple:
		item = c.iterate(ct)
	case *types.Instance:
		switch ct.Class.FullName {
		case "builtins.list", "builtins.set", "builtins.frozenset", "builtins.dict", "builtins.tuple",
			"collections.deque", "collections.OrderedDict", "collections.defaultdict":
			if len(ct.Args) > 0 {
				item = ct.Args[0]
			}
		}
	}
	if item == nil || !excludesNone(item) {
		return nil
	}
	if i, ok := item.(*types.Instance); ok && i.Class.FullName == "builtins.object" {
		return nil
	}
	return typeMap{key: rest}
}

// withTruth is an instance known to have a truth.
func withTruth(x *types.Instance, truth types.Truth) *types.Instance {
	if x.Truth == truth {
		return x
	}
	y := *x
	y.Truth = truth
	return &y
}

// excludesNone reports whether no value of a type is None: instances of
// classes other than object and protocols, literals, tuples, functions.
func excludesNone(t types.Type) bool {
	switch x := t.(type) {
	case *types.Instance:
		return x.Class.FullName != "builtins.object" && !x.Class.IsProtocol && !anyBased(x.Class)
	case *types.Literal, *types.Tuple, *types.Callable:
		return true
	case *types.Union:
		for _, it := range x.Items {
			if !excludesNone(it) {
				return false
			}
		}
		return true
	}
	return false
}

// issubclassCondition narrows issubclass(x, C) for a class object x
// (type, type[A], a union of them) as isinstance narrows its instances.
func (c *Checker) issubclassCondition(call *ast.Call) (typeMap, typeMap) {
	key, current, ok := c.callSubject(call, "issubclass", 2)
	if !ok || current == nil {
		return nil, nil
	}
	items := []types.Type{current}
	if u, ok := current.(*types.Union); ok {
		items = u.Items
	}
	var instances []types.Type
	for _, it := range items {
		switch x := it.(type) {
		case *types.TypeType:
			instances = append(instances, x.Item)
		case *types.Instance:
			if x.Class.FullName != "builtins.type" {
				return nil, nil
			}
			instances = append(instances, c.object())
		default:
			return nil, nil
		}
	}
	targets, bounded, ok := c.classTargets(call.Args[1])
	if !ok {
		return nil, nil
	}
	ifTrue, ifFalse := c.narrowByClasses(key, types.UnionOf(instances...), targets, bounded)
	toType := func(m typeMap) typeMap {
		t, ok := m[key]
		if !ok {
			return m
		}
		if _, never := t.(*types.Never); never {
			return m
		}
		var out []types.Type
		for _, it := range unionItems(t) {
			out = append(out, &types.TypeType{Item: it})
		}
		return typeMap{key: types.UnionOf(out...)}
	}
	return toType(ifTrue), toType(ifFalse)
}

// unionItems are a union's items, or the type itself.
func unionItems(t types.Type) []types.Type {
	if u, ok := t.(*types.Union); ok {
		return u.Items
	}
	return []types.Type{t}
}

// classTargets are the instances of the classes an isinstance or
// issubclass check names (a class, a tuple of them, a constant tuple;
// type(None) is None's class); ok is false for anything else. bounded
// marks those a value of type type[C] or type[T] gives (mypy's upper-bound
// type ranges): the class may be a subclass of C, so a value that fails
// the check may still be a C.
func (c *Checker) classTargets(e ast.Expr) (targets []types.Type, bounded []bool, ok bool) {
	classExprs := []ast.Expr{e}
	if tup, ok := e.(*ast.Tuple); ok {
		classExprs = tup.Elts
	}
	for _, ce := range classExprs {
		t := c.exprQuiet(ce)
		classes := []types.Type{t}
		if tup, ok := t.(*types.Tuple); ok {
			classes = tup.Items // a constant tuple of classes
		}
		for _, ct := range classes {
			if tt, ok := ct.(*types.TypeType); ok {
				item := tt.Item
				if tv, ok := item.(*types.TypeVar); ok && len(tv.Values) == 0 {
					if _, ok := tv.Bound.(*types.Instance); ok {
						// type[T], type(t) of t: T, self.__class__: narrowed
						// to T, as mypy does.
						targets, bounded = append(targets, tv), append(bounded, true)
						continue
					}
				}
				if none, ok := item.(*types.NoneType); ok {
					targets, bounded = append(targets, none), append(bounded, false) // type(None)
					continue
				}
				inst, isInst := item.(*types.Instance)
				if !isInst {
					return nil, nil, false
				}
				// self.__class__, a variable of type type[C] (C itself when
				// it is final: no class derives from it)
				targets, bounded = append(targets, inst), append(bounded, !inst.Class.Final)
				continue
			}
			cls := typeObject(ct)
			if cls == nil {
				return nil, nil, false
			}
			targets = append(targets, &types.Instance{Class: cls, Args: anyArgs(len(cls.TypeParams))})
			bounded = append(bounded, false)
		}
	}
	return targets, bounded, true
}

// isinstanceCondition narrows isinstance(x, C) and isinstance(x, (C, D)).
func (c *Checker) isinstanceCondition(call *ast.Call) (typeMap, typeMap) {
	key, current, ok := c.callSubject(call, "isinstance", 2)
	if !ok {
		return nil, nil
	}
	if t, isAny := c.exprQuiet(call.Args[1]).(*types.Any); isAny {
		// A class that is Any (an import not followed): the value is Any
		// where the check holds, and what it was where it fails.
		return typeMap{key: t}, nil
	}
	targets, bounded, ok := c.classTargets(call.Args[1])
	if !ok {
		return nil, nil
	}
	return c.narrowByClasses(key, current, targets, bounded)
}

// narrowByClasses is narrowToClasses for an isinstance or issubclass
// check, where a bounded target (a class given by a type[C] value) may be
// a subclass of its class: what fails the check is narrowed only by the
// exact targets (not at all when there are none), as mypy's upper-bound
// type ranges are.
func (c *Checker) narrowByClasses(key string, current types.Type, targets []types.Type, bounded []bool) (typeMap, typeMap) {
	ifTrue, ifFalse := c.narrowToClasses(key, current, targets)
	if !slices.Contains(bounded, true) {
		return ifTrue, ifFalse
	}
	var exact []types.Type
	for i, t := range targets {
		if !bounded[i] {
			exact = append(exact, t)
		}
	}
	if len(exact) == 0 {
		return ifTrue, nil
	}
	_, ifFalse = c.narrowToClasses(key, current, exact)
	return ifTrue, ifFalse
}

// typeVarOver reports a target type variable (type(x) is t, of t:
// type[T]) whose bound an item is a subtype of: such an item may be an
// instance of T, which mypy narrows it to.
func typeVarOver(target, it types.Type) bool {
	tv, ok := target.(*types.TypeVar)
	return ok && tv.Bound != nil && !isAnyType(it) && types.IsSubtype(it, tv.Bound)
}

// narrowToClasses narrows the value under key, of type current, to
// instances of the target classes (isinstance, a class pattern): the maps
// of the types it has when it is one and when it is not.
func (c *Checker) narrowToClasses(key string, current types.Type, targets []types.Type) (typeMap, typeMap) {
	var yes, no []types.Type
	var both [][2]*types.Instance // unrelated item and class checked for
	items := []types.Type{current}
	if u, ok := current.(*types.Union); ok {
		items = u.Items
	}
	for _, it := range items {
		switch it.(type) {
		case *types.Instance, *types.Literal, *types.NoneType, *types.Any, *types.Tuple, *types.Callable, *types.Overloaded, *types.TypeType:
		default:
			return nil, nil // type variables...: not narrowed yet
		}
	}
	var promotedOnly []types.Type // items of a class checked for only by a promotion (int for complex)
	for _, it := range items {
		matched, promoted, before := false, false, len(yes)
		for _, target := range targets {
			switch {
			case isTypedDictOfDict(it, target):
				// A TypedDict is a dict at run time (mypy's
				// covers_at_runtime).
				yes = append(yes, it)
				matched = true
			case types.IsSubtypeStrict(it, target):
				if _, isAny := it.(*types.Any); isAny {
					yes = append(yes, target)
				} else {
					yes = append(yes, it)
				}
				matched = true
			case types.IsSubtype(target, it):
				yes = append(yes, target)
			case typeVarOver(target, it):
				yes = append(yes, target) // (an instance of T may be one of it)
			case types.IsSubtype(it, target):
				promoted = true
			default:
				if a, b := instanceOf(it), instanceOf(target); a != nil && b != nil {
					both = append(both, [2]*types.Instance{a, b})
				}
			}
		}
		if promoted && len(yes) == before {
			promotedOnly = append(promotedOnly, it)
		}
		if !matched {
			no = append(no, it)
		} else if _, isAny := it.(*types.Any); isAny {
			no = append(no, it)
		}
	}
	// No item is an instance of a class checked for, but one could be of
	// a subclass of both: mypy narrows to that ad-hoc subclass, `<subclass
	// of "A" and "B">`, unless the two classes' members conflict or their
	// bases have no consistent order. Between builtins typd does not make
	// the subclass (it leaves the value unnarrowed) but tells a conflict.
	if len(yes) == 0 {
		// An item that is one only by a promotion may be one, and may not
		// be one at run time.
		yes = promotedOnly
	}
	impossible := len(yes) == 0
	if len(yes) == 0 {
		// As mypy, no subclass is made when an item is not an instance
		// (None, a tuple) or a class checked for is a named tuple.
		intersectable := true
		for _, it := range items {
			if _, isNone := it.(*types.NoneType); !isNone && instanceOf(it) == nil && !(isClassObject(it) && !anyMetaclass(targets)) {
				impossible = false // (a function, a class object of a metaclass checked for...)
			}
			if _, isInst := it.(*types.Instance); !isInst {
				intersectable = false
			}
		}
		for _, pair := range both {
			if !intersectable || types.TupleView(pair[1]) != nil {
				continue
			}
			if c.membersConflict(pair[0], pair[1]) && c.membersConflict(pair[1], pair[0]) {
				continue
			}
			if !mayIntersect(pair[0], pair[1]) {
				impossible = false
				continue
			}
			if cls, ok := c.p.Intersection(c.m.Name, pair[0], pair[1]); ok {
				yes = append(yes, &types.Instance{Class: cls})
			}
		}
	}
	// A side that cannot happen is unreachable in mypy.
	var ifTrue, ifFalse typeMap
	switch {
	case len(yes) > 0:
		ifTrue = typeMap{key: types.SimplifiedUnion(yes...)}
	case impossible:
		ifTrue = typeMap{key: &types.Never{}}
	}
	if len(no) > 0 {
		ifFalse = typeMap{key: types.SimplifiedUnion(no...)}
	} else if len(items) > 0 {
		ifFalse = typeMap{key: &types.Never{}} // always one: the other side is unreachable
	}
	return ifTrue, ifFalse
}

// isClassObject reports a class object: type[C], or a class's constructor.
func isClassObject(t types.Type) bool {
	_, isType := t.(*types.TypeType)
	return isType || types.ClassObject(t) != nil
}

// anyMetaclass reports a target class of isinstance that a class object
// may be an instance of: type or a class derived from it (a metaclass).
func anyMetaclass(targets []types.Type) bool {
	for _, t := range targets {
		inst := instanceOf(t)
		if inst == nil || slices.ContainsFunc(inst.Class.MRO, func(k *types.Class) bool { return k.FullName == "builtins.type" }) {
			return true
		}
	}
	return false
}

// instanceOf is the instance a value of type t is (a tuple's fallback),
// or nil.
func instanceOf(t types.Type) *types.Instance {
	switch x := t.(type) {
	case *types.Instance:
		return x
	case *types.Tuple:
		return x.Fallback
	}
	return nil
}

// membersConflict reports whether a subclass of a's class and then b's
// could not exist because a member both define (in classes that are not
// bases of the other) is incompatible, as mypy's check of multiple
// inheritance finds it: a method of a's side that is not a subtype of
// b's, or variables of types that are not equivalent.
func (c *Checker) membersConflict(a, b *types.Instance) bool {
	inB := map[*types.Class]bool{}
	for _, k := range b.Class.MRO {
		inB[k] = true
	}
	inA := map[*types.Class]bool{}
	for _, k := range a.Class.MRO {
		inA[k] = true
	}
	seen := map[string]bool{}
	for _, k := range a.Class.MRO {
		if inB[k] {
			continue
		}
		for _, name := range slices.Sorted(maps.Keys(k.Members)) { // (a fixed order, as in matchProtocol)
			if seen[name] || skipInMultipleInheritance(name) {
				continue
			}
			seen[name] = true
			if owner, _ := a.Class.Lookup(name); owner == nil {
				continue
			}
			_, ownerB := b.Class.Lookup(name)
			if ownerB == nil || inA[ownerB] {
				continue
			}
			ta, tb := c.member(a, name), c.member(b, name)
			if isAnyType(ta) || isAnyType(tb) {
				continue
			}
			fa, fb := isFunctionLike(ta), isFunctionLike(tb)
			switch {
			case fa && fb:
				if !types.IsSubtype(ta, tb) {
					return true
				}
			case !fa && !fb:
				if !types.IsSubtype(ta, tb) || !types.IsSubtype(tb, ta) {
					return true
				}
			}
		}
	}
	return false
}

// skipInMultipleInheritance are the names mypy lets bases define
// incompatibly: constructors, and private names.
func skipInMultipleInheritance(name string) bool {
	switch name {
	case "__init__", "__new__", "__init_subclass__", "__slots__", "__hash__", "__replace__":
		return true
	}
	return strings.HasPrefix(name, "__") && !strings.HasSuffix(name, "__")
}

// isFunctionLike reports a function or overloaded function type.
func isFunctionLike(t types.Type) bool {
	switch t.(type) {
	case *types.Callable, *types.Overloaded:
		return true
	}
	return false
}

// mayIntersect reports two instances of unrelated classes of the program
// (not builtins) that a common subclass could both be.
func mayIntersect(a, b types.Type) bool {
	ai, ok1 := a.(*types.Instance)
	bi, ok2 := b.(*types.Instance)
	return ok1 && ok2 && ai.Class.Module != "builtins" && bi.Class.Module != "builtins"
}

// boolCondition combines the maps of `a and b` and `a or b`.
func (c *Checker) boolCondition(x *ast.BoolOp) (typeMap, typeMap) {
	var ifTrue, ifFalse typeMap
	// Each operand is read under what the ones before it said (true for
	// and, false for or); the scope is left as it was.
	vars := c.scopeVars()
	before := vars.narrowed.fork()
	defer vars.narrowed.drop(before)
	for i, v := range x.Values {
		if i > 0 {
			if x.Op == ast.And {
				c.apply(ifTrue)
			} else {
				c.apply(ifFalse)
			}
		}
		t, f := c.condition(v)
		if i == 0 {
			ifTrue, ifFalse = t, f
			continue
		}
		if x.Op == ast.And {
			ifTrue = merge(ifTrue, t)
			ifFalse = either(ifFalse, f)
		} else {
			ifFalse = merge(ifFalse, f)
			ifTrue = either(ifTrue, t)
		}
	}
	return ifTrue, ifFalse
}

// merge combines maps that both hold (the later wins per name).
func merge(a, b typeMap) typeMap {
	out := typeMap{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// either keeps the names both maps narrow, as the union of their types.
func either(a, b typeMap) typeMap {
	out := typeMap{}
	for k, v := range a {
		if w, ok := b[k]; ok {
			out[k] = types.SimplifiedUnion(v, w)
		}
	}
	return out
}

// apply narrows the current scope's names by a map.
func (c *Checker) apply(m typeMap) {
	v := c.scopeVars()
	for name, t := range m {
		if name != "" {
			v.narrowed.set(name, t)
		}
	}
}

// enclosingVar reports whether a name read in a function is a variable of
// an enclosing function or of the module (not a function, class or
// module), with its type.
func (c *Checker) enclosingVar(name string) (types.Type, bool) {
	for i := len(c.frames) - 2; i >= 0; i-- {
		f := c.frames[i]
		if f.isClass {
			continue
		}
		if t, ok := f.vars.lookup(name); ok {
			return t, true
		}
	}
	t, ok := c.p.Resolve(c.m.Name, name)
	if !ok || t.Sym == nil || t.Sym.Kind != semanal.Var || t.Owner != c.m.Name {
		return nil, false
	}
	return nil, true
}

// truthMethodLiteral reports an instance whose __bool__ (or else
// __len__) is declared to return a literal that is true (Literal[True],
// Literal[1]) when truthy is set, else false (Literal[False],
// Literal[0]).
func (c *Checker) truthMethodLiteral(x *types.Instance, truthy bool) bool {
	for _, name := range []string{"__bool__", "__len__"} {
		m, _ := x.Class.Lookup(name)
		if m == nil {
			continue
		}
		f, ok := m.TypeOf().(*types.Callable)
		if !ok {
			return false
		}
		lit, ok := f.Ret.(*types.Literal)
		return ok && (lit.Value != (types.LiteralValue{Kind: lit.Value.Kind})) == truthy
	}
	return false
}

// restrictTruth is the part of a type whose values are truthy (truthy
// set) or falsy, as mypy's true_only and false_only: None is never
// truthy, a bool is True or False, an instance of a class without
// __bool__ or __len__ is never falsy (a falsy int or str stays int or
// str). nil when no value is left.
func (c *Checker) restrictTruth(t types.Type, truthy bool) types.Type {
	if u, ok := t.(*types.Union); ok {
		var out []types.Type
		for _, it := range u.Items {
			if r := c.restrictTruth(it, truthy); r != nil {
				out = append(out, r)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return types.SimplifiedUnion(out...)
	}
	switch x := t.(type) {
	case *types.NoneType:
		if truthy {
			return nil
		}
		return t
	case *types.Instance:
		if truthy && x.Truth == types.OnlyFalse || !truthy && x.Truth == types.OnlyTrue {
			return nil
		}
		if truthy {
			if x.Class.FullName == "builtins.bool" {
				return &types.Literal{Value: types.LiteralValue{Kind: types.LitBool, Bool: true}, Fallback: x}
			}
			if c.truthMethodLiteral(x, false) {
				return nil
			}
			return withTruth(x, types.OnlyTrue)
		}
		if x.Class.FullName == "builtins.bool" {
			return &types.Literal{Value: types.LiteralValue{Kind: types.LitBool}, Fallback: x}
		}
		if knownMembers(x.Class) && c.lacksMethod(x, "__bool__") && c.lacksMethod(x, "__len__") &&
			(x.Class.Final || x.Class.IsEnum()) {
			return nil // (a subclass of another class may define __bool__)
		}
		if c.truthMethodLiteral(x, true) {
			return nil
		}
		return withTruth(x, types.OnlyFalse)
	case *types.Literal:
		falsy := x.Value == (types.LiteralValue{Kind: x.Value.Kind})
		if falsy == truthy {
			return nil
		}
	case *types.Tuple:
		// A fixed-length tuple is as true as it is long, unless its class
		// (a named tuple's) defines __bool__.
		if x.Fallback != nil && x.Fallback.Class.Members["__bool__"] != nil {
			return t
		}
		if truthy == (len(x.Items) == 0) {
			return nil
		}
	}
	return t
}

// isTypedDictOfDict reports a TypedDict checked for being a dict.
func isTypedDictOfDict(t, target types.Type) bool {
	_, _, ok := types.TypedDictOf(t)
	inst, isInst := target.(*types.Instance)
	return ok && isInst && inst.Class.FullName == "builtins.dict"
}

// writtenLiteral is the literal an expression of type t (nil: not
// inferred yet) stands for where a literal is expected: a written
// constant (negated or not), an enum's member, a Final name given one
// (mypy's infer_literal_expr_type and analyze_var_ref); nil for others.
func (c *Checker) writtenLiteral(e ast.Expr, t types.Type) *types.Literal {
	if !writesLiteral(e) && !c.namesFinalLiteral(e) {
		return nil
	}
	if t == nil {
		t = c.exprQuiet(e)
	}
	switch x := t.(type) {
	case *types.Literal:
		return x
	case *types.Instance:
		return x.LastKnownValue
	}
	return nil
}

// literalEqualityCondition narrows `x == lit` for an x whose type is made
// of literals only (a union of them, or an enum or bool taken apart) of
// classes that compare by value, as mypy narrows equality: where it holds,
// to lit; where it does not, to the other literals. ok is false when x
// holds anything else, which a custom __eq__ might find equal.
func (c *Checker) literalEqualityCondition(e ast.Expr, lit *types.Literal) (ifTrue, ifFalse typeMap, ok bool) {
	key, t, known := c.narrowable(e)
	if !known || t == nil {
		return nil, nil, false
	}
	var items []types.Type
	var yes, no []types.Type
	for _, it := range unionItems(t) {
		if inst, ok := it.(*types.Instance); ok && inst.LastKnownValue != nil {
			it = inst.LastKnownValue
		}
		if lits := c.literalsOf(it); lits != nil {
			items = append(items, lits...)
			continue
		}
		if _, isNone := it.(*types.NoneType); isNone {
			no = append(no, it) // (None equals only itself)
			continue
		}
		return nil, nil, false
	}
	for _, it := range items {
		l := it.(*types.Literal)
		if !comparesByValue(l.Fallback.Class) {
			return nil, nil, false
		}
		if types.Verbose(l) == types.Verbose(lit) {
			yes = append(yes, l)
		} else {
			no = append(no, l)
		}
	}
	side := func(ts []types.Type) types.Type {
		if len(ts) == 0 {
			return &types.Never{}
		}
		return types.SimplifiedUnion(ts...)
	}
	return typeMap{key: side(yes)}, typeMap{key: side(no)}, true
}

// literalsOf is a literal type as itself, or an enum with members or a
// bool as its values' literals; nil for other types.
func (c *Checker) literalsOf(t types.Type) []types.Type {
	switch x := t.(type) {
	case *types.Literal:
		if x.Fallback == nil {
			return nil
		}
		return []types.Type{x}
	case *types.Instance:
		if x.LastKnownValue == nil && x.Class.IsEnum() {
			var out []types.Type
			for _, name := range c.enumMembersInOrder(x.Class) {
				out = append(out, enumLiteral(x.Class, name))
			}
			if len(out) > 0 {
				return out // (in the body's order)
			}
		}
		return types.ExpandLiterals(x) // (a bool)
	}
	return nil
}

// comparesByValue reports a class whose instances are equal only when
// their values are: str, bytes, int and bool, and enums that define no
// __eq__ of their own.
func comparesByValue(cls *types.Class) bool {
	switch cls.FullName {
	case "builtins.str", "builtins.bytes", "builtins.int", "builtins.bool":
		return true
	}
	if !cls.IsEnum() {
		return false
	}
	_, owner := cls.Lookup("__eq__")
	return owner == nil || owner.Module == "enum" || owner.FullName == "builtins.object"
}

// parentCondition narrows, in a map that narrows a member or item
// expression (x.attr, x[0], x['key']), the value x itself to the items of
// its union whose member or item may have the narrowed type (mypy's
// propagation of a narrowing to the parent), and so on up the chain.
func (c *Checker) parentCondition(e ast.Expr, m typeMap) {
	narrowed, ok := m[exprKey(e)]
	if !ok {
		return
	}
	var parentExpr ast.Expr
	switch x := e.(type) {
	case *ast.Attribute:
		parentExpr = x.Value
	case *ast.Subscript:
		parentExpr = x.Value
	default:
		return
	}
	key, parent, known := c.narrowable(parentExpr)
	u, isUnion := parent.(*types.Union)
	if !known || !isUnion {
		return
	}
	var keep []types.Type
	for _, it := range u.Items {
		part := c.partOf(it, e)
		if part == nil || isAnyType(part) || types.Overlapping(part, narrowed, c.strictOptional) {
			keep = append(keep, it)
		}
	}
	if len(keep) == len(u.Items) {
		return
	}
	if len(keep) == 0 {
		m[key] = &types.Never{}
	} else {
		m[key] = types.SimplifiedUnion(keep...)
	}
	c.parentCondition(parentExpr, m)
}

// partOf is the type a member or item expression (x.attr, x[0] of a
// tuple, x['key'] of a TypedDict) has when its parent has type parent;
// nil when that is not known.
func (c *Checker) partOf(parent types.Type, e ast.Expr) types.Type {
	switch x := e.(type) {
	case *ast.Attribute:
		return c.member(parent, x.Attr)
	case *ast.Subscript:
		k, ok := x.Slice.(*ast.Constant)
		if !ok {
			return nil
		}
		switch k.Value.Kind {
		case ast.IntValue:
			if tup, ok := parent.(*types.Tuple); ok {
				return tupleItemAt(tup, x.Slice)
			}
		case ast.StrValue:
			var t types.Type
			c.quietly(func() {
				if item, ok := c.typedDictsIndex(parent, x.Slice, c.expr(x.Slice)); ok {
					t = item
				}
			})
			return t
		}
	}
	return nil
}
