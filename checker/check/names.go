package check

import (
	"fmt"
	"typd/checker/diag"

	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// nameExpr reads a name, reporting a deleted variable read.
func (c *Checker) nameExpr(x *ast.Name) types.Type {
	c.checkDeprecatedName(x)
	t := c.name(x.ID)
	if isDeleted(t) {
		c.reportDeletedRead(x)
		return anyT()
	}
	return t
}

// isDeleted reports the type of a variable deleted (by del, or at the end
// of the except clause that bound it).
func isDeleted(t types.Type) bool {
	a, ok := t.(*types.Any)
	return ok && a.Reason == types.AnyDeleted
}

// reportDeletedRead reports a read of a deleted variable.
func (c *Checker) reportDeletedRead(x *ast.Name) {
	if c.checked() {
		c.report(&x.Span, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ReadOfDeleted, x.ID))
	}
}

// atModuleLevel reports whether names are read at the module's top level
// (perhaps inside comprehensions there).
func (c *Checker) atModuleLevel() bool {
	for _, f := range c.frames {
		if !f.comprehension {
			return false
		}
	}
	return true
}

// narrowedExpr is what a condition or an assignment narrowed a member or
// index expression to, if anything.
func (c *Checker) narrowedExpr(e ast.Expr) (types.Type, bool) {
	key := exprKey(e)
	if key == "" {
		return nil, false
	}
	// A comprehension sees what its enclosing scope narrowed.
	for i := len(c.frames) - 1; i >= 0; i-- {
		if t, ok := c.frames[i].vars.narrowed.get(key); ok {
			return t, true
		}
		if !c.frames[i].comprehension {
			return nil, false
		}
	}
	t, ok := c.module.narrowed.get(key)
	return t, ok
}

// name looks a name up: the enclosing function's locals, then the module.
func (c *Checker) name(id string) types.Type {
	if c.quiet == 0 && c.unbound == 0 && id != c.partialReceiver {
		c.readPartial(id)
	}
	// The enclosing functions' variables (a class body is seen only from
	// directly inside it), then the module.
	var def *frame // the innermost def's frame the walk is in
	for i := len(c.frames) - 1; i >= 0; i-- {
		f := c.frames[i]
		if f.isClass && i != len(c.frames)-1 {
			continue
		}
		if def != nil && f.def != nil && f.assignedAfter(id, def.def) {
			// A variable of an enclosing function assigned again after
			// the nested def: its narrowing does not reach into the def
			// (newer mypy's rule).
			if t, ok := f.vars.declared[id]; ok {
				return t
			}
		}
		if t, ok := f.vars.lookup(id); ok {
			return t
		}
		if def == nil && f.def != nil {
			def = f
		}
	}
	if t, ok := c.module.lookup(id); ok && c.atModuleLevel() {
		return t
	}
	t, ok := c.p.Resolve(c.m.Name, id)
	if !ok {
		if b, ok2 := c.p.Resolve("builtins", id); ok2 {
			t, ok = b, true
		}
	}
	if !ok {
		switch id {
		case "__name__", "__file__", "__package__", "__qualname__", "__module__":
			return c.builtinInstance("str")
		case "__doc__":
			return types.UnionOf(c.builtinInstance("str"), &types.NoneType{})
		}
		if c.p.Unfollowed(c.m.Name, id) {
			return &types.Any{Reason: types.AnyUnimported}
		}
		return c.fromGetattr(id)
	}
	return c.targetType(t)
}

// fromGetattr types a name imported from a module whose __getattr__
// provides it: the return type of that __getattr__.
func (c *Checker) fromGetattr(id string) types.Type {
	s, ok := c.p.Modules[c.m.Name].Names[id]
	if !ok || s.Kind != semanal.Imported {
		return anyT()
	}
	g, ok := c.p.Resolve(s.Module, "__getattr__")
	if !ok || g.Sym == nil || g.Sym.Kind != semanal.Func {
		return anyT()
	}
	if sig, ok := c.p.FuncType(g.Owner, g.Sym).(*types.Callable); ok {
		return sig.Ret
	}
	return anyT()
}

// targetType is the type of a resolved module-level name.
func (c *Checker) targetType(t semanal.Target) types.Type {
	if t.Module != "" {
		if _, loaded := c.p.Modules[t.Module]; !loaded {
			return &types.Any{Reason: types.AnyUnimported} // a module that could not be followed
		}
		m := &types.Module{Name: t.Module}
		if inst, ok := c.moduleType().(*types.Instance); ok {
			m.Fallback = inst
		}
		return m
	}
	s := t.Sym
	switch s.Kind {
	case semanal.Class:
		return constructor(c.p.Class(t.Owner, s))
	case semanal.Func:
		ft := c.p.FuncType(t.Owner, s)
		if sig, ok := ft.(*types.Callable); ok && sig.Decorated {
			if def, ok := s.Def.(*ast.FunctionDef); ok && len(s.Variants) == 0 {
				if t.Owner != c.m.Name {
					return c.other(t.Owner).decorated(def, sig)
				}
				return c.decorated(def, sig)
			}
		}
		return ft
	case semanal.Var:
		if s.Annotation != nil {
			return c.p.AnnotationType(t.Owner, s.Annotation)
		}
		if t.Owner == c.m.Name {
			if v, ok := c.module.declared[s.Name]; ok {
				return v // read from a function: the declared type
			}
		}
		if s.Value != nil && t.Owner != c.m.Name {
			return c.other(t.Owner).targetType(t)
		}
		if s.Value != nil && t.Owner == c.m.Name {
			key := s.Name
			if v, ok := c.lazy[key]; ok {
				return v
			}
			if c.inferring[key] {
				return anyT()
			}
			c.inferring[key] = true
			saved := c.frames
			c.frames = nil // infer in module scope
			v := c.exprQuiet(s.Value)
			if !s.Final {
				v = widen(v)
			}
			c.frames = saved
			delete(c.inferring, key)
			c.lazy[key] = v
			return v
		}
	}
	return anyT()
}

func (c *Checker) moduleType() types.Type {
	if cls := c.p.ModuleClass("types", "ModuleType"); cls != nil {
		return &types.Instance{Class: cls}
	}
	return anyT()
}
