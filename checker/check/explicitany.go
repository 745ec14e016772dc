package check

import (
	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// explicitAnyMsg is mypy's message under --disallow-any-explicit.
const explicitAnyMsg = `Explicit "Any" is not allowed`

// reportExplicitAny reports, under --disallow-any-explicit, a statement
// whose type expressions write Any, once at the statement as mypy does
// ([explicit-any]): a def's signature, a variable's annotation or type
// comment, a class's bases, a type alias, and the type arguments of
// cast, TypeVar, NewType, NamedTuple and TypedDict calls.
func (c *Checker) reportExplicitAny(s ast.Stmt, cls *types.Class) {
	if !c.settings.DisallowAnyExplicit || !c.checked() {
		return
	}
	var exprs []ast.Expr
	switch x := s.(type) {
	case *ast.FunctionDef:
		sig := c.p.Signature(c.m.Name, cls, x)
		if hasAnyOf(sig, types.AnyExplicit) {
			c.report(&x.Span, diag.Error, diag.CodeExplicitAny, explicitAnyMsg)
		}
		return
	case *ast.ClassDef:
		exprs = x.Bases
	case *ast.AnnAssign:
		exprs = []ast.Expr{x.Annotation}
	case *ast.Assign:
		if x.TypeComment != "" {
			if ann := semanal.TypeCommentExpr(x.TypeComment); ann != nil {
				exprs = append(exprs, ann)
			}
		}
		exprs = append(exprs, c.valueTypeExprs(x)...)
	case *ast.ExprStmt:
		exprs = c.typeArguments(x.Value)
	}
	for _, e := range exprs {
		if hasAnyOf(c.p.AnnotationType(c.m.Name, e), types.AnyExplicit) {
			c.report(s.Pos(), diag.Error, diag.CodeExplicitAny, explicitAnyMsg)
			return
		}
	}
}

// valueTypeExprs are the type expressions an assignment's value holds: the
// value itself when it defines a type alias, and the type arguments of a
// call (see typeArguments).
func (c *Checker) valueTypeExprs(x *ast.Assign) []ast.Expr {
	var out []ast.Expr
	if n, ok := x.Targets[0].(*ast.Name); ok && len(x.Targets) == 1 && c.isAliasDef(n, x.Value) {
		out = append(out, x.Value)
	}
	return append(out, c.typeArguments(x.Value)...)
}

// typeArguments are the type expressions among the arguments of a call of
// cast, TypeVar, NewType, NamedTuple or TypedDict (the value of an
// assignment or a statement).
func (c *Checker) typeArguments(e ast.Expr) []ast.Expr {
	call, ok := e.(*ast.Call)
	if !ok || len(call.Args) == 0 {
		return nil
	}
	t, ok := c.p.ResolveDotted(c.m.Name, ast.DottedName(call.Func))
	if !ok || t.Sym == nil {
		return nil
	}
	var out []ast.Expr
	switch t.Sym.Name {
	case "cast":
		out = call.Args[:1]
	case "TypeVar":
		out = call.Args[1:]
		for _, k := range call.Keywords {
			if k.Arg == "bound" {
				out = append(out, k.Value)
			}
		}
	case "NewType":
		out = call.Args[1:]
	case "NamedTuple":
		if len(call.Args) > 1 {
			fields, _ := ast.SequenceElts(call.Args[1])
			for _, f := range fields {
				if pair, ok := ast.SequenceElts(f); ok && len(pair) == 2 {
					out = append(out, pair[1])
				}
			}
		}
	case "TypedDict":
		if len(call.Args) > 1 {
			if d, ok := call.Args[1].(*ast.Dict); ok {
				out = append(out, d.Values...)
			}
		}
	}
	return out
}

// hasAnyOf reports a type with an Any of the given origin in it.
func hasAnyOf(t types.Type, reason types.AnyReason) bool {
	return types.Contains(t, func(x types.Type) bool {
		a, ok := x.(*types.Any)
		return ok && a.Reason == reason
	})
}
