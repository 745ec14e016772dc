package check

import (
	"fmt"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// listLike are the classes a list display takes its item type from when
// one is expected: list[T] seen as them has the same T.
var listLike = map[string]bool{"builtins.list": true, "typing.Sequence": true, "typing.MutableSequence": true,
	"typing.Iterable": true, "typing.Collection": true, "typing.Container": true, "typing.Reversible": true}

// dictLike are the classes a dict display takes its key and value types
// from when one is expected.
var dictLike = map[string]bool{"builtins.dict": true, "typing.Mapping": true, "typing.MutableMapping": true}

// expectedInstance is the instance of one of classes the expected type
// want is or holds (as a union item beside None), or nil.
func expectedInstance(want types.Type, classes map[string]bool) *types.Instance {
	items := []types.Type{want}
	if u, ok := want.(*types.Union); ok {
		items = u.Items
	}
	var found *types.Instance
	for _, it := range items {
		switch x := it.(type) {
		case *types.NoneType:
		case *types.Instance:
			if !classes[x.Class.FullName] || found != nil {
				return nil
			}
			found = x
		default:
			return nil
		}
	}
	return found
}

// listInContext types a list display whose type is expected to be a list
// (or a sequence, an iterable...) of T, as mypy does: list[T], each item
// checked against T ("List item 0 has incompatible type", [list-item]).
func (c *Checker) listInContext(x *ast.List, want types.Type) (types.Type, bool) {
	if want == nil || hasStar(x.Elts) {
		return nil, false
	}
	inst := expectedInstance(want, listLike)
	if inst == nil || len(inst.Args) != 1 || !judgeable(inst.Args[0], false) {
		return nil, false
	}
	item := inst.Args[0]
	for i, el := range x.Elts {
		t := c.exprExpecting(el, item)
		if c.fits(el, t, item) {
			continue
		}
		got, exp := types.FormatPair(widen(t), item, c.formatOptions())
		c.incompatible(el.Pos(), diag.CodeListItem,
			fmt.Sprintf(diag.IncompatibleListItem, i, got, exp), t, item)
	}
	return c.builtinInstance("list", item), true
}

// dictInContext types a dict display whose type is expected to be a
// mapping of K to V: dict[K, V], each entry checked ("Dict entry 0 has
// incompatible type "str": "int"; expected "int": "int"", [dict-item]).
func (c *Checker) dictInContext(x *ast.Dict, want types.Type) (types.Type, bool) {
	if want == nil {
		return nil, false
	}
	for _, k := range x.Keys {
		if k == nil {
			return nil, false // **mapping
		}
	}
	inst := expectedInstance(want, dictLike)
	if inst == nil || len(inst.Args) != 2 || !judgeable(inst.Args[0], false) || !judgeable(inst.Args[1], false) {
		return nil, false
	}
	key, value := inst.Args[0], inst.Args[1]
	for i, k := range x.Keys {
		kt := c.exprExpecting(k, key)
		vt := c.exprExpecting(x.Values[i], value)
		if c.fits(k, kt, key) && c.fits(x.Values[i], vt, value) {
			continue
		}
		gotK, expK := types.FormatPair(widen(kt), key, c.formatOptions())
		gotV, expV := types.FormatPair(widen(vt), value, c.formatOptions())
		c.report(k.Pos(), diag.Error, diag.CodeDictItem,
			fmt.Sprintf(diag.IncompatibleDictEntry, i, gotK, gotV, expK, expV))
	}
	return c.builtinInstance("dict", key, value), true
}

// setLike and generatorLike are the classes a set comprehension and a
// generator expression take their item type from when one is expected.
var (
	setLike       = map[string]bool{"builtins.set": true, "typing.AbstractSet": true, "typing.MutableSet": true, "typing.Iterable": true, "typing.Collection": true}
	generatorLike = map[string]bool{"typing.Generator": true, "typing.Iterator": true, "typing.Iterable": true}
)

// comprehensionInContext types a list or set comprehension or a
// generator expression (kind "list", "set", "generator"), its element
// checked against the item type an expected type gives, as mypy does
// ("List comprehension has incompatible type List[A]; expected List[B]").
func (c *Checker) comprehensionInContext(gens []*ast.Comprehension, elt ast.Expr, kind string, want types.Type) types.Type {
	classes := listLike
	switch kind {
	case "set":
		classes = setLike
	case "generator":
		classes = generatorLike
	}
	var item types.Type
	if want != nil {
		if inst := expectedInstance(want, classes); inst != nil && len(inst.Args) >= 1 && judgeable(inst.Args[0], false) {
			item = inst.Args[0]
		}
	}
	var t types.Type
	c.comprehension(gens, func() {
		t = widen(c.exprExpecting(elt, item))
		if item == nil || c.fits(elt, t, item) {
			return
		}
		got, exp := types.FormatPair(t, item, c.formatOptions())
		var msg string
		switch kind {
		case "list":
			msg = fmt.Sprintf(diag.IncompatibleListComprehension, got, exp)
		case "set":
			msg = fmt.Sprintf(diag.IncompatibleSetComprehension, got, exp)
		default:
			msg = fmt.Sprintf(diag.IncompatibleGeneratorItem, got, exp)
		}
		c.report(elt.Pos(), diag.Error, diag.CodeArgType, msg)
	})
	if item != nil {
		t = item
	}
	switch kind {
	case "generator":
		if cls := c.p.ModuleClass("typing", "Generator"); cls != nil && len(cls.TypeParams) == 3 {
			return &types.Instance{Class: cls, Args: []types.Type{t, &types.NoneType{}, &types.NoneType{}}}
		}
		return anyT()
	}
	return c.builtinInstance(kind, t)
}

// dictComprehension types a dict comprehension, its keys and values
// checked against those an expected mapping type gives.
func (c *Checker) dictComprehension(x *ast.DictComp, want types.Type) types.Type {
	var key, value types.Type
	if want != nil {
		if inst := expectedInstance(want, dictLike); inst != nil && len(inst.Args) == 2 && judgeable(inst.Args[0], false) && judgeable(inst.Args[1], false) {
			key, value = inst.Args[0], inst.Args[1]
		}
	}
	var k, v types.Type
	c.comprehension(x.Generators, func() {
		k, v = widen(c.exprExpecting(x.Key, key)), widen(c.exprExpecting(x.Value, value))
		if key == nil {
			return
		}
		for _, part := range []struct {
			what     string
			e        ast.Expr
			got, exp types.Type
		}{{"Key", x.Key, k, key}, {"Value", x.Value, v, value}} {
			if c.fits(part.e, part.got, part.exp) {
				continue
			}
			got, exp := types.FormatPair(part.got, part.exp, c.formatOptions())
			c.report(part.e.Pos(), diag.Error, diag.CodeArgType,
				fmt.Sprintf(diag.IncompatibleDictComprehension, part.what, got, exp))
		}
	})
	if key != nil {
		return c.builtinInstance("dict", key, value)
	}
	return c.builtinInstance("dict", k, v)
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

// dictExpr infers a dict display (expected is the type its context expects).
func (c *Checker) dictExpr(x *ast.Dict, expected types.Type) types.Type {
	if t, ok := c.typedDictDisplay(x, expected); ok {
		return t
	}
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

// display types a list or set display: the join of its items.
func (c *Checker) display(class string, elts []ast.Expr) types.Type {
	var items []types.Type
	for _, e := range elts {
		if st, ok := e.(*ast.Starred); ok {
			// *xs: the items of the iterable.
			items = append(items, widen(c.iterate(c.expr(st.Value))))
			continue
		}
		items = append(items, widen(c.expr(e)))
	}
	if len(items) == 0 {
		return c.builtinInstance(class, anyT())
	}
	return c.builtinInstance(class, c.join(items))
}
