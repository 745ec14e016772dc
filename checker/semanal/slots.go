package semanal

import (
	"typd/checker/types"
	"typd/parser/ast"
)

// classSlots sets the names a class's `__slots__` allows (types.Class
// Slots), as mypy's semantic analysis reads them: a `__slots__ = ...`
// of the class body given as a string, or a tuple, list, set or dict of
// them, with the slots of every base but object; left unknown (nil) when
// the value is anything else, names `__dict__`, or a base's slots are
// unknown.
func classSlots(c *types.Class, def *ast.ClassDef) {
	for _, st := range def.Body {
		x, ok := st.(*ast.Assign)
		if !ok || len(x.Targets) != 1 {
			continue
		}
		if n, ok := x.Targets[0].(*ast.Name); !ok || n.ID != "__slots__" {
			continue
		}
		var items []ast.Expr
		switch v := x.Value.(type) {
		case *ast.Constant:
			items = []ast.Expr{v}
		case *ast.Tuple:
			items = v.Elts
		case *ast.List:
			items = v.Elts
		case *ast.Set:
			items = v.Elts
		case *ast.Dict:
			for _, k := range v.Keys {
				if k == nil {
					return // {**other}: not all known
				}
			}
			items = v.Keys
		default:
			return
		}
		var names []string
		for _, it := range items {
			k, ok := it.(*ast.Constant)
			if !ok || k.Value.Kind != ast.StrValue || k.Value.Str == "__dict__" {
				return
			}
			names = append(names, k.Value.Str)
		}
		setSlots(c, names)
	}
}

// setSlots gives a class the slots names and its bases' (none when a
// base's are unknown).
func setSlots(c *types.Class, names []string) {
	slots := map[string]bool{}
	for _, k := range c.MRO[1:] {
		if k.FullName == "builtins.object" {
			continue
		}
		if k.Slots == nil {
			c.Slots = nil
			return
		}
		for name := range k.Slots {
			slots[name] = true
		}
	}
	for _, name := range names {
		slots[name] = true
	}
	c.Slots = slots
}
