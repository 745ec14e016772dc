package check

import (
	"fmt"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkOverloadDefs reports, for each run of @overload variants of one
// name in a body (a module's or a class's), a variant no call can reach
// because an earlier one takes everything it takes, as mypy does:
// "Overloaded function signature 2 will never be matched: signature 1's
// parameter type(s) are the same or broader" ([overload-cannot-match]).
// Generic variants are not judged.
func (c *Checker) checkOverloadDefs(body []ast.Stmt, cls *types.Class) {
	if !c.checked() {
		return
	}
	for i := 0; i < len(body); {
		f, ok := body[i].(*ast.FunctionDef)
		if !ok || !f.HasDecorator("overload") {
			i++
			continue
		}
		var run []*ast.FunctionDef
		for ; i < len(body); i++ {
			g, ok := body[i].(*ast.FunctionDef)
			if !ok || g.Name != f.Name || !g.HasDecorator("overload") {
				break
			}
			run = append(run, g)
		}
		sigs := make([]*types.Callable, len(run))
		for k, g := range run {
			sigs[k] = c.p.Signature(c.m.Name, cls, g)
			if len(g.DecoratorList) > 1 {
				sigs[k] = nil // (another decorator may change it)
			}
		}
		for j := 1; j < len(sigs); j++ {
			for k := 0; k < j; k++ {
				if takesAllOf(sigs[k], sigs[j]) {
					c.report(&run[j].Span, diag.Error, diag.CodeOverloadCannotMatch, fmt.Sprintf(
						"Overloaded function signature %d will never be matched: signature %d's parameter type(s) are the same or broader", j+1, k+1))
					break
				}
			}
		}
	}
}

// takesAllOf reports whether every call variant b takes, a takes too: the
// same parameters (kinds, and names where they may be passed by name),
// each of a's types a supertype of b's.
func takesAllOf(a, b *types.Callable) bool {
	if a == nil || b == nil || len(a.TypeVars) > 0 || len(b.TypeVars) > 0 || len(a.Params) != len(b.Params) {
		return false
	}
	for i, p := range a.Params {
		q := b.Params[i]
		if p.Kind != q.Kind || p.PosOnly != q.PosOnly || !p.PosOnly && p.Name != q.Name {
			return false
		}
		if !judgeable(p.Type, false) || !judgeable(q.Type, false) || !narrowerParam(q.Type, p.Type) {
			return false
		}
	}
	return true
}

// narrowerParam reports whether every value of q is certainly a value of
// p: Any is only within an Any written as such, and plain `type` is not
// within type[C].
func narrowerParam(q, p types.Type) bool {
	if a, ok := p.(*types.Any); ok {
		return a.Reason == types.AnyExplicit // (not a form typd does not model)
	}
	if isAnyType(q) {
		return false
	}
	if inst, ok := q.(*types.Instance); ok && inst.Class.FullName == "builtins.type" {
		if _, ok := p.(*types.TypeType); ok {
			return false
		}
	}
	found := false
	types.Walk(q, func(t types.Type) bool {
		found = found || isAnyType(t)
		return !found
	})
	return !found && types.IsSubtypeStrict(q, p)
}
