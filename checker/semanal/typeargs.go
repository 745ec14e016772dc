package semanal

import (
	"fmt"
	"slices"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// typeArgValues checks the type arguments a generic class is given in an
// annotation against its type parameters, as mypy's semanal_typeargs
// does: against a parameter's values (`Value of type variable "T" of "C"
// cannot be "bytes"`, or `Invalid type argument value for "C"` for an
// argument that is no class's instance) and its upper bound (`Type
// argument "str" of "C" must be a subtype of "int"`), at the argument. An
// argument typd reads as Any or as a type variable is not judged, nor
// are the arguments of a class given too many.
func (c *checker) typeArgValues(x *ast.Subscript) {
	t, _, ok := c.globalTarget(x.Value)
	if !ok || t.Sym == nil {
		return
	}
	cls := c.p.subscriptedClass(t)
	if cls == nil || cls.VariadicParams || cls.AnyBase || len(cls.TypeParams) == 0 {
		return
	}
	args := []ast.Expr{x.Slice}
	if tup, ok := x.Slice.(*ast.Tuple); ok {
		args = tup.Elts
	}
	if len(args) > len(cls.TypeParams) {
		return
	}
	ta := &typeAnalyzer{p: c.p, module: c.m.Name}
	format := types.FormatOptions{OrSyntax: true}
	for i, a := range args {
		tv := cls.TypeParams[i]
		if len(tv.Values) == 0 && (tv.Bound == nil || isObject(tv.Bound)) {
			continue
		}
		at := ta.analyze(a)
		switch at.(type) {
		case *types.Any, *types.TypeVar:
			continue
		case *types.NoneType:
			if c.p.cfg.StrictOptional != nil && !c.p.cfg.StrictOptional(c.m.Name) {
				continue
			}
		}
		if len(tv.Values) > 0 && !slices.ContainsFunc(tv.Values, func(v types.Type) bool {
			return types.IsSubtypeStrict(at, v) && types.IsSubtypeStrict(v, at)
		}) {
			if inst, ok := at.(*types.Instance); ok && inst.LastKnownValue == nil {
				c.error(a.Pos(), diag.CodeTypeVar, fmt.Sprintf(diag.TypeVarValueOfClassCannotBe, tv.Name, cls.Name, inst.Class.Name))
			} else {
				c.error(a.Pos(), diag.CodeTypeVar, fmt.Sprintf(diag.InvalidTypeArgumentValue, cls.Name))
			}
		}
		if tv.Bound != nil && !isObject(tv.Bound) && !types.IsSubtype(at, tv.Bound) {
			bound := tv.Bound
			if inst, ok := bound.(*types.Instance); ok && len(inst.Args) < len(inst.Class.TypeParams) {
				// A bare generic bound (bound="C") is C[Any, ...].
				b := *inst
				b.Args = make([]types.Type, len(inst.Class.TypeParams))
				for j := range b.Args {
					b.Args[j] = anyType()
				}
				bound = &b
			}
			c.error(a.Pos(), diag.CodeTypeVar, fmt.Sprintf(diag.TypeArgumentNotSubtype, types.Format(at, format), cls.Name, types.Format(bound, format)))
		}
	}
}

func isObject(t types.Type) bool {
	inst, ok := t.(*types.Instance)
	return ok && inst.Class.FullName == "builtins.object"
}
