package check

import (
	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// missingAnnotations reports a def that --disallow-untyped-defs or
// --disallow-incomplete-defs rejects, as mypy does: a def without any
// annotation, or (in one with some) a missing return annotation or an
// unannotated parameter. inClass says the def is a method, whose first
// parameter needs no annotation (unless it is a static method).
func (c *Checker) missingAnnotations(f *ast.FunctionDef, sig *types.Callable, inClass bool) {
	if !c.settings.DisallowUntypedDefs && !c.settings.DisallowIncompleteDefs || f.TypeComment != "" {
		// A signature type comment annotates the whole def.
		return
	}
	// About the whole def, but an ignore comment in its body does not
	// silence these: only one on its first line.
	report := func(sev diag.Severity, msg string) {
		n := len(c.out)
		c.report(&f.Span, sev, diag.CodeNoUntypedDef, msg)
		if len(c.out) > n {
			c.out[n].IgnoreThrough = int(f.Lineno)
		}
	}
	if !f.IsAnnotated() {
		if !c.settings.DisallowUntypedDefs {
			return
		}
		params := f.Args.All()
		if len(params) == 0 || len(params) == 1 && (params[0].Arg == "self" || params[0].Arg == "cls") {
			report(diag.Error, diag.ReturnTypeExpected)
			if !returnsValue(f.Body) && !ast.IsGenerator(f.Body) {
				report(diag.Note, diag.UseNoneReturn)
			}
			return
		}
		report(diag.Error, diag.FunctionTypeExpected)
		return
	}
	if unannotated(declaredReturn(f, sig)) {
		report(diag.Error, diag.ReturnTypeExpected)
	}
	for i, p := range sig.Params {
		if unannotated(p.Type) && !(i == 0 && inClass && !isStatic(f)) {
			report(diag.Error, diag.ArgumentTypeExpected)
			break
		}
	}
}

// declaredReturn is the return type def f's signature sig declares: R of
// the Coroutine[Any, Any, R] an async def's calls give.
func declaredReturn(f *ast.FunctionDef, sig *types.Callable) types.Type {
	if r, ok := sig.Ret.(*types.Instance); ok && f.IsAsync && r.Class.FullName == "typing.Coroutine" && len(r.Args) == 3 {
		return r.Args[2]
	}
	return sig.Ret
}

func unannotated(t types.Type) bool {
	a, ok := t.(*types.Any)
	return ok && a.Reason == types.AnyUnannotated
}

func isStatic(f *ast.FunctionDef) bool {
	for _, d := range f.DecoratorList {
		if n := ast.DottedName(d); n == "staticmethod" || n == "builtins.staticmethod" {
			return true
		}
	}
	return false
}

// returnsValue reports whether a body (nested defs included, as mypy
// looks) has a return statement with a value other than None.
func returnsValue(body []ast.Stmt) bool {
	found := false
	for _, s := range body {
		ast.Inspect(s, func(n ast.Node) bool {
			if r, ok := n.(*ast.Return); ok && r.Value != nil {
				if name, isName := r.Value.(*ast.Name); !isName || name.ID != "None" {
					found = true
				}
			}
			return !found
		})
	}
	return found
}
