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
			fmt.Sprintf(`List item %d has incompatible type "%s"; expected "%s"`, i, got, exp), t, item)
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
			fmt.Sprintf(`Dict entry %d has incompatible type "%s": "%s"; expected "%s": "%s"`, i, gotK, gotV, expK, expV))
	}
	return c.builtinInstance("dict", key, value), true
}
