package checker

import (
	"maps"

	"typd/checker/build"
	"typd/checker/check"
	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser"
	"typd/parser/ast"
)

// Trial is a signature to try for a def of a snapshot's program, as dmypy's
// suggest tries its guesses: the type of each parameter (in the order of
// Arguments.All; nil keeps the parameter as it is written) and of the
// return (nil keeps it).
type Trial struct {
	Module string
	Def    *ast.FunctionDef
	Params []types.Type
	Ret    types.Type
}

// TrialResult is what checking a program under a trial found: the
// diagnostics of the modules checked, and the types of the expressions of
// the def's module (keyed by the snapshot's own syntax nodes: the trial
// shares them).
type TrialResult struct {
	Diagnostics []diag.Diagnostic
	Types       map[ast.Expr]types.Type
}

// Try checks the def's module, and the other modules named, again as if
// the def were annotated as the trial says (an unannotated def is then
// checked as an annotated one). The snapshot is left as it was: the trial
// analyses a copy of the program in which only the def's module differs.
// It returns false when the module or the def is not in the program.
func (r Reader) Try(t Trial, also []string) (TrialResult, bool) {
	s := r.s
	m := s.graph.Modules[t.Module]
	if m == nil || m.File == nil || len(m.File.Errors) > 0 {
		return TrialResult{}, false
	}
	fixed := map[ast.Expr]types.Type{}
	def := annotatedCopy(t, fixed)
	body, ok := replaceDef(m.File.Module.Body, t.Def, def)
	if !ok {
		return TrialResult{}, false
	}
	mod := *m.File.Module
	mod.Body = body
	tried := *m
	tried.File = &parser.File{Module: &mod}
	g := &build.Graph{Modules: maps.Clone(s.graph.Modules)}
	g.Modules[t.Module] = &tried
	for _, scc := range s.graph.SCCs {
		out := make([]*build.Module, len(scc))
		for i, x := range scc {
			out[i] = g.Modules[x.Name]
		}
		g.SCCs = append(g.SCCs, out)
	}
	cfg := s.semCfg
	cfg.Fixed = fixed
	prog := semanal.Analyze(g, cfg)
	// The trial's types are of the snapshot's program (or an earlier
	// trial's): its classes are carried into this program by name.
	carry := func(c *types.Class) *types.Class {
		if c.FullName != c.Module+"."+c.Name {
			return c // a nested class: kept
		}
		if mine := prog.ModuleClass(c.Module, c.Name); mine != nil {
			return mine
		}
		return c
	}
	for e, typ := range fixed {
		fixed[e] = types.MapClasses(typ, carry)
	}
	var res TrialResult
	res.Types, res.Diagnostics = check.ModuleTypes(prog, &tried, s.rc, checkSettings(s.opts.For(t.Module)))
	for _, name := range also {
		if other := g.Modules[name]; other != nil && name != t.Module && !other.Silent {
			res.Diagnostics = append(res.Diagnostics, check.ModuleRecorded(prog, other, s.rc, checkSettings(s.opts.For(name)), nil)...)
		}
	}
	return res, true
}

// annotatedCopy is the trial's def: a copy of the def whose parameters and
// return the trial types carry placeholder annotations, fixed to those
// types.
func annotatedCopy(t Trial, fixed map[ast.Expr]types.Type) *ast.FunctionDef {
	def := *t.Def
	args := *t.Def.Args
	placeholder := func(sp ast.Span, typ types.Type) ast.Expr {
		n := &ast.Name{Span: sp, ID: "Any", Ctx: ast.Load}
		fixed[n] = typ
		return n
	}
	i := 0
	param := func(a *ast.Arg) *ast.Arg {
		if a == nil {
			return nil
		}
		k := i
		i++
		if k >= len(t.Params) || t.Params[k] == nil {
			return a
		}
		c := *a
		c.Annotation = placeholder(a.Span, t.Params[k])
		return &c
	}
	list := func(as []*ast.Arg) []*ast.Arg {
		out := make([]*ast.Arg, len(as))
		for j, a := range as {
			out[j] = param(a)
		}
		return out
	}
	args.Posonlyargs = list(args.Posonlyargs)
	args.Args = list(args.Args)
	args.Vararg = param(args.Vararg)
	args.Kwonlyargs = list(args.Kwonlyargs)
	args.Kwarg = param(args.Kwarg)
	def.Args = &args
	if t.Ret != nil {
		def.Returns = placeholder(t.Def.Span, t.Ret)
	}
	return &def
}

// replaceDef returns a copy of a block in which one def (at its top level
// or in the bodies of its classes) is replaced, sharing every other
// statement; false when the def is not there.
func replaceDef(body []ast.Stmt, old, new *ast.FunctionDef) ([]ast.Stmt, bool) {
	for i, s := range body {
		switch x := s.(type) {
		case *ast.FunctionDef:
			if x != old {
				continue
			}
			out := append([]ast.Stmt(nil), body...)
			out[i] = new
			return out, true
		case *ast.ClassDef:
			inner, ok := replaceDef(x.Body, old, new)
			if !ok {
				continue
			}
			c := *x
			c.Body = inner
			out := append([]ast.Stmt(nil), body...)
			out[i] = &c
			return out, true
		}
	}
	return nil, false
}
