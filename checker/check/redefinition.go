package check

import (
	"slices"

	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkConditionalRedefinition checks a plain def under a condition that
// rebinds its name, against the name's first binding in its scope (the
// one mypy's table keeps, semanal.Symbol.First), as mypy does:
//
//   - over a module-level def with another signature, "All conditional
//     function variants must have identical signatures" ([misc]), with
//     both signatures in notes (defs without decorators, type variables
//     or async compared);
//   - over a variable whose type the def's does not fit, "Incompatible
//     redefinition (redefinition with type "X", original type "Y")"
//     ([misc]), at module level and in functions.
func (c *Checker) checkConditionalRedefinition(x *ast.FunctionDef) {
	if !c.checked() || len(x.DecoratorList) > 0 {
		return
	}
	var sym *semanal.Symbol
	var body []ast.Stmt
	switch f := c.top(); {
	case f == nil:
		sym, body = c.p.Modules[c.m.Name].Names[x.Name], c.m.File.Module.Body
	case f.def != nil && !f.isClass:
		sym, body = c.p.ScopeNames(c.m.Name, f.def)[x.Name], f.def.Body
	}
	if sym == nil || sym.First == nil || sym.First == ast.Stmt(x) || slices.Contains(body, ast.Stmt(x)) {
		return
	}
	switch orig := sym.First.(type) {
	case *ast.FunctionDef:
		if c.top() == nil {
			c.checkConditionalVariant(x, orig)
		}
	case *ast.Assign, *ast.AnnAssign:
		c.checkRedefinitionOfVariable(x)
	}
}

// checkConditionalVariant reports a conditional def whose signature is
// not the one of the def it redefines, orig.
func (c *Checker) checkConditionalVariant(x, orig *ast.FunctionDef) {
	if len(orig.DecoratorList) > 0 || orig.IsAsync != x.IsAsync {
		return
	}
	old, cur := c.p.Signature(c.m.Name, nil, orig), c.p.Signature(c.m.Name, nil, x)
	if old == nil || cur == nil || len(old.TypeVars) > 0 || len(cur.TypeVars) > 0 || !judgeable(old, false) || !judgeable(cur, false) {
		return
	}
	if old.Implicit == cur.Implicit && types.IsSubtypeStrict(cur, old) && types.IsSubtypeStrict(old, cur) {
		return // (an unannotated def's Any types are the same only as another's)
	}
	c.report(&x.Span, diag.Error, diag.CodeMisc, diag.ConditionalSignaturesDiffer)
	first := len(c.out)
	c.report(&x.Span, diag.Note, diag.CodeMisc, diag.OriginalNote)
	c.report(&x.Span, diag.Note, diag.CodeMisc, "    "+c.prettyVariant(old))
	c.report(&x.Span, diag.Note, diag.CodeMisc, diag.RedefinitionNote)
	c.report(&x.Span, diag.Note, diag.CodeMisc, "    "+c.prettyVariant(cur))
	for i := first; i < len(c.out); i++ {
		c.out[i].Repeatable = true
	}
}

// checkRedefinitionOfVariable reports a conditional def over a variable
// whose declared or inferred type the def's signature does not fit. Only
// what is certain is judged: both types fully modelled, or a variable
// holding a class object, which no def is.
func (c *Checker) checkRedefinitionOfVariable(x *ast.FunctionDef) {
	v := c.scopeVars()
	orig, ok := v.declared[x.Name]
	if !ok || v.partial[x.Name] || c.guessed(x.Name) {
		return
	}
	sig := c.p.Signature(c.m.Name, nil, x)
	if sig == nil || len(sig.TypeVars) > 0 || x.IsAsync || !judgeable(sig, false) {
		return
	}
	if !certainClassObject(orig) && (!judgeable(orig, false) || c.isSubtype(sig, orig)) {
		return
	}
	got, was := types.FormatPair(sig, orig, c.formatOptions())
	c.report(&x.Span, diag.Error, diag.CodeMisc, diag.IncompatibleRedefinition(got, was))
}

// certainClassObject reports a class object of a class whose class objects
// are modelled: no Any base, a known metaclass.
func certainClassObject(t types.Type) bool {
	ctor := types.ClassObject(t)
	return ctor != nil && !ctor.TypeObject.MetaclassUnknown && !anyBased(ctor.TypeObject) && judgeableClass(ctor.TypeObject)
}
