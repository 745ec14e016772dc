// Package check is the type checker: it walks each module's statements,
// infers the type of every expression it can, and reports what mypy
// reports. So far it infers names, literals, calls, attributes and simple
// operators, and answers reveal_type; every other expression is Any, and
// no type error is reported yet.
package check

import (
	"typd/checker/build"
	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// Checker checks one module.
type Checker struct {
	p   *semanal.Program
	m   *build.Module
	out []diag.Diagnostic
	// frames are the local variables of the enclosing functions.
	frames []*frame
	// checkUntyped is --check-untyped-defs for this module.
	checkUntyped bool
	// moduleVars caches the types inferred for module-level variables.
	moduleVars map[string]types.Type
	inferring  map[string]bool
}

// frame is one function's local variables and whether its body is checked.
type frame struct {
	vars    map[string]types.Type
	checked bool
	class   *types.Class
}

// Module checks a module and returns its diagnostics.
func Module(p *semanal.Program, m *build.Module, checkUntyped bool) []diag.Diagnostic {
	if m.File == nil || len(m.File.Errors) > 0 {
		return nil
	}
	c := &Checker{p: p, m: m, checkUntyped: checkUntyped, moduleVars: map[string]types.Type{}, inferring: map[string]bool{}}
	c.stmts(m.File.Module.Body, nil)
	return c.out
}

func (c *Checker) note(sp *ast.Span, msg string) {
	c.out = append(c.out, diag.Diagnostic{File: c.m.Path, Line: int(sp.Lineno), Col: int(sp.ColOffset),
		Severity: diag.Note, Message: msg, Code: diag.CodeMisc})
}

func (c *Checker) top() *frame {
	if len(c.frames) == 0 {
		return nil
	}
	return c.frames[len(c.frames)-1]
}

func (c *Checker) checked() bool {
	f := c.top()
	return f == nil || f.checked
}

// stmts walks a block; cls is the class whose body this is, if any.
func (c *Checker) stmts(body []ast.Stmt, cls *types.Class) {
	for _, s := range body {
		c.stmt(s, cls)
	}
}

func (c *Checker) stmt(s ast.Stmt, cls *types.Class) {
	switch x := s.(type) {
	case *ast.FunctionDef:
		c.function(x, cls)
	case *ast.ClassDef:
		var inner *types.Class
		if len(c.frames) == 0 && cls == nil {
			if sym := c.p.Modules[c.m.Name].Names[x.Name]; sym != nil && sym.Kind == semanal.Class {
				inner = c.p.Class(c.m.Name, sym)
			}
		}
		c.stmts(x.Body, inner)
	case *ast.Assign:
		t := c.expr(x.Value)
		for _, target := range x.Targets {
			c.assign(target, t)
		}
	case *ast.AnnAssign:
		if x.Value != nil {
			c.expr(x.Value)
		}
		if n, ok := x.Target.(*ast.Name); ok {
			if f := c.top(); f != nil {
				f.vars[n.ID] = c.p.AnnotationType(c.m.Name, x.Annotation)
			}
		}
	case *ast.ExprStmt:
		c.expr(x.Value)
	case *ast.Return:
		if x.Value != nil {
			c.expr(x.Value)
		}
	case *ast.If:
		c.expr(x.Test)
		c.stmts(x.Body, cls)
		c.stmts(x.Orelse, cls)
	case *ast.While:
		c.expr(x.Test)
		c.stmts(x.Body, cls)
		c.stmts(x.Orelse, cls)
	case *ast.For:
		c.expr(x.Iter)
		c.stmts(x.Body, cls)
		c.stmts(x.Orelse, cls)
	case *ast.With:
		for _, it := range x.Items {
			c.expr(it.ContextExpr)
		}
		c.stmts(x.Body, cls)
	case *ast.Try:
		c.stmts(x.Body, cls)
		for _, h := range x.Handlers {
			c.stmts(h.Body, cls)
		}
		c.stmts(x.Orelse, cls)
		c.stmts(x.Finalbody, cls)
	case *ast.Assert:
		c.expr(x.Test)
	}
}

// assign records the inferred type of a plain name target in a function.
func (c *Checker) assign(target ast.Expr, t types.Type) {
	n, ok := target.(*ast.Name)
	f := c.top()
	if !ok || f == nil {
		return
	}
	if _, known := f.vars[n.ID]; !known {
		f.vars[n.ID] = widen(t)
	}
}

// widen drops the literal an inferred variable type remembers: `x = 1`
// gives x the type int.
func widen(t types.Type) types.Type {
	if i, ok := t.(*types.Instance); ok && i.LastKnownValue != nil {
		return &types.Instance{Class: i.Class, Args: i.Args}
	}
	return t
}

func (c *Checker) function(f *ast.FunctionDef, cls *types.Class) {
	sig := c.p.Signature(c.m.Name, cls, f)
	fr := &frame{vars: map[string]types.Type{}, checked: isAnnotated(f) || c.checkUntyped, class: cls}
	for i, p := range sig.Params {
		t := p.Type
		if i == 0 && cls != nil && !isStatic(f) {
			if _, isAny := t.(*types.Any); isAny {
				t = selfType(cls)
			}
		}
		switch p.Kind {
		case types.ArgStar:
			t = c.builtinInstance("tuple", t)
		case types.ArgStar2:
			t = c.builtinInstance("dict", c.builtinInstance("str"), t)
		}
		fr.vars[p.Name] = t
	}
	c.frames = append(c.frames, fr)
	c.stmts(f.Body, nil)
	c.frames = c.frames[:len(c.frames)-1]
}

// selfType is the type of self in a method of cls: cls with its own type
// variables as arguments.
func selfType(cls *types.Class) types.Type {
	inst := &types.Instance{Class: cls}
	for _, tv := range cls.TypeParams {
		inst.Args = append(inst.Args, tv)
	}
	return inst
}

func isStatic(f *ast.FunctionDef) bool {
	for _, d := range f.DecoratorList {
		if n, ok := d.(*ast.Name); ok && n.ID == "staticmethod" {
			return true
		}
	}
	return false
}

func isAnnotated(f *ast.FunctionDef) bool {
	if f.Returns != nil || f.TypeComment != "" {
		return true
	}
	all := append(append([]*ast.Arg{}, f.Args.Posonlyargs...), f.Args.Args...)
	all = append(all, f.Args.Kwonlyargs...)
	if f.Args.Vararg != nil {
		all = append(all, f.Args.Vararg)
	}
	if f.Args.Kwarg != nil {
		all = append(all, f.Args.Kwarg)
	}
	for _, a := range all {
		if a.Annotation != nil {
			return true
		}
	}
	return false
}

func (c *Checker) builtinInstance(name string, args ...types.Type) types.Type {
	cls := c.p.ModuleClass("builtins", name)
	if cls == nil {
		return &types.Any{Reason: types.AnySpecialForm}
	}
	inst := &types.Instance{Class: cls}
	if len(cls.TypeParams) > 0 {
		for i := range cls.TypeParams {
			if i < len(args) {
				inst.Args = append(inst.Args, args[i])
			} else {
				inst.Args = append(inst.Args, &types.Any{})
			}
		}
	}
	return inst
}

func (c *Checker) reveal(call *ast.Call) {
	if len(call.Args) != 1 {
		return
	}
	t := c.expr(call.Args[0])
	if !c.checked() {
		c.note(&call.Span, `Revealed type is "Any"`)
		c.note(&call.Span, "'reveal_type' always outputs 'Any' in unchecked functions")
		return
	}
	c.note(&call.Span, "Revealed type is \""+types.Verbose(t)+"\"")
}
