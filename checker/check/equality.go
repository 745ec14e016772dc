package check

import (
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// comparisonKind is what a non-overlapping comparison compares, in mypy's
// words: "equality", "identity" or "container".
type comparisonKind string

const (
	equalityCheck  comparisonKind = "equality"
	identityCheck  comparisonKind = "identity"
	containerCheck comparisonKind = "container"
)

// checkStrictEquality reports, under --strict-equality, a comparison of
// one operand pair that can never be true ([comparison-overlap]): `==`,
// `!=`, `is`, `is not`, `in` and `not in` between types no value has
// both of, as mypy's dangerous_comparison judges them. left and right are
// the operands' types before widening (literals kept).
func (c *Checker) checkStrictEquality(x *ast.Compare, op ast.CmpOp, leftExpr, rightExpr ast.Expr, left, right types.Type) {
	if !c.settings.StrictEquality || !c.checked() || c.quiet > 0 || c.unbound > 0 {
		return
	}
	if f := c.top(); f != nil && f.valueRestricted {
		// In a function generic over a type variable with values, mypy
		// checks the body once per value and says nothing here.
		return
	}
	if !c.certain(leftExpr) || !c.comparable(left) || c.partialNone(leftExpr, left) || c.changesInLoop(leftExpr) ||
		!c.certainContainer(rightExpr) || c.partialNone(rightExpr, right) || c.changesInLoop(rightExpr) {
		return
	}
	switch op {
	case ast.Eq, ast.NotEq:
		if !c.comparable(right) {
			return
		}
		if c.dangerous(left, right, nil, true, false, 0) {
			c.reportOverlap(x, equalityCheck, literalOf(left), literalOf(right))
		}
	case ast.Is, ast.IsNot:
		if !c.comparable(right) {
			return
		}
		if c.dangerous(left, right, nil, true, true, 0) {
			c.reportOverlap(x, identityCheck, literalOf(left), literalOf(right))
		}
	case ast.In, ast.NotIn:
		item, ok := c.containerItem(right)
		if !ok || !c.comparable(item) || types.IsSubtype(left, item) {
			return
		}
		if c.dangerous(left, item, right, false, false, 0) {
			c.reportOverlap(x, containerCheck, widen(left), widen(item))
		}
	}
}

// reportOverlap reports a non-overlapping comparison in mypy's words.
func (c *Checker) reportOverlap(x *ast.Compare, kind comparisonKind, left, right types.Type) {
	leftName, rightName := "left operand", "right operand"
	if kind == containerCheck {
		leftName, rightName = "element", "container item"
	}
	l, r := types.FormatPair(left, right, c.formatOptions())
	c.report(&x.Span, diag.Error, diag.CodeComparisonOverlap, diag.NonOverlapping(string(kind), leftName, l, rightName, r))
}

// dangerous reports whether a comparison of values of types left and
// right can never be true, by mypy's rules: a class with its own __eq__
// may equal anything (not for identity); None may be compared with
// anything (unless --strict-equality-for-none); two optional types are
// compared without their None; sets, mappings, lists and tuples are
// compared by their items; bytes, bytearray and memoryview values compare
// equal to each other. container is the right operand of an `in`, nil
// otherwise; preferLiteral compares a value's known literal.
func (c *Checker) dangerous(left, right, container types.Type, preferLiteral, identity bool, depth int) bool {
	if depth > 16 {
		return false
	}
	if !identity && (customSpecialMethod(left, "__eq__") || customSpecialMethod(right, "__eq__")) {
		return false
	}
	if preferLiteral {
		left, right = literalOf(left), literalOf(right)
	}
	_, leftNone := left.(*types.NoneType)
	_, rightNone := right.(*types.NoneType)
	if c.settings.StrictEqualityForNone {
		if leftNone && rightNone {
			return false
		}
	} else if leftNone || rightNone {
		return false
	}
	if lu, ok := left.(*types.Union); ok {
		if ru, ok := right.(*types.Union); ok {
			if r := removeNone(lu); r != nil {
				left = r
			}
			if r := removeNone(ru); r != nil {
				right = r
			}
		}
	}
	if container != nil && hasBytes(container) && hasBytes(left) {
		return false // b'a' in b'abc', 97 in b'abc'
	}
	li, lok := left.(*types.Instance)
	ri, rok := right.(*types.Instance)
	if lok && rok {
		ln, rn := li.Class.FullName, ri.Class.FullName
		switch {
		case setsByItems[ln] && setsByItems[rn]:
			ls, rs := c.typingInstanceView(li, "AbstractSet"), c.typingInstanceView(ri, "AbstractSet")
			if ls == nil || rs == nil || len(ls.Args) != 1 || len(rs.Args) != 1 {
				return false
			}
			return c.dangerous(ls.Args[0], rs.Args[0], nil, true, false, depth+1)
		case hasBase(li.Class, "typing.Mapping") && hasBase(ri.Class, "typing.Mapping"):
			lm, rm := c.typingInstanceView(li, "Mapping"), c.typingInstanceView(ri, "Mapping")
			if lm == nil || rm == nil || len(lm.Args) != 2 || len(rm.Args) != 2 {
				return false
			}
			return c.dangerous(lm.Args[0], rm.Args[0], nil, true, false, depth+1) ||
				c.dangerous(lm.Args[1], rm.Args[1], nil, true, false, depth+1)
		case (ln == "builtins.list" || ln == "builtins.tuple") && rn == ln:
			if len(li.Args) != 1 || len(ri.Args) != 1 {
				return false
			}
			return c.dangerous(li.Args[0], ri.Args[0], nil, true, false, depth+1)
		case bytesLike[ln] && bytesLike[rn]:
			return false
		}
	}
	ll, llit := left.(*types.Literal)
	rl, rlit := right.(*types.Literal)
	if llit && rlit && ll.Value.Kind == types.LitBool && rl.Value.Kind == types.LitBool {
		return false // comparing different booleans is fine
	}
	if llit && rok && isBytesLiteral(ll) && hasBase(ri.Class, "builtins.bytearray") ||
		rlit && lok && isBytesLiteral(rl) && hasBase(li.Class, "builtins.bytearray") {
		return false
	}
	return !types.Overlapping(left, right, c.settings.StrictOptional)
}

// setsByItems are the classes whose equality mypy knows compares items only
// (all of them sets).
var setsByItems = map[string]bool{"builtins.set": true, "builtins.frozenset": true, "typing.KeysView": true,
	"typing.ItemsView": true, "_collections_abc.dict_keys": true, "_collections_abc.dict_items": true}

// bytesLike are the classes whose values compare equal across classes.
var bytesLike = map[string]bool{"builtins.bytes": true, "builtins.bytearray": true, "builtins.memoryview": true}

// certainContainer is certain, and also accepts list and set displays
// of certain items (the right operand of `in`).
func (c *Checker) certainContainer(e ast.Expr) bool {
	var elts []ast.Expr
	switch x := e.(type) {
	case *ast.List:
		elts = x.Elts
	case *ast.Set:
		elts = x.Elts
	default:
		return c.certain(e)
	}
	for _, el := range elts {
		if _, star := el.(*ast.Starred); star || !c.certain(el) {
			return false
		}
	}
	return len(elts) > 0
}

// containerItem is the item type of the right operand of `in` when it is a
// container by its class (it derives from typing.Container; a tuple's
// items are joined), or a union of such.
func (c *Checker) containerItem(t types.Type) (types.Type, bool) {
	switch x := t.(type) {
	case *types.Union:
		var items []types.Type
		for _, it := range x.Items {
			if item, ok := c.containerItem(it); ok {
				items = append(items, item)
			}
		}
		if len(items) == 0 {
			return nil, false
		}
		return types.SimplifiedUnion(items...), true
	case *types.Tuple:
		if len(x.Items) == 0 {
			return nil, false
		}
		return types.SimplifiedUnion(widenAll(x.Items)...), true
	case *types.Instance:
		if v := c.typingInstanceView(x, "Container"); v != nil && len(v.Args) == 1 {
			return v.Args[0], true
		}
	}
	return nil, false
}

// comparable reports whether an operand's type is modelled closely enough
// for a comparison to be judged: what judgeable accepts, class objects of
// such classes, and functions.
func (c *Checker) comparable(t types.Type) bool {
	switch x := t.(type) {
	case *types.TypeType:
		return c.comparable(x.Item)
	case *types.Callable:
		if x.TypeObject != nil {
			return judgeableClass(x.TypeObject)
		}
		return true
	case *types.Union:
		for _, it := range x.Items {
			if !c.comparable(it) {
				return false
			}
		}
		return true
	}
	return judgeable(t, false)
}

// changesInLoop reports an operand whose variables an enclosing loop of
// the function assigns: its type may differ from one iteration to the
// next, and mypy reports only what every iteration has in common, which
// a single walk cannot tell.
func (c *Checker) changesInLoop(e ast.Expr) bool {
	if len(c.loops) == 0 {
		return false
	}
	changes := false
	ast.Inspect(e, func(n ast.Node) bool {
		if changes {
			return false
		}
		if x, ok := n.(ast.Expr); ok {
			if key := exprKey(x); key != "" {
				for _, l := range c.loops {
					if c.loopAssigns(l, key) {
						changes = true
						return false
					}
				}
			}
		}
		return true
	})
	return changes
}

// loopAssigns reports whether a loop's body (or a while loop's
// condition) assigns the variable or member key, or what it is a member
// of.
func (c *Checker) loopAssigns(loop ast.Stmt, key string) bool {
	assigned, ok := c.loopTargets[loop]
	if !ok {
		assigned = map[string]bool{}
		var body []ast.Stmt
		switch x := loop.(type) {
		case *ast.While:
			body = append([]ast.Stmt{&ast.ExprStmt{Value: x.Test}}, x.Body...)
		case *ast.For:
			body = x.Body
		}
		for _, st := range body {
			ast.Inspect(st, func(n ast.Node) bool {
				switch y := n.(type) {
				case *ast.FunctionDef, *ast.ClassDef, *ast.Lambda:
					return false
				case *ast.Name:
					if y.Ctx != ast.Load {
						assigned[y.ID] = true
					}
				case *ast.Attribute:
					if k := exprKey(y); k != "" && y.Ctx != ast.Load {
						assigned[k] = true
					}
				case *ast.Subscript:
					if k := exprKey(y); k != "" && y.Ctx != ast.Load {
						assigned[k] = true
					}
				}
				return true
			})
		}
		if c.loopTargets == nil {
			c.loopTargets = map[ast.Stmt]map[string]bool{}
		}
		c.loopTargets[loop] = assigned
	}
	// The key itself, or what it is a member or item of (each prefix
	// ending before a `.` or `[`).
	if assigned[key] {
		return true
	}
	for i := 0; i < len(key); i++ {
		if (key[i] == '.' || key[i] == '[') && assigned[key[:i]] {
			return true
		}
	}
	return false
}

// customSpecialMethod reports a type whose class defines the dunder
// method name itself, or inherits it from a class outside builtins and
// typing (mypy's custom_special_method); Any may have one.
func customSpecialMethod(t types.Type, name string) bool {
	switch x := t.(type) {
	case *types.Any:
		return true
	case *types.Instance:
		_, owner := x.Class.Lookup(name)
		return owner != nil && !strings.HasPrefix(owner.FullName, "builtins.") && !strings.HasPrefix(owner.FullName, "typing.")
	case *types.Literal:
		return x.Fallback != nil && customSpecialMethod(x.Fallback, name)
	case *types.Union:
		for _, it := range x.Items {
			if customSpecialMethod(it, name) {
				return true
			}
		}
	case *types.Tuple:
		return x.Fallback != nil && customSpecialMethod(x.Fallback, name)
	case *types.Callable:
		if x.TypeObject != nil && x.TypeObject.Metaclass != nil {
			return customSpecialMethod(x.TypeObject.Metaclass, name)
		}
	case *types.TypeType:
		if item, ok := x.Item.(*types.Instance); ok && item.Class.Metaclass != nil {
			return customSpecialMethod(item.Class.Metaclass, name)
		}
	}
	return false
}

// literalOf is the literal a value is known to have (mypy's
// try_getting_literal), else the type itself.
func literalOf(t types.Type) types.Type {
	if x, ok := t.(*types.Instance); ok && x.LastKnownValue != nil {
		return x.LastKnownValue
	}
	return t
}

// hasBytes reports bytes or bytearray, or a union with one.
func hasBytes(t types.Type) bool {
	switch x := t.(type) {
	case *types.Instance:
		return x.Class.FullName == "builtins.bytes" || x.Class.FullName == "builtins.bytearray"
	case *types.Union:
		for _, it := range x.Items {
			if hasBytes(it) {
				return true
			}
		}
	}
	return false
}

func isBytesLiteral(l *types.Literal) bool {
	return l.Fallback != nil && l.Fallback.Class.FullName == "builtins.bytes"
}
