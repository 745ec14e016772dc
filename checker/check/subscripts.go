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
	if t, ok := c.typedDictsIndex(base, x.Slice, idx); ok {
		if narrowed, ok := c.narrowedExpr(x); ok {
			return narrowed
		}
		return t
	}
	var getter types.Type // base's __getitem__, looked up once
	if _, ok := base.(*types.Instance); ok {
		getter = c.member(base, "__getitem__")
		c.checkIndex(x, base, getter, []actual{{kind: actualPos, expr: x.Slice, t: idx}})
	}
	if t, ok := c.narrowedExpr(x); ok {
		return t
	}
	notIndexable := func(t types.Type) bool {
		switch t.(type) {
		case *types.Instance, *types.NoneType, *types.Literal:
			return c.lacksMethod(t, "__getitem__") && c.lacksMethod(t, "__class_getitem__")
		}
		return false
	}
	if c.checked() && (c.certain(x.Value) || ast.Expr(x) == c.failedAlias && c.plainTypingVariable(x.Value)) && !c.partialNone(x.Value, base) {
		// (A union is not indexable when one of its items is not, as
		// mypy words it: the whole union named.)
		items := []types.Type{base}
		if u, ok := base.(*types.Union); ok {
			items = u.Items
			if !c.strictOptional {
				// (None is in every type without strict optional.)
				items = slices.DeleteFunc(slices.Clone(items), func(t types.Type) bool {
					_, none := t.(*types.NoneType)
					return none
				})
			}
		}
		if slices.ContainsFunc(items, notIndexable) {
			c.report(&x.Span, diag.Error, diag.CodeIndex,
				fmt.Sprintf(diag.ValueOfTypeIsNotIndexable, types.Format(base, c.formatOptions())))
		}
	}
	if u, ok := base.(*types.Union); ok {
		// A union of tuples indexed by a constant: each tuple's item.
		var parts []types.Type
		for _, it := range u.Items {
			tup, isTuple := it.(*types.Tuple)
			if !isTuple {
				break
			}
			if part := tupleItemAt(tup, x.Slice); part != nil {
				parts = append(parts, part)
			}
		}
		if len(parts) == len(u.Items) {
			return types.SimplifiedUnion(parts...)
		}
	}
	if tup, ok := base.(*types.Tuple); ok {
		if sl, ok := x.Slice.(*ast.Slice); ok {
			if items, ok := sliceItems(tup.Items, sl); ok {
				return c.tupleOf(items)
			}
		}
		if item := tupleItemAt(tup, x.Slice); item != nil {
			return item
		}
	}
	if getter == nil {
		getter = c.member(base, "__getitem__")
	}
	return c.callResult(getter, positional(widen(idx)))
}

// tupleItemAt is a tuple's item at a constant index (negative ones count
// from the end), or nil for another index or one out of range.
func tupleItemAt(tup *types.Tuple, index ast.Expr) types.Type {
	k, ok := index.(*ast.Constant)
	if !ok || k.Value.Kind != ast.IntValue || k.Value.Big != nil {
		return nil
	}
	i := int(k.Value.Int)
	if i < -len(tup.Items) || i >= len(tup.Items) {
		return nil
	}
	if i < 0 {
		i += len(tup.Items)
	}
	return tup.Items[i]
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

// sliceExpr infers a slice.
func (c *Checker) sliceExpr(x *ast.Slice) types.Type {
	for _, part := range []ast.Expr{x.Lower, x.Upper, x.Step} {
		if part != nil {
			c.expr(part)
		}
	}
	return c.builtinInstance("slice")
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

// checkIndex reports arguments that method, the __getitem__ or
// __setitem__ of a value's type (base, indexed by x), does not take, in
// mypy's words: an
// index as `Invalid index type "str" for "dict[int, str]"; expected type
// "int"` ([index]), an assigned value as `Incompatible types in
// assignment (expression has type "str", target has type "int")`, and
// for an overloaded method `No overload variant of "__getitem__" of
// "list" matches argument type "str"` with the variants in notes. It
// judges only instances of classes whose members are all known, methods
// with a plain signature, and arguments whose types are certain.
func (c *Checker) checkIndex(x *ast.Subscript, base, method types.Type, actuals []actual) {
	inst, ok := base.(*types.Instance)
	if !ok || !c.checked() || !c.certain(x.Value) || !knownMembers(inst.Class) {
		return
	}
	switch f := method.(type) {
	case *types.Overloaded:
		c.checkOverloadActuals(&x.Span, f, actuals, diag.CodeCallOverload, func(f *types.Callable) { c.checkIndexArgs(base, f, actuals) })
	case *types.Callable:
		if plainVariant(f) {
			c.checkIndexArgs(base, f, actuals)
		}
	}
}

// checkIndexArgs reports the arguments of an index or indexed assignment
// (see checkIndex) that method f, read from base, does not take.
func (c *Checker) checkIndexArgs(base types.Type, f *types.Callable, actuals []actual) {
	if len(f.Params) < len(actuals) {
		return
	}
	for i, p := range f.Params {
		if i < len(actuals) && p.Kind != types.ArgPos && p.Kind != types.ArgOpt ||
			i >= len(actuals) && (p.Kind == types.ArgPos || p.Kind == types.ArgNamed) {
			return
		}
	}
	o := c.formatOptions()
	for i, a := range actuals {
		want := f.Params[i].Type
		if i == 0 && c.fits(a.expr, a.t, want) || i > 0 && c.fitsTarget(a.expr, a.t, want) {
			continue
		}
		got, wanted := types.FormatPair(widen(a.t), want, o)
		if i == 0 {
			c.report(a.expr.Pos(), diag.Error, diag.CodeIndex, fmt.Sprintf(diag.InvalidIndexType, got, types.Format(base, o), wanted))
			continue
		}
		c.report(a.expr.Pos(), diag.Error, diag.CodeAssignment, fmt.Sprintf(diag.IncompatibleTargetAssignment, got, wanted))
	}
}

// checkIndexedAssign checks `base[index] = value` (value of type t) as a
// call of base's __setitem__ (see checkIndex); a value whose class has
// none is `Unsupported target for indexed assignment ("A")` ([index]).
func (c *Checker) checkIndexedAssign(x *ast.Subscript, value ast.Expr, t types.Type) {
	base := c.exprQuiet(x.Value)
	if td, items, ok := types.TypedDictOf(base); ok {
		c.typedDictSetItem(x, td, items, value, t)
		return
	}
	if _, ok := base.(*types.Instance); !ok || !c.checked() || !c.certain(x.Value) || c.partialNone(x.Value, base) {
		return
	}
	if c.lacksMethod(base, "__setitem__") {
		c.report(&x.Span, diag.Error, diag.CodeIndex,
			fmt.Sprintf(diag.UnsupportedIndexedAssignment, types.Format(base, c.formatOptions())))
		return
	}
	c.checkIndex(x, base, c.member(base, "__setitem__"), []actual{
		{kind: actualPos, expr: x.Slice, t: c.exprQuiet(x.Slice)},
		{kind: actualPos, expr: value, t: t},
	})
}
