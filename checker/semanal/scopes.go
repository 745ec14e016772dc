package semanal

import (
	"typd/checker/build"
	"typd/parser/ast"
)

// ScopeNames returns the names the body of a def or class statement
// binds, as the names pass collects them: each symbol with its first
// binding statement (Symbol.First), a def's parameters included and the
// names it declares global or nonlocal left out. module is the statement's
// module; the table is built on first use and kept with the program, and
// must not be changed. It may be called from several goroutines.
func (p *Program) ScopeNames(module string, scope ast.Stmt) Table {
	return p.scopeNamesOf(module, scope).names
}

// bodyNames are a body's table and the names it declares global.
type bodyNames struct {
	names   Table
	globals map[string]bool
}

// scopeNamesOf is ScopeNames with the names the body declares global.
func (p *Program) scopeNamesOf(module string, scope ast.Stmt) bodyNames {
	p.scopeNamesMu.Lock()
	defer p.scopeNamesMu.Unlock()
	if t, ok := p.scopeNames[scope]; ok {
		return t
	}
	var names bodyNames
	if m := p.graph.Modules[module]; m != nil {
		col := collectScope(p.cfg, m, scope)
		names = bodyNames{col.names, col.globals()}
	}
	if p.scopeNames == nil {
		p.scopeNames = map[ast.Stmt]bodyNames{}
	}
	p.scopeNames[scope] = names
	if def, inDef := scope.(*ast.FunctionDef); inDef {
		for _, s := range names.names {
			if s.Kind == Class {
				if p.localClasses == nil {
					p.localClasses, p.localsOf = map[*Symbol]bool{}, map[string]map[string][]localClass{}
				}
				if p.localsOf[module] == nil {
					p.localsOf[module] = map[string][]localClass{}
				}
				p.localClasses[s] = true
				p.localsOf[module][s.Name] = append(p.localsOf[module][s.Name], localClass{def, s})
			}
		}
	}
	return names
}

// localClass is a class a def's body binds.
type localClass struct {
	def *ast.FunctionDef
	sym *Symbol
}

// localClassAt is the class a name in an annotation of module names when
// the body of a def around the annotation binds that name to a class (the
// innermost such def), among the defs whose tables were built; nil
// otherwise.
func (p *Program) localClassAt(module string, n *ast.Name) *Symbol {
	p.scopeNamesMu.Lock()
	defer p.scopeNamesMu.Unlock()
	var best localClass
	for _, l := range p.localsOf[module][n.ID] {
		// (the def's own signature is outside its body)
		if len(l.def.Body) == 0 || n.Lineno < l.def.Body[0].Pos().Lineno || n.Lineno > l.def.EndLineno {
			continue
		}
		if best.def == nil || l.def.Lineno >= best.def.Lineno {
			best = l
		}
	}
	return best.sym
}

// collectScope collects the names the body of a def or class statement of
// module m binds (see ScopeNames); the collector keeps the redefinitions
// found.
func collectScope(cfg Config, m *build.Module, scope ast.Stmt) *collector {
	col := &collector{rc: cfg.Reach, names: Table{}, base: baseResolver(m)}
	switch x := scope.(type) {
	case *ast.FunctionDef:
		bindParams(x.Args, col.names)
		col.stmts(x.Body)
		for name := range col.outer {
			delete(col.names, name) // global and nonlocal names resolve outside
		}
	case *ast.ClassDef:
		col.stmts(x.Body)
	}
	return col
}
