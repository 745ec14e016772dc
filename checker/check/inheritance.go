package check

import (
	"fmt"
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkMultipleInheritance reports, for a class with several bases, each
// name it does not define itself whose definition in the first base having
// it does not fit the one in a later, unrelated base (mypy's
// check_multiple_inheritance): a method must take what the other takes, a
// read-only attribute be a subtype, a writable one the same type. Only
// annotated definitions of bases defined in source (not stubs) with fully
// known members are compared.
func (c *Checker) checkMultipleInheritance(def *ast.ClassDef, cls *types.Class) {
	if cls == nil || len(cls.Bases) <= 1 || !c.checked() {
		return
	}
	mro := cls.MRO[1:]
	seen := map[string]bool{}
	var names []string
	for _, k := range mro {
		for name := range k.Members {
			if _, own := cls.Members[name]; !own && !seen[name] {
				seen[name] = true
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if strings.HasPrefix(name, "__") && !strings.HasSuffix(name, "__") {
			continue
		}
		switch name {
		case "__init__", "__new__", "__init_subclass__", "__replace__":
			continue
		}
		if incompatibleOverrideNames[name] {
			continue
		}
		i := slices.IndexFunc(mro, func(k *types.Class) bool { return k.Members[name] != nil })
		base := mro[i]
		for _, base2 := range mro[i+1:] {
			if base2.Members[name] == nil || slices.Contains(base.MRO, base2) {
				continue
			}
			// Final definitions first, as mypy's check_compatibility (a
			// private name was left out above).
			if base2.Members[name].Final {
				c.report(def.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.CannotOverrideFinalAttribute, name, base2.Name))
			}
			if base.Members[name].Final && writableMember(base2.Members[name]) && !base2.Members[name].Final {
				c.report(def.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.FinalOverridesWritable, name))
			}
			if !c.compatibleInBases(cls, name, base, base2) {
				c.report(def.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.IncompatibleBaseDefinitions, name, base.Name, base2.Name))
			}
		}
	}
}

// compatibleInBases reports whether base1's definition of name, as the
// class cls sees it, fits base2's, or whether that cannot be judged.
func (c *Checker) compatibleInBases(cls *types.Class, name string, base1, base2 *types.Class) bool {
	for _, k := range []*types.Class{base1, base2} {
		if m := c.p.Module(k.Module); m == nil || m.IsStub || !knownMembers(k) || !judgeableClass(k) {
			return true
		}
	}
	inferred := false
	for _, k := range []*types.Class{base1, base2} {
		m := k.Members[name]
		if c.isImplicit(m) {
			inferred = true // (judged below when its type is plain)
			continue
		}
		t := m.TypeOf()
		if hasFunctionTypeVars(t) {
			return true // (Self and other function type variables bind to the receiver)
		}
	}
	view1, view2 := types.MapToSuper(ownInstance(cls), base1), types.MapToSuper(ownInstance(cls), base2)
	if view1 == nil || view2 == nil {
		return true
	}
	t1, t2 := c.member(view1, name), c.member(view2, name)
	if !comparable(t1) || !comparable(t2) {
		return true
	}
	if inferred && (!plainValue(t1) && !isCallable(t1) || !plainValue(t2) && !isCallable(t2)) {
		return true // an inferred type typd may not infer as mypy does
	}
	f1, call1 := t1.(*types.Callable)
	f2, call2 := t2.(*types.Callable)
	switch {
	case call1 && call2:
		if f1.TypeObject != nil || f2.TypeObject != nil {
			return true
		}
		return types.IsSubtype(f1, positionalUnnamed(f2))
	case call1 || call2:
		// A method against an attribute: never equivalent (mypy's
		// is_equivalent), unless the attribute's value may be callable
		// or is a property's.
		value := t2
		if call2 {
			value = t1
		}
		return base1.Members[name].IsProperty || base2.Members[name].IsProperty || !plainValue(value)
	}
	m2 := base2.Members[name]
	if m2.IsProperty {
		if _, settable := c.p.PropertySetterType(base2.Module, base2, m2); !settable {
			return types.IsSubtype(t1, t2)
		}
		return true
	}
	return types.IsSubtype(t1, t2) && types.IsSubtype(t2, t1)
}

// hasFunctionTypeVars reports a type mentioning a function's own type
// variables (mypy numbers them below zero) or Self (numbered zero).
func hasFunctionTypeVars(t types.Type) bool {
	return types.Contains(t, func(x types.Type) bool {
		tv, ok := x.(*types.TypeVar)
		return ok && tv.ID <= 0
	})
}

// plainValue reports a type of values that are surely not callable and
// that typd infers as mypy does: an instance of a class without __call__
// (with arguments of the same kind), a literal, a tuple of such, None
// aside.
func plainValue(t types.Type) bool {
	switch x := t.(type) {
	case *types.Instance:
		if m, _ := x.Class.Lookup("__call__"); m != nil || !judgeableClass(x.Class) {
			return false
		}
		for _, a := range x.Args {
			if !plainValue(a) {
				return false
			}
		}
		return true
	case *types.Literal:
		return true
	case *types.Tuple:
		for _, it := range x.Items {
			if !plainValue(it) {
				return false
			}
		}
		return true
	}
	return false
}

// isCallable reports a function type.
func isCallable(t types.Type) bool {
	switch t.(type) {
	case *types.Callable, *types.Overloaded:
		return true
	}
	return false
}
