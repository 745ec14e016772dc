package inspect

import (
	"fmt"
	"slices"
	"strings"

	"typd/checker"
	"typd/checker/types"
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
		out[i] = d.String()
	}
	return e.prefixed(x, strings.Join(out, ", ")), true
}

// Place is where a name is defined: a file, the 1-based line and 0-based
// byte column of the defining name (or of the statement that binds it),
// and the name.
type Place struct {
	Path      string
	Line, Col int
	Name      string
}

// String writes a place as dmypy's inspect does: path:line:column:name,
// the column 1-based.
func (p Place) String() string {
	return fmt.Sprintf("%s:%d:%d:%s", p.Path, p.Line, p.Col+1, p.Name)
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

// nameDefs finds what a name refers to: a parameter or local of an
// enclosing function, a name of the class body it is directly in, or a
// module-level name (followed through imports), or a builtin.
func (e *engine) nameDefs(n *ast.Name) []Place {
	scopes := enclosing(e.ins.Module, n)
	for i := len(scopes) - 1; i >= 0; i-- {
		switch s := scopes[i].(type) {
		case *ast.FunctionDef:
			if declaredOutside(s.Body, n.ID) {
				continue
			}
			for _, a := range s.Args.All() {
				if a.Arg == n.ID {
					return []Place{{e.ins.Path, int(a.Lineno), int(a.ColOffset), n.ID}}
				}
			}
			if line, col, ok := bindingIn(s.Body, n.ID); ok {
				return []Place{{e.ins.Path, line, col, n.ID}}
			}
		case *ast.ClassDef:
			if i != len(scopes)-1 {
				continue // a class body is seen only from directly inside it
			}
			if line, col, ok := bindingIn(s.Body, n.ID); ok {
				return []Place{{e.ins.Path, line, col, n.ID}}
			}
		}
	}
	if d, ok := e.moduleName(e.ins.Name, n.ID); ok {
		return []Place{d}
	}
	if d, ok := e.moduleName("builtins", n.ID); ok {
		return []Place{d}
	}
	return nil
}

// moduleName finds a module-level name of a module, through imports.
func (e *engine) moduleName(module, name string) (Place, bool) {
	t, ok := e.ins.Program.Resolve(module, name)
	if !ok {
		return Place{}, false
	}
	if t.Module != "" {
		if m := e.ins.Graph.Modules[t.Module]; m != nil {
			return Place{m.Path, 1, 0, t.Module[strings.LastIndexByte(t.Module, '.')+1:]}, true
		}
		return Place{}, false
	}
	m := e.ins.Graph.Modules[t.Owner]
	if m == nil || m.File == nil || t.Sym == nil {
		return Place{}, false
	}
	if line, col, ok := bindingIn(m.File.Module.Body, t.Sym.Name); ok {
		return Place{m.Path, line, col, t.Sym.Name}, true
	}
	return Place{}, false
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
	mod := e.ins.Program.Modules[cls.Module]
	if m == nil || mod == nil {
		return Place{}, false
	}
	sym := mod.Names[cls.Name]
	if sym == nil || cls.FullName != cls.Module+"."+cls.Name {
		return Place{}, false
	}
	def, ok := sym.Def.(*ast.ClassDef)
	if !ok {
		return Place{}, false
	}
	if line, col, ok := bindingIn(def.Body, name); ok {
		return Place{m.Path, line, col, name}, true
	}
	for _, s := range def.Body {
		f, ok := s.(*ast.FunctionDef)
		if !ok || len(f.Args.All()) == 0 {
			continue
		}
		self := f.Args.All()[0].Arg
		var found *ast.Attribute
		walkStmts(f.Body, func(s ast.Stmt) {
			for _, t := range assignedTargets(s) {
				ast.TargetLeaves(t, func(x ast.Expr) {
					if at, ok := x.(*ast.Attribute); ok && found == nil && at.Attr == name {
						if n, ok := at.Value.(*ast.Name); ok && n.ID == self {
							found = at
						}
					}
				})
			}
		})
		if found != nil {
			return Place{m.Path, int(found.Lineno), int(found.ColOffset), name}, true
		}
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

// enclosing returns the defs and classes that enclose an expression,
// outermost first.
func enclosing(mod *ast.Module, target ast.Expr) []ast.Stmt {
	var stack, found []ast.Stmt
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if n == ast.Node(target) {
			found = append([]ast.Stmt{}, stack...)
			return false
		}
		switch x := n.(type) {
		case *ast.FunctionDef, *ast.ClassDef:
			// Decorators, defaults and bases are outside the new scope.
			var outside []ast.Expr
			var body []ast.Stmt
			if f, ok := x.(*ast.FunctionDef); ok {
				outside = append(outside, f.DecoratorList...)
				outside = append(outside, f.Args.Defaults...)
				for _, d := range f.Args.KwDefaults {
					if d != nil {
						outside = append(outside, d)
					}
				}
				body = f.Body
			} else {
				c := x.(*ast.ClassDef)
				outside = append(append(outside, c.DecoratorList...), c.Bases...)
				body = c.Body
			}
			for _, o := range outside {
				ast.Inspect(o, visit)
			}
			stack = append(stack, x.(ast.Stmt))
			for _, s := range body {
				ast.Inspect(s, visit)
			}
			stack = stack[:len(stack)-1]
			return false
		}
		return true
	}
	for _, s := range mod.Body {
		ast.Inspect(s, visit)
	}
	return found
}

// declaredOutside reports a `global` or `nonlocal` statement for name in a
// function body.
func declaredOutside(body []ast.Stmt, name string) bool {
	out := false
	walkStmts(body, func(s ast.Stmt) {
		switch x := s.(type) {
		case *ast.Global:
			out = out || slices.Contains(x.Names, name)
		case *ast.Nonlocal:
			out = out || slices.Contains(x.Names, name)
		}
	})
	return out
}

// bindingIn finds the first statement of a scope's body (its nested
// blocks included, not nested defs and classes) that binds name, and
// returns the position of the name there.
func bindingIn(body []ast.Stmt, name string) (line, col int, ok bool) {
	walkStmts(body, func(s ast.Stmt) {
		if ok {
			return
		}
		switch x := s.(type) {
		case *ast.FunctionDef:
			if x.Name == name {
				line, col, ok = int(x.Lineno), int(x.ColOffset), true
			}
			return
		case *ast.ClassDef:
			if x.Name == name {
				line, col, ok = int(x.Lineno), int(x.ColOffset), true
			}
			return
		case *ast.Import:
			for _, a := range x.Names {
				bound := a.Asname
				if bound == "" {
					bound, _, _ = strings.Cut(a.Name, ".")
				}
				if bound == name {
					line, col, ok = int(x.Lineno), int(x.ColOffset), true
				}
			}
			return
		case *ast.ImportFrom:
			for _, a := range x.Names {
				if a.Asname == name || a.Asname == "" && a.Name == name {
					line, col, ok = int(x.Lineno), int(x.ColOffset), true
				}
			}
			return
		}
		for _, t := range assignedTargets(s) {
			ast.TargetLeaves(t, func(x ast.Expr) {
				if n, isName := x.(*ast.Name); isName && !ok && n.ID == name {
					line, col, ok = int(n.Lineno), int(n.ColOffset), true
				}
			})
		}
	})
	return line, col, ok
}

// assignedTargets are the targets a statement assigns to.
func assignedTargets(s ast.Stmt) []ast.Expr {
	switch x := s.(type) {
	case *ast.Assign:
		return x.Targets
	case *ast.AnnAssign:
		return []ast.Expr{x.Target}
	case *ast.AugAssign:
		return []ast.Expr{x.Target}
	case *ast.For:
		return []ast.Expr{x.Target}
	case *ast.With:
		var out []ast.Expr
		for _, it := range x.Items {
			if it.OptionalVars != nil {
				out = append(out, it.OptionalVars)
			}
		}
		return out
	}
	return nil
}

// walkStmts calls f on each statement of a body and of the blocks nested
// in it, in order, without entering defs and classes.
func walkStmts(body []ast.Stmt, f func(ast.Stmt)) {
	for _, s := range body {
		f(s)
		switch s.(type) {
		case *ast.FunctionDef, *ast.ClassDef:
			continue
		}
		for _, block := range ast.Blocks(s) {
			walkStmts(block, f)
		}
	}
}
