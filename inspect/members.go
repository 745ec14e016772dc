package inspect

import (
	"bytes"

	"typd/checker"
	"typd/checker/types"
	"typd/parser/ast"
)

// memberKey identifies a class member: the class whose body or methods
// define it, and its name.
type memberKey struct {
	owner *types.Class
	name  string
}

// memberAt finds the member the code at a position names: the attribute
// of `value.attr` under the cursor (the member of the value's class that
// defines it), or a def or variable of a class body, named where it is
// defined.
func memberAt(ins *checker.Inspection, line, col int) (memberKey, bool) {
	for _, x := range At(ins.Module, line, col) {
		a, ok := x.(*ast.Attribute)
		if !ok {
			continue
		}
		if !onAttrName(a, line, col) {
			return memberKey{}, false
		}
		if t, ok := ins.Types[a.Value]; ok {
			for _, cls := range classesOf(t, true) {
				if owner := definingClass(cls, a.Attr); owner != nil {
					return memberKey{owner, a.Attr}, true
				}
			}
		}
		return memberKey{}, false
	}
	return memberKey{}, false
}

// onAttrName reports whether a position is on the attribute name of
// `value.attr` (written on one line), not on its value.
func onAttrName(a *ast.Attribute, line, col int) bool {
	return int(a.EndLineno) == line && col >= int(a.EndColOffset)-len(a.Attr) && col <= int(a.EndColOffset)
}

// definingClass is the class of cls's MRO whose members hold name.
func definingClass(cls *types.Class, name string) *types.Class {
	for _, k := range cls.MRO {
		if _, ok := k.Members[name]; ok {
			return k
		}
	}
	return nil
}

// classMember is the member key of a name defined in a class body (the
// class statement and the name), when the class is a module-level one.
func classMember(ins *checker.Inspection, def *ast.ClassDef, name string) (memberKey, bool) {
	sym := ins.Program.Modules[ins.Name].Names[def.Name]
	if sym == nil || sym.Def != ast.Stmt(def) {
		return memberKey{}, false
	}
	cls := ins.Program.Class(ins.Name, sym)
	if _, ok := cls.Members[name]; !ok {
		return memberKey{}, false
	}
	return memberKey{cls, name}, true
}

// memberReferences returns the references to a member: every attribute
// that names it (through a value whose class finds it in that class), in
// the inspected module or, with everywhere, in every module of the program
// that is not a library stub and whose text holds the name; and its
// definitions in the class body.
func memberReferences(r checker.Reader, ins *checker.Inspection, key memberKey, everywhere bool) []Reference {
	var out []Reference
	inspections := []*checker.Inspection{ins}
	if everywhere {
		for _, m := range ins.Graph.Modules {
			if m.Name == ins.Name || m.Shared || m.File == nil || !bytes.Contains(m.Text, []byte(key.name)) {
				continue
			}
			if other, err := r.Inspect(m.Path); err == nil {
				inspections = append(inspections, other)
			}
		}
	}
	for _, in := range inspections {
		for _, s := range in.Module.Body {
			ast.Inspect(s, func(n ast.Node) bool {
				a, ok := n.(*ast.Attribute)
				if !ok || a.Attr != key.name || a.Lineno != a.EndLineno {
					return true
				}
				t, ok := in.Types[a.Value]
				if !ok {
					return true
				}
				for _, cls := range classesOf(t, true) {
					if definingClass(cls, key.name) == key.owner {
						out = append(out, Reference{Path: in.Path, Line: int(a.EndLineno), Col: int(a.EndColOffset) - len(a.Attr),
							EndCol: int(a.EndColOffset), Write: a.Ctx != ast.Load})
						break
					}
				}
				return true
			})
		}
	}
	return append(out, memberDeclarations(ins, key)...)
}

// memberDeclarations are the definitions of a member in its class's body,
// as the analysis recorded them: the defs of its name, and the names that
// assignments, declarations and other statements of the body store to;
// the first binding (Symbol.First, semanal.Info.Defs) is the declaration.
func memberDeclarations(ins *checker.Inspection, key memberKey) []Reference {
	m := ins.Graph.Modules[key.owner.Module]
	mod := ins.Program.Modules[key.owner.Module]
	if m == nil || m.Shared || m.File == nil || mod == nil || mod.Names[key.owner.Name] == nil ||
		key.owner.FullName != key.owner.Module+"."+key.owner.Name {
		return nil // (a nested class's members are found by their uses only)
	}
	def, ok := mod.Names[key.owner.Name].Def.(*ast.ClassDef)
	if !ok {
		return nil
	}
	sym := ins.Program.ScopeNames(key.owner.Module, def)[key.name]
	if sym == nil {
		return nil
	}
	info := ins.Program.Info(key.owner.Module)
	starts := lineOffsets(m.Text)
	var out []Reference
	for _, s := range def.Body {
		if f, ok := s.(*ast.FunctionDef); ok && f.Name == key.name {
			out = append(out, nameReference(m.Path, m.Text, starts, &f.Span, f.Name, sym.First == ast.Stmt(f)))
		}
	}
	for n, b := range info.Uses {
		if b.Scope == ast.Node(def) && b.Sym == sym && n.Ctx != ast.Load {
			out = append(out, nameReference(m.Path, m.Text, starts, &n.Span, n.ID, info.Defs[sym] == ast.Node(n)))
		}
	}
	return out
}
