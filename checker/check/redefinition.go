package check

import (
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/reach"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkConditionalRedefinition reports a module-level def under a
// condition that redefines an earlier def of the name with another
// signature, as mypy does: "All conditional function variants must have
// identical signatures" ([misc]), with both signatures in notes. Only
// plain defs (no decorators, no type variables, not async) are compared.
func (c *Checker) checkConditionalRedefinition(x *ast.FunctionDef) {
	if c.top() != nil || !c.checked() || len(x.DecoratorList) > 0 || slices.Contains(c.m.File.Module.Body, ast.Stmt(x)) {
		return
	}
	orig := previousDef(c.m.File.Module.Body, x, c.reach)
	if orig == nil || len(orig.DecoratorList) > 0 || orig.IsAsync != x.IsAsync {
		return
	}
	old, cur := c.p.Signature(c.m.Name, nil, orig), c.p.Signature(c.m.Name, nil, x)
	if old == nil || cur == nil || len(old.TypeVars) > 0 || len(cur.TypeVars) > 0 || !judgeable(old, false) || !judgeable(cur, false) {
		return
	}
	if old.Implicit == cur.Implicit && types.IsSubtypeStrict(cur, old) && types.IsSubtypeStrict(old, cur) {
		return // (an unannotated def's Any types are the same only as another's)
	}
	c.report(&x.Span, diag.Error, diag.CodeMisc, "All conditional function variants must have identical signatures")
	first := len(c.out)
	c.report(&x.Span, diag.Note, diag.CodeMisc, "Original:")
	c.report(&x.Span, diag.Note, diag.CodeMisc, "    "+c.prettyVariant(old))
	c.report(&x.Span, diag.Note, diag.CodeMisc, "Redefinition:")
	c.report(&x.Span, diag.Note, diag.CodeMisc, "    "+c.prettyVariant(cur))
	for i := first; i < len(c.out); i++ {
		c.out[i].Repeatable = true
	}
}

// previousDef is the first binding of x's name before x among the
// module's statements, walking the branches that may run (not into defs
// or classes), when it is a def; nil otherwise. (A def under a condition
// keeps the name's first binding in mypy's table: that is the one each
// later variant is compared with.)
func previousDef(body []ast.Stmt, x *ast.FunctionDef, rc *reach.Config) *ast.FunctionDef {
	var first ast.Stmt
	var walk func([]ast.Stmt) bool
	walk = func(stmts []ast.Stmt) bool {
		for _, s := range stmts {
			if s == ast.Stmt(x) {
				return true
			}
			switch y := s.(type) {
			case *ast.FunctionDef:
				if y.Name == x.Name && first == nil {
					first = y
				}
			case *ast.ClassDef:
				if y.Name == x.Name && first == nil {
					first = y
				}
			case *ast.Assign, *ast.AnnAssign, *ast.Import, *ast.ImportFrom:
				if first == nil && bindsName(s, x.Name) {
					first = s
				}
			case *ast.If:
				t := rc.Infer(y.Test)
				if !reach.IsFalse(t) && walk(y.Body) || !reach.IsTrue(t) && walk(y.Orelse) {
					return true
				}
			case *ast.Try:
				if walk(y.Body) {
					return true
				}
				for _, h := range y.Handlers {
					if walk(h.Body) {
						return true
					}
				}
				if walk(y.Orelse) || walk(y.Finalbody) {
					return true
				}
			case *ast.With:
				if walk(y.Body) {
					return true
				}
			case *ast.For:
				if walk(y.Body) || walk(y.Orelse) {
					return true
				}
			case *ast.While:
				if walk(y.Body) || walk(y.Orelse) {
					return true
				}
			}
		}
		return false
	}
	if !walk(body) {
		return nil
	}
	def, _ := first.(*ast.FunctionDef)
	return def
}

// bindsName reports an assignment or import statement that binds name at
// its top level.
func bindsName(s ast.Stmt, name string) bool {
	found := false
	switch y := s.(type) {
	case *ast.Assign:
		for _, t := range y.Targets {
			ast.TargetLeaves(t, func(leaf ast.Expr) {
				if n, ok := leaf.(*ast.Name); ok && n.ID == name {
					found = true
				}
			})
		}
	case *ast.AnnAssign:
		n, ok := y.Target.(*ast.Name)
		found = ok && n.ID == name
	case *ast.Import:
		for _, a := range y.Names {
			bound := a.Asname
			if bound == "" {
				bound, _, _ = strings.Cut(a.Name, ".") // import a.b binds a
			}
			found = found || bound == name
		}
	case *ast.ImportFrom:
		for _, a := range y.Names {
			bound := a.Asname
			if bound == "" {
				bound = a.Name
			}
			found = found || bound == name
		}
	}
	return found
}
