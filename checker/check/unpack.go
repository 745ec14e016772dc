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
	switch x := target.(type) {
	case *ast.Subscript:
		if n, ok := x.Value.(*ast.Name); ok {
			c.completePartial(n.ID, "__setitem__", []types.Type{c.exprQuiet(x.Slice), t})
		}
	case *ast.Name:
		v := c.scopeVars()
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
		c.unpack(x.Elts, value, t)
		return
	case *ast.List:
		c.unpack(x.Elts, value, t)
		return
	}
	c.assign(target, t)
}

// unpack assigns a value to a tuple or list of targets, as mypy's
// check_multi_assignment: a tuple or list display item by item, a tuple
// type by its items, another iterable's item type to every target (a
// list of them to a starred one). A count of values that cannot fit the
// targets is an error.
func (c *Checker) unpack(targets []ast.Expr, value ast.Expr, t types.Type) {
	star := -1
	for i, el := range targets {
		if _, ok := el.(*ast.Starred); ok {
			star = i
		}
	}
	var items []ast.Expr
	switch v := value.(type) {
	case *ast.Tuple:
		items = v.Elts
	case *ast.List:
		items = v.Elts
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
	if itemTypes == nil {
		if isAnyType(t) {
			for _, el := range targets {
				c.unpackOne(el, value, t, t)
			}
			return
		}
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
	itemExpr := func(i int) ast.Expr {
		if items != nil {
			return items[i]
		}
		return value
	}
	if star < 0 {
		for i, el := range targets {
			c.assignStmtTarget(el, itemExpr(i), itemTypes[i], true)
		}
		return
	}
	after := len(targets) - star - 1
	for i := 0; i < star; i++ {
		c.assignStmtTarget(targets[i], itemExpr(i), itemTypes[i], true)
	}
	middle := itemTypes[star : len(itemTypes)-after]
	var rest types.Type = anyT()
	if len(middle) > 0 {
		rest = c.join(widenAll(middle))
	}
	c.unpackOne(targets[star], value, rest, c.builtinInstance("list", rest))
	for i := 0; i < after; i++ {
		j := len(itemTypes) - after + i
		c.assignStmtTarget(targets[star+1+i], itemExpr(j), itemTypes[j], true)
	}
}

// unpackOne assigns one item to a target, or a list of items to a
// starred one.
func (c *Checker) unpackOne(target, value ast.Expr, item, list types.Type) {
	if s, ok := target.(*ast.Starred); ok {
		if value == nil {
			c.assign(s.Value, list)
			return
		}
		c.assignStmtTarget(s.Value, value, list, true)
		return
	}
	if value == nil {
		c.assign(target, item)
		return
	}
	c.assignStmtTarget(target, value, item, true)
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
		msg = fmt.Sprintf("Need more than 1 value to unpack (%d expected)", want)
	case n < want:
		msg = fmt.Sprintf("Need more than %d values to unpack (%d expected)", n, want)
	default:
		msg = fmt.Sprintf("Too many values to unpack (%d expected, %d provided)", want, n)
	}
	if c.checked() {
		c.report(targets[0].Pos(), diag.Error, diag.CodeMisc, msg) // at the statement, as mypy
	}
	return false
}

func isTuple(t types.Type) bool {
	_, ok := t.(*types.Tuple)
	return ok
}
