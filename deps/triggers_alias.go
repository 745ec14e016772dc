package deps

import (
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// aliasUse is a type alias an annotation names: its full name, and
// whether the analysed type keeps it (mypy keeps every alias but one
// that stands for a class without type arguments as a TypeAliasType,
// whose triggers include the alias's own).
type aliasUse struct {
	name string
	kept bool
	// nested are the kept aliases the alias's own definition names.
	nested []string
}

// aliasesIn returns the type aliases an annotation (or alias definition,
// base class, cast target) names, string annotations included.
func (v *depVisitor) aliasesIn(e ast.Expr) []aliasUse {
	var out []aliasUse
	v.walkTypeExpr(e, func(x ast.Expr) bool {
		use, ok := v.aliasUse(x, 0)
		if ok {
			out = append(out, use)
		}
		return !ok
	})
	return out
}

// walkTypeExpr calls visit on each name and dotted name of a type
// expression, parsing string annotations; visit returns false to stop at
// a dotted name.
func (v *depVisitor) walkTypeExpr(e ast.Expr, visit func(ast.Expr) bool) {
	switch x := e.(type) {
	case *ast.Name:
		visit(x)
	case *ast.Attribute:
		if visit(x) {
			v.walkTypeExpr(x.Value, visit)
		}
	case *ast.Subscript:
		v.walkTypeExpr(x.Value, visit)
		v.walkTypeExpr(x.Slice, visit)
	case *ast.Tuple:
		for _, el := range x.Elts {
			v.walkTypeExpr(el, visit)
		}
	case *ast.List:
		for _, el := range x.Elts {
			v.walkTypeExpr(el, visit)
		}
	case *ast.BinOp:
		v.walkTypeExpr(x.Left, visit)
		v.walkTypeExpr(x.Right, visit)
	case *ast.Constant:
		if x.Value.Kind == ast.StrValue {
			if parsed := semanal.TypeCommentExpr(x.Value.Str); parsed != nil {
				v.walkTypeExpr(parsed, visit)
			}
		}
	}
}

// aliasUse resolves a (dotted) name to the type alias it names.
func (v *depVisitor) aliasUse(e ast.Expr, depth int) (aliasUse, bool) {
	t, ok := v.typeName(e)
	if !ok || t.Sym == nil || !v.Program.IsTypeAlias(t) || depth > 8 {
		return aliasUse{}, false
	}
	target, _, ok := v.Program.AliasTarget(t.Owner, t.Sym)
	if !ok {
		return aliasUse{}, false
	}
	use := aliasUse{name: t.Owner + "." + t.Sym.Name}
	_, isClass := target.(*types.Instance)
	_, subscripted := t.Sym.Value.(*ast.Subscript)
	use.kept = !isClass || subscripted
	if use.kept {
		// The aliases of the definition, seen from its module.
		inner := &depVisitor{Source: Source{Program: v.Program, Module: t.Owner}, info: v.Program.Info(t.Owner)}
		inner.walkTypeExpr(t.Sym.Value, func(x ast.Expr) bool {
			u, ok := inner.aliasUse(x, depth+1)
			if ok && u.kept {
				use.nested = append(use.nested, u.name)
				use.nested = append(use.nested, u.nested...)
			}
			return !ok
		})
	}
	return use, true
}

// typeName resolves a module-level (dotted) name of a type expression.
func (v *depVisitor) typeName(e ast.Expr) (semanal.Target, bool) {
	switch x := e.(type) {
	case *ast.Name:
		if b, ok := v.info.Uses[x]; ok && b.Scope != nil {
			return semanal.Target{}, false
		}
		return v.Program.Resolve(v.Module, x.ID)
	case *ast.Attribute:
		if mod, ok := v.moduleRef(x.Value); ok {
			return v.Program.Resolve(mod, x.Attr)
		}
		if dotted := ast.DottedName(x); dotted != "" {
			return v.Program.ResolveDotted(v.Module, dotted)
		}
	}
	return semanal.Target{}, false
}

// aliasDeps records mypy's alias_deps for a type expression analysed for
// a target: each alias it names.
func (v *depVisitor) aliasDeps(e ast.Expr, target string) []aliasUse {
	if e == nil {
		return nil
	}
	uses := v.aliasesIn(e)
	for _, u := range uses {
		v.dep(trigger(u.name), target)
	}
	return uses
}
