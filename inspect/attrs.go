package inspect

import (
	"maps"
	"slices"
	"strings"

	"typd/checker/types"
	"typd/parser/ast"
)

// attrs answers --show attrs: the attributes valid on an expression's
// value, by the class of its MRO that defines them, as
// {"Class": ["name", ...], ...}. A module's own names come first (under
// "<module>"), then, for a class object, its class's attributes.
func (e *engine) attrs(x ast.Expr) (string, bool) {
	t, ok := e.typeAt(x)
	if !ok {
		// A module named in a dotted name is resolved, not typed.
		dotted := ast.DottedName(x)
		r, found := e.ins.Program.ResolveDotted(e.ins.Name, dotted)
		if dotted == "" || !found || r.Module == "" {
			return e.missingType(x), false
		}
		var fallback *types.Instance
		if c := e.ins.Program.ModuleClass("types", "ModuleType"); c != nil {
			fallback = &types.Instance{Class: c}
		}
		t = &types.Module{Name: r.Module, Fallback: fallback}
	}
	var parts []string
	if mt, ok := t.(*types.Module); ok {
		if mod := e.ins.Program.Modules[mt.Name]; mod != nil {
			// Every module has mypy's implicit module attributes too
			// (__path__ only a package).
			seen := map[string]bool{"__annotations__": true, "__doc__": true, "__file__": true, "__name__": true,
				"__package__": true, "__spec__": true}
			if m := e.ins.Graph.Modules[mt.Name]; m != nil && m.IsPackage {
				seen["__path__"] = true
			}
			for n := range mod.Names {
				if n != "__builtins__" {
					seen[n] = true
				}
			}
			var names []string
			for _, n := range slices.Sorted(maps.Keys(seen)) {
				names = append(names, `"`+n+`"`)
			}
			parts = append(parts, `"<`+mt.Name+`>": [`+strings.Join(names, ", ")+`]`)
		}
		if mt.Fallback != nil {
			t = mt.Fallback
		}
	}
	objects := classObjects(t)
	if len(objects) > 0 {
		parts = append(parts, e.classAttrs(objects)...)
	}
	instances := classesOf(t, false)
	if len(instances) == 0 && len(objects) > 0 {
		// A class object is also an instance of its metaclass (type when
		// it declares none).
		if meta := objects[0].Metaclass; meta != nil {
			instances = []*types.Class{meta.Class}
		} else if c := e.ins.Program.ModuleClass("builtins", "type"); c != nil {
			instances = []*types.Class{c}
		}
	}
	switch t.(type) {
	case *types.Callable, *types.Overloaded:
		// A function is an instance of builtins.function.
		if c := e.ins.Program.ModuleClass("builtins", "function"); c != nil && len(instances) == 0 {
			instances = []*types.Class{c}
		}
	}
	if len(instances) == 0 {
		instances = e.objectClass()
	}
	parts = append(parts, e.classAttrs(instances)...)
	return e.prefixed(x, "{"+strings.Join(parts, ", ")+"}"), true
}

// classObjects returns the class a class object (a type[C] or a class used
// as a callable) stands for.
func classObjects(t types.Type) []*types.Class {
	switch x := t.(type) {
	case *types.TypeType:
		return classesOf(x.Item, false)
	case *types.Callable:
		if x.TypeObject != nil {
			return []*types.Class{x.TypeObject}
		}
	}
	return nil
}

// objectClass is builtins.object, what a value of no class is.
func (e *engine) objectClass() []*types.Class {
	if c := e.ins.Program.ModuleClass("builtins", "object"); c != nil {
		return []*types.Class{c}
	}
	return nil
}

// classAttrs lists the attributes of the classes of a value (the items of
// a union): by default only those every item has.
func (e *engine) classAttrs(classes []*types.Class) []string {
	type entry struct {
		cls   *types.Class
		names []string
	}
	var all [][]entry
	for _, c := range classes {
		var item []entry
		for _, base := range c.MRO {
			if base.FullName == "builtins.object" && !e.o.IncludeObjectAttrs {
				continue
			}
			item = append(item, entry{base, slices.Sorted(maps.Keys(base.Members))})
		}
		all = append(all, item)
	}
	names := func(item []entry) map[string]bool {
		out := map[string]bool{}
		for _, en := range item {
			for _, n := range en.names {
				out[n] = true
			}
		}
		return out
	}
	var common map[string]bool
	for i, item := range all {
		if i == 0 {
			common = names(item)
			continue
		}
		next := names(item)
		for n := range common {
			if !next[n] {
				delete(common, n)
			}
		}
	}
	var out []string
	seen := map[*types.Class]bool{}
	for _, item := range all {
		for _, en := range item {
			if seen[en.cls] {
				continue
			}
			seen[en.cls] = true
			var kept []string
			for _, n := range en.names {
				if e.o.UnionAttrs || common[n] {
					kept = append(kept, `"`+n+`"`)
				}
			}
			if len(kept) == 0 {
				continue
			}
			name := en.cls.Name
			if e.o.Verbosity >= 1 {
				name = en.cls.FullName
			}
			out = append(out, `"`+name+`": [`+strings.Join(kept, ", ")+`]`)
		}
	}
	return out
}
