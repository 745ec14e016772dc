package semanal

import "typd/parser/ast"

// Info is the name resolution of one module's code, recorded by the pass
// that reports undefined names, run again for the module on first use
// with recording on (the run during analysis reports and records
// nothing): what each name refers to, where each symbol of a body is first
// bound, and where each class's methods first assign an attribute through
// self. Names inside string annotations are not the module's nodes and
// are left out, as are branches the target's platform and version never
// run.
type Info struct {
	// Uses maps each name read, assigned or deleted to its binding.
	Uses map[*ast.Name]Binding
	// Defs maps a symbol bound by an assignment, a for or with target, a
	// walrus or a parameter to the name (*ast.Name) or parameter
	// (*ast.Arg) that binds it first; symbols that a def, class or import
	// binds are found at Symbol.First.
	Defs map[*Symbol]ast.Node
	// SelfAttrs maps each class to the attributes its methods assign
	// through their first parameter, each at its first assignment.
	SelfAttrs map[*ast.ClassDef]map[string]*ast.Attribute
}

// Binding is what a name refers to: a symbol of the body of a def, class,
// lambda or comprehension (Scope), or of a module's top level (Scope nil,
// Module the module or "builtins").
type Binding struct {
	// Scope is the *ast.FunctionDef, *ast.ClassDef, *ast.Lambda or (for a
	// comprehension) the first *ast.Comprehension whose body binds the
	// name; nil at module level.
	Scope  ast.Node
	Module string
	// Sym is the scope's symbol of the name; nil for a name that only a
	// star import, a module's implicit attributes (__name__...) or one of
	// mypy's special forms (reveal_type...) binds. At module level it may
	// be an import, which Program.Resolve follows.
	Sym *Symbol
}

// Info returns the recorded name resolution of a module's code (empty
// for a module that has syntax errors or was not analysed). It is built
// on first use and kept with the program; it must not be changed. It may
// be called from several goroutines.
func (p *Program) Info(module string) *Info {
	p.infoMu.Lock()
	defer p.infoMu.Unlock()
	if in, ok := p.infos[module]; ok {
		return in
	}
	in := &Info{Uses: map[*ast.Name]Binding{}, Defs: map[*Symbol]ast.Node{},
		SelfAttrs: map[*ast.ClassDef]map[string]*ast.Attribute{}}
	m, mod := p.graph.Modules[module], p.Modules[module]
	if m != nil && mod != nil && m.File != nil && len(m.File.Errors) == 0 {
		ck := &checker{p: p, m: m, mod: mod, info: in}
		ck.push(&scope{kind: moduleScope, names: mod.Names, checked: true})
		ck.stmts(m.File.Module.Body)
	}
	if p.infos == nil {
		p.infos = map[string]*Info{}
	}
	p.infos[module] = in
	return in
}

// record notes what a name of the module's code refers to, and the name
// as its symbol's first binding when it stores to it.
func (c *checker) record(n *ast.Name) {
	if c.info == nil || c.forwardRefs > 0 {
		return
	}
	b, ok := c.lookup(n.ID)
	if !ok {
		return
	}
	c.info.Uses[n] = b
	if n.Ctx != ast.Load && b.Sym != nil {
		if _, seen := c.info.Defs[b.Sym]; !seen {
			c.info.Defs[b.Sym] = n
		}
	}
}

// recordParams notes a def's or lambda's parameters as the first bindings
// of their symbols in its body's table.
func (c *checker) recordParams(a *ast.Arguments, names Table) {
	if c.info == nil || a == nil {
		return
	}
	for _, arg := range a.All() {
		if sym := names[arg.Arg]; sym != nil {
			c.info.Defs[sym] = arg
		}
	}
}

// recordSelfAttr notes an assignment to an attribute of a method's first
// parameter (self.x = ...) as the class's, when it is the first.
func (c *checker) recordSelfAttr(a *ast.Attribute) {
	if c.info == nil || len(c.scopes) < 2 {
		return
	}
	f, isDef := c.top().node.(*ast.FunctionDef)
	cls, inClass := c.scopes[len(c.scopes)-2].node.(*ast.ClassDef)
	self, isName := a.Value.(*ast.Name)
	if !isDef || !inClass || !isName || len(f.Args.All()) == 0 || f.Args.All()[0].Arg != self.ID {
		return
	}
	attrs := c.info.SelfAttrs[cls]
	if attrs == nil {
		attrs = map[string]*ast.Attribute{}
		c.info.SelfAttrs[cls] = attrs
	}
	if _, seen := attrs[a.Attr]; !seen {
		attrs[a.Attr] = a
	}
}

// bodyNames collects the names of a def's or class's body and the names
// bound twice in it. While recording, the tables are the program's
// (ScopeNames), so that the recorded symbols are the ones other queries
// find, and the redefinitions, which recording does not report, are not
// collected.
func (c *checker) bodyNames(scope ast.Stmt) (bodyNames, []Redefinition) {
	if c.info != nil {
		return c.p.scopeNamesOf(c.m.Name, scope), nil
	}
	col := collectScope(c.p.cfg, c.m, scope)
	return bodyNames{col.names, col.globals()}, col.redefs
}

// globals are the names a def's body declares global.
func (c *collector) globals() map[string]bool {
	var out map[string]bool
	for name, global := range c.outer {
		if global {
			if out == nil {
				out = map[string]bool{}
			}
			out[name] = true
		}
	}
	return out
}
