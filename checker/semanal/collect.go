package semanal

import (
	"slices"
	"strings"

	"typd/checker/reach"
	"typd/parser/ast"
)

// collector gathers the names a scope binds, walking nested blocks (but
// not nested function or class bodies) and skipping unreachable branches.
type collector struct {
	rc *reach.Config
	// base resolves a from-import's module (relative imports); ok is false
	// when it cannot be resolved.
	base   func(x *ast.ImportFrom) (string, bool)
	names  Table
	stub   bool
	module *Module // set for a module's top level
	// outer are the names the scope declares global (true) or nonlocal
	// (false): it uses them but does not bind them.
	outer map[string]bool
	// depth counts the compound statements around the current one; a def
	// below the scope's top level is conditional.
	depth int
	// redefs are the names defined twice.
	redefs []Redefinition
	// seq numbers the statements collected; defSeq is the number of the
	// statement that last defined each function name (an overload's
	// parts follow one another).
	seq    int
	defSeq map[string]int
	// trySeq is the number of the last try statement, under which an
	// overload's parts may be defined (those under if statements are
	// merged before, see package merge).
	trySeq int
	// rejected numbers, for a name, the statement of an @overload variant
	// reported as redefining it: the parts that directly follow belong to
	// the same overload, which mypy reports once.
	rejected map[string]int
	// cur is the statement being collected (the innermost).
	cur ast.Stmt
}

// put binds s in the table: a name's first binding statement is the
// current one, and stays when a later binding replaces the symbol.
func (c *collector) put(s *Symbol) {
	if prev, ok := c.names[s.Name]; ok {
		s.First = prev.First
	} else {
		s.First = c.cur
	}
	c.names[s.Name] = s
}

// define binds a definition (def, class, import, annotated assignment),
// recording a redefinition where mypy reports one. decorators are a def's.
func (c *collector) define(s *Symbol, col int32, decorators []ast.Expr) *Symbol {
	s.Declared = true
	if s.Kind == Func {
		defer c.markDef(s.Name)
	}
	prev, ok := c.names[s.Name]
	if !ok {
		c.put(s)
		return s
	}
	if s.Kind == Func && prev.Kind == Func && (s.Overload || prev.Overload) &&
		(!prev.Overload || c.defSeq[s.Name] != c.seq-1 && c.trySeq < c.defSeq[s.Name]) {
		// An @overload variant after a plain def redefines it, as does a
		// def that does not directly follow an overload's last part in
		// its block, conditional or not, in mypy (which places a
		// decorated def at its first decorator).
		if seq, ok := c.rejected[s.Name]; ok && seq == c.defSeq[s.Name] && seq == c.seq-1 {
			c.rejected[s.Name] = c.seq // (a later part of the overload reported)
			return prev
		}
		line, col := int32(s.Line), col
		if len(decorators) > 0 {
			at := decorators[0].Pos()
			line, col = at.Lineno, at.ColOffset
		}
		c.redefs = append(c.redefs, Redefinition{Name: s.Name, Line: line, Col: col, Prev: prev})
		if s.Overload {
			if c.rejected == nil {
				c.rejected = map[string]int{}
			}
			c.rejected[s.Name] = c.seq
		}
		return prev
	}
	if s.Kind == Func && prev.Kind == Func && (s.Overload || prev.Overload) {
		s.Variants = prev.Variants
		if prev.Overload {
			if f, ok := prev.Def.(*ast.FunctionDef); ok && len(prev.Variants) == 0 {
				s.Variants = []*ast.FunctionDef{f}
			}
		}
		if f, ok := s.Def.(*ast.FunctionDef); ok && s.Overload {
			s.Variants = append(append([]*ast.FunctionDef(nil), s.Variants...), f)
		}
		s.Overload = true
		c.put(s)
		return s
	}
	if isPropertyPart(prev, s, decorators) {
		return prev // the property stands for all its parts
	}
	if c.redefinitionAllowed(prev, s, decorators) {
		if s.Kind == Func || s.Kind == Class {
			c.put(s)
		}
		return prev
	}
	line := int32(s.Line)
	if len(decorators) > 0 {
		// mypy places a decorated def at its first decorator.
		at := decorators[0].Pos()
		line, col = at.Lineno, at.ColOffset
	}
	r := Redefinition{Name: s.Name, Line: line, Col: col, Prev: prev, Declaration: s.Kind == Var && s.Annotation != nil}
	if (s.Kind == Imported || s.Kind == ModuleRef) && (prev.Kind == Func || prev.Kind == Class) {
		r.UnlessLoaded = s.Module // an import over a def or class
	}
	c.redefs = append(c.redefs, r)
	return prev
}

// redefinitionAllowed lists the redefinitions mypy accepts: conditional
// function variants, overloads, property accessors, the same import again,
// and anything over a plain assignment but a def or class.
func (c *collector) redefinitionAllowed(prev, s *Symbol, decorators []ast.Expr) bool {
	switch {
	case s.Name == "_":
		return true // `def _` is the conventional throwaway name
	case prev.AnnotationOnly && (s.Kind != Var || s.Annotation == nil):
		return true
	case s.Kind == Func && s.Conditional && prev.Kind != Class && prev.Kind != ModuleRef:
		// A def under a condition may redefine a def or variable (the
		// checker compares their signatures); a def not under one may
		// not redefine even a conditional def.
		return true
	case s.Overload || prev.Overload:
		return true
	case s.Kind == ModuleRef && prev.Kind == ModuleRef && s.Module == prev.Module,
		s.Kind == Imported && prev.Kind == Imported && s.Module == prev.Module && s.Attr == prev.Attr:
		return true
	case s.Kind == ModuleRef && prev.Kind == ModuleRef:
		return false // `import a as m` over `import b as m`
	case s.Kind == Imported && c.module != nil && s.Module == c.module.Name && s.Attr == prev.Name:
		return true // the module importing its own definition binds the same thing again
	case s.Kind == Imported || s.Kind == ModuleRef:
		// An import over another import or a variable keeps the name's
		// first binding; mypy checks it as an assignment ("Incompatible
		// import of ...", not modelled yet). Over a def or class, see
		// define.
		return prev.Kind != Func && prev.Kind != Class
	case s.Kind == Var && (s.Final || s.Annotation != nil && IsFinalAnnotation(s.Annotation)):
		return true // the checker says "Cannot redefine an existing name as final"
	case s.Kind == Var:
		// An annotated assignment declares: over any binding of the
		// name, it is mypy's no-redef error; a plain one is not.
		return s.Annotation == nil && !prev.Declared
	case !prev.Declared && s.Kind != Func && s.Kind != Class:
		return true
	}
	for _, d := range decorators {
		if a, ok := d.(*ast.Attribute); ok {
			if n, ok := a.Value.(*ast.Name); ok && n.ID == s.Name {
				return true // @f.setter, @f.register, ...
			}
		}
	}
	return false
}

// isPropertyPart reports a decorated def redefining a property (as its
// setter, deleter or, wrongly, otherwise: the checker tells a wrong
// decorator, "Only supported top decorators are ...").
func isPropertyPart(prev, s *Symbol, decorators []ast.Expr) bool {
	f, ok := prev.Def.(*ast.FunctionDef)
	return ok && s.Kind == Func && len(decorators) > 0 && isPropertyDef(f)
}

// InvalidPropertyParts are the decorated defs of a class body that follow a
// property of the same name (its parts, for mypy) without `@name.setter` or
// `@name.deleter` as their first decorator, with the property's name.
func InvalidPropertyParts(body []ast.Stmt) map[*ast.FunctionDef]string {
	var out map[*ast.FunctionDef]string
	property := ""
	for _, st := range body {
		f, ok := st.(*ast.FunctionDef)
		if !ok || len(f.DecoratorList) == 0 {
			property = ""
			continue
		}
		if f.Name != property {
			property = ""
			if isPropertyDef(f) {
				property = f.Name
			}
			continue
		}
		if a, ok := f.DecoratorList[0].(*ast.Attribute); ok && (a.Attr == "setter" || a.Attr == "deleter") {
			if n, ok := a.Value.(*ast.Name); ok && n.ID == property {
				continue
			}
		}
		if out == nil {
			out = map[*ast.FunctionDef]string{}
		}
		out[f] = property
	}
	return out
}

// isPropertyDef reports a def decorated as a property.
func isPropertyDef(f *ast.FunctionDef) bool {
	for _, d := range f.DecoratorList {
		if propertyDecorators[ast.DottedName(d)] {
			return true
		}
	}
	return false
}

// isOverload reports an @overload decorator.
func isOverload(decorators []ast.Expr) bool {
	for _, d := range decorators {
		if specialForm(d) == "overload" {
			return true
		}
	}
	return false
}

func (c *collector) bind(name string, kind Kind, line int32) *Symbol {
	if name == "" {
		return nil
	}
	if prev, ok := c.names[name]; ok && prev.Kind != Var {
		// A def, class or import keeps its binding; a later assignment
		// does not change what the name is for lookup purposes.
		return prev
	}
	s := &Symbol{Name: name, Kind: kind, Line: int(line)}
	c.put(s)
	return s
}

// target binds the names an assignment target stores to.
func (c *collector) target(e ast.Expr) {
	ast.TargetLeaves(e, func(leaf ast.Expr) {
		if n, ok := leaf.(*ast.Name); ok {
			c.bind(n.ID, Var, n.Lineno)
		}
	})
}

// stmts collects a block. Its start and end count as statements, so that
// no def in it follows one outside it (see markDef).
func (c *collector) stmts(body []ast.Stmt) {
	c.seq++
	defer func() { c.seq++ }()
	for _, s := range body {
		if a, ok := s.(*ast.Assert); ok && reach.IsFalse(c.rc.Infer(a.Test)) {
			return
		}
		c.stmt(s)
	}
}

// markDef records that the statement being collected defines function
// name.
func (c *collector) markDef(name string) {
	if c.defSeq == nil {
		c.defSeq = map[string]int{}
	}
	c.defSeq[name] = c.seq
}

func (c *collector) stmt(s ast.Stmt) {
	c.seq++
	outer := c.cur
	c.cur = s
	defer func() { c.cur = outer }()
	if _, ok := s.(*ast.Try); ok {
		c.trySeq = c.seq
	}
	switch s.(type) {
	case *ast.If, *ast.For, *ast.While, *ast.With, *ast.Try, *ast.Match:
		c.depth++
		defer func() { c.depth-- }()
	}
	switch x := s.(type) {
	case *ast.FunctionDef:
		// (Assignment expressions in its decorators and defaults bind
		// here, before the def binds its name.)
		for _, e := range slices.Concat(x.DecoratorList, x.Args.Defaults, x.Args.KwDefaults) {
			c.walrus(e)
		}
		c.define(&Symbol{Name: x.Name, Kind: Func, Line: int(x.Lineno), Conditional: c.depth > 0,
			Overload: isOverload(x.DecoratorList), Def: x}, x.ColOffset, x.DecoratorList)
		if c.module != nil && x.Name == "__getattr__" {
			c.module.HasGetattr = true
		}
	case *ast.ClassDef:
		for _, e := range slices.Concat(x.DecoratorList, x.Bases) {
			c.walrus(e)
		}
		c.define(&Symbol{Name: x.Name, Kind: Class, Line: int(x.Lineno), Def: x}, x.ColOffset, nil)
	case *ast.Assign:
		for _, t := range x.Targets {
			c.target(t)
			if n, ok := t.(*ast.Name); ok {
				if s := c.names[n.ID]; s != nil && s.Kind == Var && s.Value == nil && s.Annotation == nil {
					s.Value = x.Value
					if len(x.Targets) == 1 {
						s.TypeComment = x.TypeComment
					}
				}
			}
		}
		if n, ok := x.Targets[0].(*ast.Name); ok && len(x.Targets) == 1 {
			if s := c.names[n.ID]; s != nil && s.Kind == Var && s.Value == x.Value {
				if def := functionalTypedDict(n.ID, x); def != nil {
					s.Kind, s.Def = Class, def
				} else if def := functionalNamedTuple(n.ID, x); def != nil {
					s.Kind, s.Def = Class, def
				} else if def := functionalEnum(n.ID, x); def != nil {
					s.Kind, s.Def = Class, def
				} else if def := functionalNewType(n.ID, x); def != nil {
					s.Kind, s.Def = Class, def
				}
			}
		}
		c.walrus(x.Value)
		if c.module != nil {
			c.dunderAll(x.Targets, x.Value, false)
		}
	case *ast.AnnAssign:
		if n, ok := x.Target.(*ast.Name); ok && x.Simple == 1 && x.Value != nil && IsBareFinal(x.Annotation) {
			c.define(&Symbol{Name: n.ID, Kind: Var, Line: int(x.Lineno), Final: true, Value: x.Value}, x.ColOffset, nil)
		} else if n, ok := x.Target.(*ast.Name); ok && x.Simple == 1 && x.Value != nil {
			c.define(&Symbol{Name: n.ID, Kind: Var, Line: int(x.Lineno), Annotation: x.Annotation, Value: x.Value},
				x.ColOffset, nil)
		} else if n, ok := x.Target.(*ast.Name); ok && x.Simple == 1 {
			if prev, bound := c.names[n.ID]; !bound {
				c.put(&Symbol{Name: n.ID, Kind: Var, Line: int(x.Lineno), AnnotationOnly: true,
					Annotation: x.Annotation})
			} else if !c.outer[n.ID] && n.ID != "_" && !IsFinalAnnotation(x.Annotation) {
				// A declaration of a name bound before is mypy's no-redef
				// error, whatever bound it.
				c.redefs = append(c.redefs, Redefinition{Name: n.ID, Line: x.Lineno, Col: x.ColOffset, Prev: prev, Declaration: true})
			}
		} else {
			c.target(x.Target)
		}
		c.walrus(x.Value)
		if c.module != nil && x.Value != nil {
			c.dunderAll([]ast.Expr{x.Target}, x.Value, false)
		}
	case *ast.AugAssign:
		c.target(x.Target)
		c.walrus(x.Value)
		if c.module != nil {
			c.dunderAll([]ast.Expr{x.Target}, x.Value, true)
		}
	case *ast.TypeAlias:
		c.bind(x.Name.ID, Var, x.Lineno)
	case *ast.For:
		c.walrus(x.Iter)
		c.target(x.Target)
		c.stmts(x.Body)
		c.stmts(x.Orelse)
	case *ast.While:
		c.walrus(x.Test)
		c.stmts(x.Body)
		c.stmts(x.Orelse)
	case *ast.If:
		c.walrus(x.Test)
		t := c.rc.Infer(x.Test)
		if !reach.IsFalse(t) {
			c.stmts(x.Body)
		}
		if !reach.IsTrue(t) {
			c.stmts(x.Orelse)
		}
	case *ast.With:
		for _, it := range x.Items {
			c.walrus(it.ContextExpr)
			if it.OptionalVars != nil {
				c.target(it.OptionalVars)
			}
		}
		c.stmts(x.Body)
	case *ast.Try:
		c.stmts(x.Body)
		for _, h := range x.Handlers {
			if h.Name != "" {
				c.bind(h.Name, Var, h.Lineno)
			}
			c.stmts(h.Body)
		}
		c.stmts(x.Orelse)
		c.stmts(x.Finalbody)
	case *ast.Match:
		c.walrus(x.Subject)
		for _, mc := range x.Cases {
			c.pattern(mc.Pattern)
			c.walrus(mc.Guard)
			c.stmts(mc.Body)
		}
	case *ast.Import:
		for _, a := range x.Names {
			if a.Asname != "" {
				c.define(&Symbol{Name: a.Asname, Kind: ModuleRef, Line: int(x.Lineno), Module: a.Name,
					ExplicitExport: a.Asname == a.Name}, x.ColOffset, nil)
				continue
			}
			top, _, _ := strings.Cut(a.Name, ".")
			c.define(&Symbol{Name: top, Kind: ModuleRef, Line: int(x.Lineno), Module: top}, x.ColOffset, nil)
			c.submoduleOfSelf(a.Name, x.Lineno)
		}
	case *ast.ImportFrom:
		base, ok := c.base(x)
		if !ok {
			return
		}
		c.submoduleOfSelf(base, x.Lineno)
		for _, a := range x.Names {
			if a.Name == "*" {
				if c.module != nil {
					c.module.StarImports = append(c.module.StarImports, base)
				}
				continue
			}
			name := a.Name
			if a.Asname != "" {
				name = a.Asname
			}
			c.define(&Symbol{Name: name, Kind: Imported, Line: int(x.Lineno), Module: base, Attr: a.Name,
				ExplicitExport: a.Asname != "" && a.Asname == a.Name}, x.ColOffset, nil)
		}
	case *ast.Global:
		for _, n := range x.Names {
			if c.outer == nil {
				c.outer = map[string]bool{}
			}
			c.outer[n] = true
		}
	case *ast.Nonlocal:
		for _, n := range x.Names {
			if c.outer == nil {
				c.outer = map[string]bool{}
			}
			c.outer[n] = false // bound in an enclosing scope, not here
		}
	case *ast.ExprStmt:
		c.walrus(x.Value)
		if c.module != nil {
			c.dunderAllCall(x.Value)
		}
	case *ast.Return:
		c.walrus(x.Value)
	case *ast.Assert:
		c.walrus(x.Test)
		c.walrus(x.Msg)
	case *ast.Raise:
		c.walrus(x.Exc)
		c.walrus(x.Cause)
	}
}

// submoduleOfSelf binds `child` in a package whose own code imports its
// submodule child (`from .events import *` in asyncio/__init__.py makes
// `events` a name there, as the import does at run time).
func (c *collector) submoduleOfSelf(imported string, line int32) {
	if c.module == nil {
		return
	}
	rest, ok := strings.CutPrefix(imported, c.module.Name+".")
	if !ok {
		return
	}
	child, _, _ := strings.Cut(rest, ".")
	if _, bound := c.names[child]; !bound {
		// Public, as mypy adds a submodule to its parent.
		c.names[child] = &Symbol{Name: child, Kind: ModuleRef, Line: int(line), Module: c.module.Name + "." + child, ExplicitExport: true}
	}
}

// pattern binds the capture names of a match pattern.
func (c *collector) pattern(p ast.Pattern) {
	switch x := p.(type) {
	case *ast.MatchAs:
		if x.Pattern != nil {
			c.pattern(x.Pattern)
		}
		if x.Name != "" {
			c.bind(x.Name, Var, x.Lineno)
		}
	case *ast.MatchStar:
		if x.Name != "" {
			c.bind(x.Name, Var, x.Lineno)
		}
	case *ast.MatchOr:
		for _, q := range x.Patterns {
			c.pattern(q)
		}
	case *ast.MatchSequence:
		for _, q := range x.Patterns {
			c.pattern(q)
		}
	case *ast.MatchMapping:
		for _, q := range x.Patterns {
			c.pattern(q)
		}
		if x.Rest != "" {
			c.bind(x.Rest, Var, x.Lineno)
		}
	case *ast.MatchClass:
		for _, q := range x.Patterns {
			c.pattern(q)
		}
		for _, q := range x.KwdPatterns {
			c.pattern(q)
		}
	}
}

// walrus binds the targets of assignment expressions in e (outside
// lambdas; inside comprehensions they bind in this scope too).
func (c *collector) walrus(e ast.Expr) {
	if e == nil {
		return
	}
	ast.Inspect(e, func(x ast.Node) bool {
		switch n := x.(type) {
		case *ast.NamedExpr:
			if t, ok := n.Target.(*ast.Name); ok {
				c.bind(t.ID, Var, t.Lineno)
			}
		case *ast.Lambda:
			return false
		}
		return true
	})
}

// dunderAll records `__all__ = [...]` and `__all__ += [...]`.
func (c *collector) dunderAll(targets []ast.Expr, value ast.Expr, augmented bool) {
	for _, t := range targets {
		if n, ok := t.(*ast.Name); ok && n.ID == "__all__" {
			names, ok := stringList(value)
			if !ok {
				// mypy knows __all__ only from literal lists; anything else
				// leaves the module exporting its public names.
				return
			}
			if !augmented {
				c.module.All = nil
			}
			c.module.HasAll = true
			c.module.All = append(c.module.All, names...)
		}
	}
}

// dunderAllCall records __all__.append("x"), .extend([...]) and .remove("x").
func (c *collector) dunderAllCall(e ast.Expr) {
	call, ok := e.(*ast.Call)
	if !ok || len(call.Args) != 1 {
		return
	}
	attr, ok := call.Func.(*ast.Attribute)
	if !ok {
		return
	}
	if n, ok := attr.Value.(*ast.Name); !ok || n.ID != "__all__" {
		return
	}
	switch attr.Attr {
	case "append":
		if s, ok := call.Args[0].(*ast.Constant); ok && s.Value.Kind == ast.StrValue {
			c.module.All = append(c.module.All, s.Value.Str)
		}
	case "extend":
		if names, ok := stringList(call.Args[0]); ok {
			c.module.All = append(c.module.All, names...)
		}
	case "remove":
		if s, ok := call.Args[0].(*ast.Constant); ok && s.Value.Kind == ast.StrValue {
			for i, n := range c.module.All {
				if n == s.Value.Str {
					c.module.All = append(c.module.All[:i:i], c.module.All[i+1:]...)
					break
				}
			}
		}
	}
}

// stringList reads a list or tuple of string literals.
func stringList(e ast.Expr) ([]string, bool) {
	var elts []ast.Expr
	switch x := e.(type) {
	case *ast.List:
		elts = x.Elts
	case *ast.Tuple:
		elts = x.Elts
	default:
		return nil, false
	}
	out := make([]string, 0, len(elts))
	for _, el := range elts {
		s, ok := el.(*ast.Constant)
		if !ok || s.Value.Kind != ast.StrValue {
			return nil, false
		}
		out = append(out, s.Value.Str)
	}
	return out, true
}
