package check

import (
	"fmt"
	"strings"

	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// reportUnimportedAny reports, under --disallow-any-unimported, each type
// a statement declares that is Any, or holds an Any, because a name in it
// comes from a module that is not followed ([no-any-unimported]), as
// mypy's checker and semantic analyzer do: a def's return type, then each
// parameter's; a variable's annotation or type comment; a class's bases;
// a type alias's target; the target of a cast and the types of TypeVar,
// NewType, NamedTuple and TypedDict calls.
func (c *Checker) reportUnimportedAny(s ast.Stmt, cls *types.Class) {
	if !c.settings.DisallowAnyUnimported || !c.checked() {
		return
	}
	report := func(at ast.Node, what string, t types.Type) {
		c.report(at.Pos(), diag.Error, diag.CodeNoAnyUnimported,
			diag.UnimportedBecomesAny(what, types.Format(t, c.formatOptions())))
	}
	switch x := s.(type) {
	case *ast.FunctionDef:
		sig := c.p.Signature(c.m.Name, cls, x)
		if hasAnyOf(sig.Ret, types.AnyUnimported) {
			report(x, diag.ReturnType, sig.Ret)
		}
		for i, p := range sig.Params {
			if hasAnyOf(p.Type, types.AnyUnimported) {
				report(x, fmt.Sprintf(diag.ArgumentToFunction, i+1, x.Name), p.Type)
			}
		}
		return
	case *ast.ClassDef:
		for _, b := range x.Bases {
			t := c.p.AnnotationType(c.m.Name, b)
			if !hasAnyOf(t, types.AnyUnimported) {
				continue
			}
			what := diag.BaseType
			if dotted := ast.DottedName(b); dotted != "" {
				what += " " + dotted[strings.LastIndexByte(dotted, '.')+1:]
			}
			report(b, what, t)
		}
		return
	case *ast.AnnAssign:
		if t := c.p.AnnotationType(c.m.Name, x.Annotation); hasAnyOf(t, types.AnyUnimported) {
			report(x, diag.TypeOfVariable, t)
		}
	case *ast.Assign:
		if ann := semanal.TypeCommentExpr(x.TypeComment); x.TypeComment != "" && ann != nil {
			if _, many := x.Targets[len(x.Targets)-1].(*ast.Tuple); many {
				elts, _ := ast.SequenceElts(ann)
				for _, e := range elts {
					if hasAnyOf(c.p.AnnotationType(c.m.Name, e), types.AnyUnimported) {
						report(x, diag.ATypeOnThisLine, &types.Any{})
						break
					}
				}
			} else if t := c.p.AnnotationType(c.m.Name, ann); hasAnyOf(t, types.AnyUnimported) {
				report(x, diag.TypeOfVariable, t)
			}
		}
		if n, ok := x.Targets[0].(*ast.Name); ok && len(x.Targets) == 1 && c.isAliasDef(n, x.Value) {
			if t := c.p.AnnotationType(c.m.Name, x.Value); hasAnyOf(t, types.AnyUnimported) {
				report(x, diag.TypeAliasTarget, t)
			}
		}
		c.reportUnimportedInCall(x.Value)
	case *ast.ExprStmt:
		c.reportUnimportedInCall(x.Value)
	}
}

// reportUnimportedInCall reports the types of a call of cast, TypeVar,
// NewType, NamedTuple or TypedDict that come from an unfollowed import.
func (c *Checker) reportUnimportedInCall(e ast.Expr) {
	call, ok := e.(*ast.Call)
	if !ok || len(call.Args) == 0 {
		return
	}
	t, ok := c.p.ResolveDotted(c.m.Name, ast.DottedName(call.Func))
	if !ok || t.Sym == nil {
		return
	}
	typeOf := func(e ast.Expr) types.Type { return c.p.AnnotationType(c.m.Name, e) }
	report := func(what string, t types.Type) {
		c.report(&call.Span, diag.Error, diag.CodeNoAnyUnimported,
			diag.UnimportedBecomesAny(what, types.Format(t, c.formatOptions())))
	}
	switch t.Sym.Name {
	case "cast":
		if target := typeOf(call.Args[0]); hasAnyOf(target, types.AnyUnimported) {
			report(diag.TargetTypeOfCast, target)
		}
	case "TypeVar":
		for i, v := range call.Args[1:] {
			if t := typeOf(v); hasAnyOf(t, types.AnyUnimported) {
				report(fmt.Sprintf(diag.ConstraintN, i+1), t)
			}
		}
		for _, k := range call.Keywords {
			if t := typeOf(k.Value); k.Arg == "bound" && hasAnyOf(t, types.AnyUnimported) {
				report(diag.UpperBoundOfTypeVariable, t)
			}
		}
	case "NewType":
		// A base that is Any itself is not subclassable, which mypy
		// reports instead.
		if len(call.Args) == 2 {
			if t := typeOf(call.Args[1]); !isAnyType(t) && hasAnyOf(t, types.AnyUnimported) {
				report(diag.Argument2ToNewType, t)
			}
		}
	case "NamedTuple":
		if len(call.Args) < 2 {
			return
		}
		fields, _ := ast.SequenceElts(call.Args[1])
		tup := &types.Tuple{}
		for _, f := range fields {
			pair, ok := ast.SequenceElts(f)
			if !ok || len(pair) != 2 {
				return
			}
			tup.Items = append(tup.Items, typeOf(pair[1]))
		}
		if hasAnyOf(tup, types.AnyUnimported) {
			report(diag.NamedTupleType, tup)
		}
	case "TypedDict":
		if len(call.Args) < 2 {
			return
		}
		if d, ok := call.Args[1].(*ast.Dict); ok {
			for _, v := range d.Values {
				if t := typeOf(v); hasAnyOf(t, types.AnyUnimported) {
					report(diag.TypeOfATypedDictKey, t)
				}
			}
		}
	}
}

// checkDecoratedAny reports, under --disallow-any-decorated, a def whose
// decorators make its type Any ("Function is untyped after decorator
// transformation") or a type holding an Any ([misc]), as mypy's
// visit_decorator finds the type: the def's signature passed through each
// decorator, innermost first. A decorator this checker cannot apply
// exactly leaves the def unreported.
func (c *Checker) checkDecoratedAny(f *ast.FunctionDef, cls *types.Class) {
	if !c.settings.DisallowAnyDecorated || c.m.IsStub {
		return
	}
	var t types.Type = c.p.Signature(c.m.Name, cls, f)
	transformed := false
	for i := len(f.DecoratorList) - 1; i >= 0; i-- {
		d := f.DecoratorList[i]
		if trivialDecorator(d) {
			continue
		}
		transformed = true
		if c.untypedDecorator(d) {
			t = &types.Any{Reason: types.AnyUnannotated}
			continue
		}
		switch dt := c.exprQuiet(d).(type) {
		case *types.Callable:
			t = c.callResult(dt, positional(t))
			if r, ok := t.(*types.Callable); ok && hasAnyTypeVar(r) {
				return
			}
		case *types.Any:
			if !realAny(dt) {
				return
			}
			t = dt
		default:
			return
		}
	}
	if !transformed {
		return
	}
	if a, ok := t.(*types.Any); ok {
		if realAny(a) {
			c.report(f.Pos(), diag.Error, diag.CodeMisc, diag.FunctionIsUntypedAfter)
		}
		return
	}
	if hasRealAny(t) {
		c.report(f.Pos(), diag.Error, diag.CodeMisc,
			fmt.Sprintf(diag.DecoratedFunctionAny, types.Format(t, c.formatOptions())))
	}
}

// trivialDecorator reports a decorator mypy does not count as changing a
// def's type: abstractmethod and overload, and those its semantic
// analysis takes off (staticmethod, classmethod, property and the like).
func trivialDecorator(d ast.Expr) bool {
	name := ast.DottedName(d)
	switch name[strings.LastIndexByte(name, '.')+1:] {
	case "abstractmethod", "overload", "staticmethod", "classmethod", "property", "abstractproperty",
		"cached_property", "final", "override", "type_check_only", "no_type_check", "setter", "getter", "deleter":
		return true
	}
	return false
}

// hasRealAny reports a type with a realAny in it.
func hasRealAny(t types.Type) bool {
	return types.Contains(t, func(x types.Type) bool {
		a, ok := x.(*types.Any)
		return ok && realAny(a)
	})
}

// realAny reports an Any that comes from what the code says (written, a
// missing annotation, an unfollowed import, omitted type arguments), not
// from where this checker's inference gives up.
func realAny(a *types.Any) bool {
	switch a.Reason {
	case types.AnyExplicit, types.AnyUnannotated, types.AnyUnimported, types.AnyOmitted:
		return true
	}
	return false
}

// valueOfDeclared infers the value assigned to a variable declared with
// type declared (nil when not declared): mypy lets it be Any under
// --disallow-any-expr when declared is not Any itself.
func (c *Checker) valueOfDeclared(value ast.Expr, declared types.Type) types.Type {
	if declared != nil && !isAnyType(declared) {
		return c.allowingAny(value, declared)
	}
	return c.exprExpecting(value, declared)
}

// reportAnyExpr reports, under --disallow-any-expr, an expression of a
// checked function (or the module) whose type is Any or holds one (or
// the items a for statement gives a new variable, reported at the
// statement as mypy does):
// "Expression has type "Any"", or "Expression type contains "Any" (has
// type ...)" ([misc]). Only an Any the code gives (written, from a
// missing annotation or an unfollowed import, an omitted type argument)
// counts, not where this checker's own inference gives up.
func (c *Checker) reportAnyExpr(e ast.Node, t types.Type) {
	if c.quiet > 0 || c.m.IsStub || !c.checked() {
		return
	}
	if a, ok := t.(*types.Any); ok {
		if realAny(a) {
			c.report(e.Pos(), diag.Error, diag.CodeMisc, diag.ExpressionHasTypeAny)
		}
		return
	}
	if hasRealAny(t) {
		c.report(e.Pos(), diag.Error, diag.CodeMisc,
			fmt.Sprintf(diag.ExpressionContainsAny, types.Format(t, c.formatOptions())))
	}
}
