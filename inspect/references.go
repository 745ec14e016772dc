package inspect

import (
	"cmp"
	"slices"

	"typd/checker"
	"typd/checker/semanal"
	"typd/parser/ast"
)

// Reference is a place where a name refers to a binding: a name that
// reads, assigns or deletes it, or the def, class, parameter or import
// that defines it. Line is 1-based, Col and EndCol 0-based byte columns.
type Reference struct {
	Path              string
	Line, Col, EndCol int
	// Write marks a definition or an assignment (an editor's write
	// highlight); Declaration the binding's first definition.
	Write, Declaration bool
}

// References returns, sorted by place, every reference to what the name at
// line:col of an inspected module refers to: a name the code reads or
// assigns, a def's or class's name, a parameter, or a class member (an
// attribute `value.attr`, or a def or variable named in a class body).
// Everywhere extends the search of a module-level name or a member from
// the module to every module of the program that is not a library stub
// (through imports; reader gives the types of the others' expressions, and
// may be the zero Reader without everywhere); the names of a def's body are found in
// its module either way. It is nil where no name is, and for a name that is
// a module or undefined.
func References(reader checker.Reader, ins *checker.Inspection, line, col int, everywhere bool) []Reference {
	if member, ok := memberAt(ins, line, col); ok {
		return sortedReferences(memberReferences(reader, ins, member, everywhere))
	}
	key, ok := bindingAt(ins, line, col)
	if !ok {
		return nil
	}
	if class, isClass := key.scope.(*ast.ClassDef); isClass {
		if member, ok := classMember(ins, class, key.sym.Name); ok {
			return sortedReferences(memberReferences(reader, ins, member, everywhere))
		}
	}
	r := &referenceSearch{prog: ins.Program, key: key, resolved: map[[2]string]bindingKey{}}
	if key.scope != nil {
		r.module(ins.Name, ins.Path)
	} else {
		for _, m := range ins.Graph.Modules {
			if m.Name == ins.Name || everywhere && !m.Shared && m.File != nil {
				r.module(m.Name, m.Path)
			}
		}
	}
	r.declaration(ins)
	return sortedReferences(r.out)
}

// sortedReferences sorts references by place, merging those at the same
// place.
func sortedReferences(refs []Reference) []Reference {
	slices.SortFunc(refs, func(a, b Reference) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	var out []Reference
	for _, ref := range refs {
		if last := len(out) - 1; last >= 0 && out[last].Path == ref.Path && out[last].Line == ref.Line && out[last].Col == ref.Col {
			out[last].Write = out[last].Write || ref.Write
			out[last].Declaration = out[last].Declaration || ref.Declaration
			continue
		}
		out = append(out, ref)
	}
	return out
}

// bindingKey identifies a binding: a symbol of a body (scope set), or
// of a module's top level after following imports (owner set).
type bindingKey struct {
	scope ast.Node
	owner string
	sym   *semanal.Symbol
}

// referenceSearch collects the references to one binding.
type referenceSearch struct {
	prog *semanal.Program
	key  bindingKey
	// resolved caches where module-level names lead, by module and name.
	resolved map[[2]string]bindingKey
	out      []Reference
}

// bindingAt finds the binding of the name at a position: a name of the
// code, or the name of a def, class or parameter.
func bindingAt(ins *checker.Inspection, line, col int) (bindingKey, bool) {
	info := ins.Program.Info(ins.Name)
	for _, x := range At(ins.Module, line, col) {
		if n, ok := x.(*ast.Name); ok {
			b, ok := info.Uses[n]
			if !ok || b.Sym == nil {
				return bindingKey{}, false
			}
			if b.Scope != nil {
				return bindingKey{scope: b.Scope, sym: b.Sym}, true
			}
			return resolveKey(ins.Program, b.Module, n.ID)
		}
	}
	for _, x := range At(ins.Module, line, col) {
		if a, ok := x.(*ast.Attribute); ok && onAttrName(a, line, col) {
			if dotted := ast.DottedName(a.Value); dotted != "" {
				if t, ok := ins.Program.ResolveDotted(ins.Name, dotted); ok && t.Module != "" {
					return resolveKey(ins.Program, t.Module, a.Attr)
				}
			}
			return bindingKey{}, false
		}
	}
	scope, name, ok := definedAt(ins, line, col)
	if !ok {
		return bindingKey{}, false
	}
	if scope == nil {
		return resolveKey(ins.Program, ins.Name, name)
	}
	sym := ins.Program.ScopeNames(ins.Name, scope.(ast.Stmt))[name]
	return bindingKey{scope: scope, sym: sym}, sym != nil
}

// resolveKey is the key of a module-level name, followed through imports
// to the symbol it names (a module is no binding the search follows).
func resolveKey(p *semanal.Program, module, name string) (bindingKey, bool) {
	t, ok := p.Resolve(module, name)
	if !ok || t.Sym == nil {
		return bindingKey{}, false
	}
	return bindingKey{owner: t.Owner, sym: t.Sym}, true
}

// definedAt finds the def, class or parameter whose name is at a
// position: the scope that binds it (nil for the module) and the name.
func definedAt(ins *checker.Inspection, line, col int) (scope ast.Node, name string, ok bool) {
	starts := lineOffsets(ins.Text)
	on := func(at *ast.Span, name string) bool {
		if int(at.Lineno) != line || line > len(starts) {
			return false
		}
		c, found := NameColumn(ins.Text[starts[line-1]:], int(at.ColOffset), name)
		return found && col >= c && col <= c+len(name)
	}
	var visit func(body []ast.Stmt, in ast.Node)
	visit = func(body []ast.Stmt, in ast.Node) {
		for _, s := range body {
			switch x := s.(type) {
			case *ast.FunctionDef:
				if on(&x.Span, x.Name) && !ok {
					scope, name, ok = in, x.Name, true
				}
				for _, a := range x.Args.All() {
					if on(&a.Span, a.Arg) && !ok {
						scope, name, ok = x, a.Arg, true
					}
				}
				visit(x.Body, x)
			case *ast.ClassDef:
				if on(&x.Span, x.Name) && !ok {
					scope, name, ok = in, x.Name, true
				}
				visit(x.Body, x)
			default:
				for _, block := range ast.Blocks(s) {
					visit(block, in)
				}
			}
		}
	}
	visit(ins.Module.Body, nil)
	return scope, name, ok
}

// NameColumn returns the byte column of the first whole-word occurrence of
// name at or after col in the line that text starts with (inspect places
// a def or class at its statement, "def f"; an editor wants the name
// itself); found is false when there is none.
func NameColumn(text []byte, col int, name string) (column int, found bool) {
	for i := col; i >= 0 && i+len(name) <= len(text) && text[i] != '\n'; i++ {
		if string(text[i:i+len(name)]) == name && (i == 0 || !identByte(text[i-1])) &&
			(i+len(name) == len(text) || !identByte(text[i+len(name)])) {
			return i, true
		}
	}
	return 0, false
}

// nameReference is a definition's reference: the name defined at a
// statement (or parameter) of a file's text whose line starts are given.
func nameReference(path string, text []byte, starts []int, at *ast.Span, name string, declaration bool) Reference {
	col := int(at.ColOffset)
	if int(at.Lineno) <= len(starts) {
		if c, found := NameColumn(text[starts[at.Lineno-1]:], col, name); found {
			col = c
		}
	}
	return Reference{Path: path, Line: int(at.Lineno), Col: col, EndCol: col + len(name), Write: true, Declaration: declaration}
}

func identByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// module collects a module's names that refer to the binding, and the
// top-level imports that bind it under some name.
func (r *referenceSearch) module(module, path string) {
	for n, b := range r.prog.Info(module).Uses {
		if b.Sym == nil {
			continue
		}
		same := b.Scope != nil && b.Scope == r.key.scope && b.Sym == r.key.sym
		if b.Scope == nil && r.key.scope == nil {
			same = r.resolve(b.Module, n.ID) == r.key
		}
		if same {
			r.out = append(r.out, Reference{Path: path, Line: int(n.Lineno), Col: int(n.ColOffset),
				EndCol: int(n.ColOffset) + len(n.ID), Write: n.Ctx != ast.Load})
		}
	}
	if r.key.scope != nil {
		return
	}
	r.moduleAttributes(module, path)
	mod := r.prog.Modules[module]
	if mod == nil {
		return
	}
	for name, s := range mod.Names {
		imp, ok := s.First.(*ast.ImportFrom)
		if s.Kind != semanal.Imported || !ok || r.resolve(module, name) != r.key {
			continue
		}
		for _, a := range imp.Names {
			if a.Name == s.Attr {
				r.out = append(r.out, Reference{Path: path, Line: int(a.Lineno), Col: int(a.ColOffset),
					EndCol: int(a.ColOffset) + len(a.Name), Write: true})
			}
		}
	}
}

// moduleAttributes collects the attributes `m.name` (m a module, through
// any imports) of a module's code that name the module-level binding.
func (r *referenceSearch) moduleAttributes(module, path string) {
	m := r.prog.Module(module)
	if m == nil || m.File == nil {
		return
	}
	for _, s := range m.File.Module.Body {
		ast.Inspect(s, func(n ast.Node) bool {
			a, ok := n.(*ast.Attribute)
			if !ok || a.Attr != r.key.sym.Name || a.Lineno != a.EndLineno {
				return true
			}
			if dotted := ast.DottedName(a.Value); dotted != "" {
				if t, ok := r.prog.ResolveDotted(module, dotted); ok && t.Module != "" && r.resolve(t.Module, a.Attr) == r.key {
					r.out = append(r.out, Reference{Path: path, Line: int(a.EndLineno), Col: int(a.EndColOffset) - len(a.Attr),
						EndCol: int(a.EndColOffset), Write: a.Ctx != ast.Load})
				}
			}
			return true
		})
	}
}

// resolve is resolveKey, cached.
func (r *referenceSearch) resolve(module, name string) bindingKey {
	k := [2]string{module, name}
	if key, ok := r.resolved[k]; ok {
		return key
	}
	key, _ := resolveKey(r.prog, module, name)
	r.resolved[k] = key
	return key
}

// declaration adds the binding's first definition: a def's, class's or
// parameter's name, or the name its first assignment stores to.
func (r *referenceSearch) declaration(ins *checker.Inspection) {
	module, path := ins.Name, ins.Path
	if r.key.scope == nil {
		module = r.key.owner
		m := ins.Graph.Modules[module]
		if m == nil || m.File == nil {
			return
		}
		path = m.Path
	}
	text, ok := ins.Text, module == ins.Name
	if !ok {
		if m := ins.Graph.Modules[module]; m.Shared {
			return // a library stub's definition is not among the workspace's references
		}
		text = ins.Graph.Modules[module].Text
	}
	starts := lineOffsets(text)
	add := func(at *ast.Span, name string) {
		r.out = append(r.out, nameReference(path, text, starts, at, name, true))
	}
	sym := r.key.sym
	switch first := sym.First.(type) {
	case *ast.FunctionDef:
		add(&first.Span, first.Name)
		return
	case *ast.ClassDef:
		add(&first.Span, first.Name)
		return
	}
	switch def := r.prog.Info(module).Defs[sym].(type) {
	case *ast.Arg:
		add(&def.Span, def.Arg)
	case *ast.Name:
		add(&def.Span, def.ID)
	}
}
