package check

import (
	"fmt"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// assignStmtTarget handles one target of an assignment statement given
// the value assigned and its type t: a name is checked against its
// declared type and bound, a tuple or list of targets takes the value
// apart (see unpack). only is false when the statement has several
// targets (a = b = value).
func (c *Checker) assignStmtTarget(target, value ast.Expr, t types.Type, only bool) {
	if x, ok := target.(*ast.Subscript); ok {
		c.checkIndexedAssign(x, value, t)
	}
	c.assignPart(target, value, t, only, true)
}

// assignPart is assignStmtTarget for a part of a value: display is false
// when value is the whole the part comes from, not to be taken apart.
func (c *Checker) assignPart(target, value ast.Expr, t types.Type, only, display bool) {
	switch x := target.(type) {
	case *ast.Attribute:
		c.checkDeletedBase(x.Value)
		c.recordAttr(x, value, t)
		c.checkAttributeAssign(x, value, t)
	case *ast.Subscript:
		c.checkDeletedBase(x.Value)
		if n, ok := x.Value.(*ast.Name); ok {
			c.completePartial(n.ID, "__setitem__", []types.Type{c.exprQuiet(x.Slice), t})
		}
	case *ast.Name:
		v := c.scopeVars()
		c.noneInOtherArm(x.ID, value)
		declared, known := v.declared[x.ID]
		// An annotated variable, or one whose first assignment gave it
		// its type.
		if v.annotated[x.ID] || known && !v.partial[x.ID] && c.inferredTypesStand(x.ID) {
			c.checkAssignment(value, t, declared)
		}
		if !known && c.joinedDisplay(value) {
			v.guessed[x.ID] = true
		}
		if !known && only && c.checked() {
			c.startPartial(x, value)
		} else if known && v.partialColl[x.ID] != nil && emptyCollection(value) == "" {
			delete(v.partialColl, x.ID) // assigned again: typed by the value
		}
	case *ast.Tuple:
		c.unpack(x.Elts, value, t, display, value.Pos())
		return
	case *ast.List:
		c.unpack(x.Elts, value, t, display, value.Pos())
		return
	}
	c.assign(target, t)
}

// noneInOtherArm makes a function's variable optional when a literal None
// is assigned to it in another arm of the if statement where its first
// assignment inferred its type (`if c: x = 1 else: x = None`), as mypy's
// special case for it does.
func (c *Checker) noneInOtherArm(name string, value ast.Expr) {
	f := c.top()
	if f == nil || f.isClass || !isNoneLiteral(value) {
		return
	}
	v := f.vars
	declared, known := v.declared[name]
	at := v.inferredAt[name]
	if !known || at == nil || v.annotated[name] || v.partial[name] || isAnyType(declared) {
		return
	}
	if commonConditional(at, v.narrowed.top) {
		v.declared[name] = types.SimplifiedUnion(declared, &types.NoneType{})
	}
}

// unpack assigns a value to a tuple or list of targets, as mypy's
// check_multi_assignment: a tuple or list display item by item, a tuple
// type by its items, another iterable's item type to every target (a
// list of them to a starred one). A count of values that cannot fit the
// targets is an error, and so is a value that is not iterable (reported
// at: the value, or a for statement). value is taken apart as a display
// only when display is set (not for the iterable of a for loop).
func (c *Checker) unpack(targets []ast.Expr, value ast.Expr, t types.Type, display bool, at *ast.Span) {
	star := -1
	for i, el := range targets {
		if _, ok := el.(*ast.Starred); ok {
			star = i
		}
	}
	var items []ast.Expr
	switch v := value.(type) {
	case *ast.Tuple:
		if display {
			items = v.Elts
		}
	case *ast.List:
		if display {
			items = v.Elts
		}
	}
	if display && items == nil {
		if _, ok := value.(*ast.Tuple); ok {
			items = []ast.Expr{}
		} else if _, ok := value.(*ast.List); ok {
			items = []ast.Expr{}
		}
	}
	for _, it := range items {
		if _, ok := it.(*ast.Starred); ok {
			items = nil // a starred value: its length is unknown
			break
		}
	}
	var itemTypes []types.Type
	switch {
	case items != nil:
		itemTypes = make([]types.Type, len(items))
		for i, it := range items {
			itemTypes[i] = c.exprQuiet(it)
		}
	case isTuple(t):
		itemTypes = t.(*types.Tuple).Items
	}
	if u, ok := t.(*types.Union); ok && itemTypes == nil {
		c.unpackUnion(targets, star, value, u, at)
		return
	}
	if itemTypes == nil {
		if isAnyType(t) {
			for _, el := range targets {
				c.unpackOne(el, value, t, t)
			}
			return
		}
		c.checkUnpackable(value, t, at)
		item := c.iterate(t)
		for _, el := range targets {
			c.unpackOne(el, value, item, c.builtinInstance("list", item))
		}
		return
	}
	if !c.valueCount(targets, star, len(itemTypes), value) {
		for _, el := range targets {
			c.unpackOne(el, nil, anyT(), anyT())
		}
		return
	}
	part := func(el ast.Expr, i int) {
		if items != nil {
			c.assignPart(el, items[i], itemTypes[i], true, true)
		} else {
			c.assignPart(el, value, itemTypes[i], false, false)
		}
	}
	if star < 0 {
		for i, el := range targets {
			part(el, i)
		}
		return
	}
	after := len(targets) - star - 1
	for i := 0; i < star; i++ {
		part(targets[i], i)
	}
	middle := itemTypes[star : len(itemTypes)-after]
	var rest types.Type = anyT()
	if len(middle) > 0 {
		rest = c.join(widenAll(middle))
	}
	c.unpackOne(targets[star], value, rest, c.builtinInstance("list", rest))
	for i := 0; i < after; i++ {
		part(targets[star+1+i], len(itemTypes)-after+i)
	}
}

// checkUnpackable reports a value taken apart by an assignment whose type
// (or a union's item) is not iterable: an instance, literal or None with
// neither __iter__ nor __getitem__ ([misc]).
func (c *Checker) checkUnpackable(value ast.Expr, t types.Type, at *ast.Span) {
	switch t.(type) {
	case *types.Instance, *types.NoneType, *types.Literal:
	default:
		return
	}
	if !c.checked() || !c.certain(value) || c.partialNone(value, t) || !c.lacksMethod(t, "__iter__") || !c.lacksMethod(t, "__getitem__") {
		return
	}
	c.report(at, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ObjectIsNotIterable, types.Format(t, c.formatOptions())))
}

// unpackOne assigns one item to a target, or a list of items to a
// starred one.
func (c *Checker) unpackOne(target, value ast.Expr, item, list types.Type) {
	if s, ok := target.(*ast.Starred); ok {
		if value == nil {
			c.assign(s.Value, list)
			return
		}
		c.assignPart(s.Value, value, list, false, false)
		return
	}
	if value == nil {
		c.assign(target, item)
		return
	}
	c.assignPart(target, value, item, false, false)
}

// valueCount reports whether n values fit the targets (one of them
// starred when star >= 0), and mypy's error when they do not.
func (c *Checker) valueCount(targets []ast.Expr, star, n int, value ast.Expr) bool {
	want := len(targets)
	if star >= 0 {
		want--
		if n >= want {
			return true
		}
	} else if n == want {
		return true
	}
	var msg string
	switch {
	case n < want && n == 1:
		msg = fmt.Sprintf(diag.TooFewValuesToUnpackOne, want)
	case n < want:
		msg = fmt.Sprintf(diag.TooFewValuesToUnpack, n, want)
	default:
		msg = fmt.Sprintf(diag.TooManyValuesToUnpack, want, n)
	}
	if c.checked() {
		c.report(targets[0].Pos(), diag.Error, diag.CodeMisc, msg) // at the statement, as mypy
	}
	return false
}

// fitsCount reports whether n values fit the targets.
func fitsCount(targets []ast.Expr, star, n int) bool {
	if star >= 0 {
		return n >= len(targets)-1
	}
	return n == len(targets)
}

func isTuple(t types.Type) bool {
	_, ok := t.(*types.Tuple)
	return ok
}

// unpackUnion takes apart a value of a union type as mypy does: each item
// of the union on its own (a tuple by its items, another iterable by its
// item type), each target then getting the union of what it got.
func (c *Checker) unpackUnion(targets []ast.Expr, star int, value ast.Expr, u *types.Union, at *ast.Span) {
	got := make([][]types.Type, len(targets))
	for _, it := range u.Items {
		if tup, ok := it.(*types.Tuple); ok {
			if !fitsCount(targets, star, len(tup.Items)) {
				// Reported for the item, as mypy checks each item on
				// its own (len() narrows the union first).
				c.valueCount(targets, star, len(tup.Items), value)
				continue
			}
			after := len(targets) - star - 1
			for i := range targets {
				switch {
				case star < 0 || i < star:
					got[i] = append(got[i], tup.Items[i])
				case i == star:
					middle := tup.Items[star : len(tup.Items)-after]
					var rest types.Type = anyT()
					if len(middle) > 0 {
						rest = c.join(widenAll(middle))
					}
					got[i] = append(got[i], c.builtinInstance("list", rest))
				default:
					got[i] = append(got[i], tup.Items[len(tup.Items)-(len(targets)-i)])
				}
			}
			continue
		}
		item := it
		if !isAnyType(it) {
			c.checkUnpackable(value, it, at)
			item = c.iterate(it)
		}
		for i := range targets {
			if i == star {
				got[i] = append(got[i], c.builtinInstance("list", item))
			} else {
				got[i] = append(got[i], item)
			}
		}
	}
	for i, el := range targets {
		var t types.Type = anyT()
		if len(got[i]) > 0 {
			t = types.SimplifiedUnion(widenAll(got[i])...)
		}
		if s, ok := el.(*ast.Starred); ok {
			el = s.Value
		}
		c.assignPart(el, value, t, false, false)
	}
}

// partType is the type one target inside a tuple or list of targets gets
// when value, of type t, is unpacked into them, as unpack assigns it: a
// display item by item, a tuple type by its items, a union item by item,
// another iterable's item type (a list of them for a starred target).
// It is Any when the counts do not fit.
func (c *Checker) partType(target, want, value ast.Expr, t types.Type) types.Type {
	if target == want {
		return t
	}
	targets, ok := ast.SequenceElts(target)
	if !ok {
		return anyT()
	}
	star, at := -1, -1
	for i, el := range targets {
		inner := el
		if s, ok := el.(*ast.Starred); ok {
			star, inner = i, s.Value
		}
		if contains(inner, want) {
			at = i
		}
	}
	if at < 0 {
		return anyT()
	}
	inner := targets[at]
	if s, ok := inner.(*ast.Starred); ok {
		inner = s.Value
	}
	var items []types.Type
	var itemValue ast.Expr
	if elts, ok := ast.SequenceElts(value); ok && !hasStarred(elts) && fitsCount(targets, star, len(elts)) {
		if star < 0 {
			itemValue = elts[at]
		}
		for _, el := range elts {
			items = append(items, c.exprQuiet(el))
		}
	}
	if items == nil {
		if tup, ok := t.(*types.Tuple); ok {
			if !fitsCount(targets, star, len(tup.Items)) {
				return anyT()
			}
			items = tup.Items
		}
	}
	var part types.Type
	switch {
	case items != nil:
		after := len(targets) - star - 1
		switch {
		case star < 0 || at < star:
			part = items[at]
		case at == star:
			var rest types.Type = anyT()
			if middle := items[star : len(items)-after]; len(middle) > 0 {
				rest = c.join(widenAll(middle))
			}
			part = c.builtinInstance("list", rest)
		default:
			part = items[len(items)-(len(targets)-at)]
		}
	case isAnyType(t):
		part = t
	default:
		part = c.iterate(t)
		if at == star {
			part = c.builtinInstance("list", part)
		}
	}
	if itemValue == nil {
		itemValue = value
	}
	return c.partType(inner, want, itemValue, part)
}

// contains reports whether target is want or holds it among its parts.
func contains(target, want ast.Expr) bool {
	found := false
	ast.ForEachTarget(target, func(e ast.Expr) { found = found || e == want })
	return found
}

// hasStarred reports whether a display has a starred item.
func hasStarred(elts []ast.Expr) bool {
	for _, el := range elts {
		if _, ok := el.(*ast.Starred); ok {
			return true
		}
	}
	return false
}

// isNoneLiteral reports the expression `None`.
func isNoneLiteral(e ast.Expr) bool {
	k, ok := e.(*ast.Constant)
	return ok && k.Value.Kind == ast.NoneValue
}

// checkDeletedBase reports the base of an attribute or item assigned
// (`e.x = v`, `e[0] = v`) when it names a deleted variable: reading it
// is an error, as anywhere else.
func (c *Checker) checkDeletedBase(base ast.Expr) {
	n, ok := base.(*ast.Name)
	if !ok {
		return
	}
	var t types.Type
	c.quietly(func() { t = c.name(n.ID) }) // (a quiet read completes no partial type)
	if isDeleted(t) {
		c.reportDeletedRead(n)
	}
}
