package inspect

import (
	"fmt"
	"os"
	"strings"

	"typd/checker"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/checker/typeshed"
	"typd/parser/ast"
)

// definition answers --show definition: where the name or member an
// expression refers to is defined, as path:line:column:name (several,
// comma-separated, for a member of a union). Other expressions answer
// nothing.
func (e *engine) definition(x ast.Expr) (string, bool) {
	switch x.(type) {
	case *ast.Name, *ast.Attribute:
	default:
		return "", true
	}
	defs := Definitions(e.ins, x)
	if len(defs) == 0 {
		return fmt.Sprintf("Cannot find definition for %q at %s", Kind(x), span(x)), false
	}
	out := make([]string, len(defs))
	for i, d := range defs {
		d.Path = e.openable(d.Path)
		out[i] = d.String()
	}
	return e.prefixed(x, strings.Join(out, ", ")), true
}

// openable is a definition's path as a file an editor can open: a stub of
// the embedded typeshed (a path that names no file on disk) is copied out
// read-only below the user's cache folder (typeshed.OnDisk); other paths
// are as they are.
func (e *engine) openable(path string) string {
	if _, err := os.Stat(path); err == nil {
		return path
	}
	for _, m := range e.ins.Graph.Modules {
		if m.Shared && m.Path == path {
			if file, _, ok := typeshed.OnDisk(path); ok {
				return file
			}
		}
	}
	return path
}

// Place is where a name is defined: a file, the 1-based line and 0-based
// byte column of the defining name (or of the statement that binds it),
// and the name.
type Place struct {
	Path      string
	Line, Col int
	Name      string
	// def is the def found, when the name is a def's; member says it was
	// reached as a class member (dmypy places decorated defs by these).
	def    *ast.FunctionDef
	member bool
}

// String writes a place as dmypy's inspect does: path:line:column:name,
// the column 1-based (a decorated def where dmypy places it).
func (p Place) String() string {
	line, col := p.dmypyPosition()
	return fmt.Sprintf("%s:%d:%d:%s", p.Path, line, col+1, p.Name)
}

// Definitions returns where the name or member expression x of an
// inspected module is defined: a name's binding (a parameter or local of
// an enclosing function, a name of the class body it is directly in, a
// module-level name followed through imports, or a builtin), or a member's
// definition in the classes of the value's type (one for each item of a
// union). Other expressions have none.
func Definitions(ins *checker.Inspection, x ast.Expr) []Place {
	e := &engine{ins: ins}
	switch x := x.(type) {
	case *ast.Name:
		return e.nameDefs(x)
	case *ast.Attribute:
		return e.memberDefs(x)
	}
	return nil
}

// nameDefs finds what a name refers to, as the analysis recorded it
// (semanal.Program.Info): a parameter or local of an enclosing def,
// lambda or comprehension, a name of the class body it is directly in, a
// module-level name (followed through imports), or a builtin.
func (e *engine) nameDefs(n *ast.Name) []Place {
	b, ok := e.ins.Program.Info(e.ins.Name).Uses[n]
	if !ok || b.Sym == nil {
		return nil
	}
	if b.Scope != nil {
		if p, ok := e.bindingPlace(e.ins.Name, e.ins.Path, b.Sym); ok {
			return []Place{p}
		}
		return nil
	}
	if d, ok := e.moduleName(b.Module, n.ID); ok {
		return []Place{d}
	}
	return nil
}

// bindingPlace is where a symbol of module (at path) is first bound: the
// def or class statement, the import, or the name or parameter that the
// analysis recorded as its first binding (semanal.Info.Defs).
func (e *engine) bindingPlace(module, path string, sym *semanal.Symbol) (Place, bool) {
	at := func(sp *ast.Span) Place {
		return Place{Path: path, Line: int(sp.Lineno), Col: int(sp.ColOffset), Name: sym.Name}
	}
	switch first := sym.First.(type) {
	case *ast.FunctionDef:
		p := at(first.Pos())
		if first.Name == sym.Name {
			p.def = first
		}
		return p, true
	case *ast.ClassDef, *ast.Import, *ast.ImportFrom:
		return at(first.Pos()), true
	}
	switch def := e.ins.Program.Info(module).Defs[sym].(type) {
	case *ast.Name:
		return at(&def.Span), true
	case *ast.Arg:
		return at(&def.Span), true
	}
	if sym.First != nil {
		return at(sym.First.Pos()), true
	}
	return Place{}, false
}

// moduleName finds a module-level name of a module, through imports.
func (e *engine) moduleName(module, name string) (Place, bool) {
	t, ok := e.ins.Program.Resolve(module, name)
	if !ok {
		return Place{}, false
	}
	if t.Module != "" {
		if m := e.ins.Graph.Modules[t.Module]; m != nil {
			return Place{Path: m.Path, Line: 1, Name: t.Module[strings.LastIndexByte(t.Module, '.')+1:]}, true
		}
		return Place{}, false
	}
	m := e.ins.Graph.Modules[t.Owner]
	if m == nil || m.File == nil || t.Sym == nil {
		return Place{}, false
	}
	return e.bindingPlace(t.Owner, m.Path, t.Sym)
}

// memberDefs finds what `value.attr` refers to: a module's name, or the
// member of the classes of the value's type (each item of a union).
func (e *engine) memberDefs(a *ast.Attribute) []Place {
	if dotted := ast.DottedName(a.Value); dotted != "" {
		if t, ok := e.ins.Program.ResolveDotted(e.ins.Name, dotted); ok && t.Module != "" {
			if d, ok := e.moduleName(t.Module, a.Attr); ok {
				return []Place{d}
			}
			return nil
		}
	}
	t, ok := e.ins.Types[a.Value]
	if !ok {
		return nil
	}
	var out []Place
	for _, cls := range classesOf(t, true) {
		for _, base := range cls.MRO {
			if _, ok := base.Members[a.Attr]; !ok {
				continue
			}
			if d, ok := e.memberPlace(base, a.Attr); ok {
				out = append(out, d)
			}
			break
		}
	}
	return out
}

// memberPlace finds where a class defines a member: its body, or an
// assignment through self in one of its methods.
func (e *engine) memberPlace(cls *types.Class, name string) (Place, bool) {
	m := e.ins.Graph.Modules[cls.Module]
	if m == nil || m.File == nil || !strings.HasPrefix(cls.FullName, cls.Module+".") {
		return Place{}, false
	}
	// The class statement, nested in others as its full name says.
	names := e.ins.Program.Modules[cls.Module].Names
	var def *ast.ClassDef
	for _, part := range strings.Split(strings.TrimPrefix(cls.FullName, cls.Module+"."), ".") {
		sym := names[part]
		if sym == nil || sym.Kind != semanal.Class {
			return Place{}, false
		}
		if def, _ = sym.Def.(*ast.ClassDef); def == nil {
			return Place{}, false
		}
		names = e.ins.Program.ScopeNames(cls.Module, def)
	}
	if sym := names[name]; sym != nil {
		if p, ok := e.bindingPlace(cls.Module, m.Path, sym); ok {
			p.member = true
			return p, true
		}
	}
	if at := e.ins.Program.Info(cls.Module).SelfAttrs[def][name]; at != nil {
		return Place{Path: m.Path, Line: int(at.Lineno), Col: int(at.ColOffset), Name: name}, true
	}
	return Place{}, false
}

// classesOf returns the classes whose instances (or, with classObjects,
// whose class objects) a type stands for.
func classesOf(t types.Type, classObjects bool) []*types.Class {
	switch x := t.(type) {
	case *types.Instance:
		return []*types.Class{x.Class}
	case *types.Literal:
		if x.Fallback != nil {
			return []*types.Class{x.Fallback.Class}
		}
	case *types.Tuple:
		if x.Fallback != nil {
			return []*types.Class{x.Fallback.Class}
		}
	case *types.TypeVar:
		if len(x.Values) > 0 {
			var out []*types.Class
			for _, v := range x.Values {
				out = append(out, classesOf(v, classObjects)...)
			}
			return out
		}
		if x.Bound != nil {
			return classesOf(x.Bound, classObjects)
		}
	case *types.Union:
		var out []*types.Class
		for _, it := range x.Items {
			out = append(out, classesOf(it, classObjects)...)
		}
		return out
	case *types.TypeType:
		if classObjects {
			return classesOf(x.Item, classObjects)
		}
	case *types.Callable:
		if classObjects && x.TypeObject != nil {
			return []*types.Class{x.TypeObject}
		}
	}
	return nil
}

// dmypyPosition is where dmypy places a decorated def: an overloaded one
// at its first variant's first decorator's expression; another at that
// decorator's expression when named (mypy's Decorator node), at its line
// with column -1 when reached as a member (the Decorator's variable).
func (p Place) dmypyPosition() (line, col int) {
	f := p.def
	if f == nil || len(f.DecoratorList) == 0 {
		return p.Line, p.Col
	}
	first := f.DecoratorList[0].Pos()
	for _, d := range f.DecoratorList {
		switch ast.DottedName(d) {
		case "overload", "typing.overload", "typing_extensions.overload":
			return int(first.Lineno), int(first.ColOffset)
		}
	}
	if p.member {
		return int(f.Lineno), -1
	}
	return int(first.Lineno), int(first.ColOffset)
}
