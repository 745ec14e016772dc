package check

import (
	"fmt"

	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkPropertyParts reports, in a class body, the decorated defs that
// follow a property of the same name (its parts, for mypy) whose first
// decorator is not `@name.setter` or `@name.deleter`.
func (c *Checker) checkPropertyParts(body []ast.Stmt) {
	if !c.checked() {
		return
	}
	bad := semanal.InvalidPropertyParts(body)
	for _, st := range body {
		f, ok := st.(*ast.FunctionDef)
		if !ok {
			continue
		}
		if name, isBad := bad[f]; isBad {
			c.report(f.DecoratorList[0].Pos(), diag.Error, diag.CodeMisc,
				fmt.Sprintf(diag.PropertyTopDecorators, name, name))
		}
	}
}

// checkReadOnlyPropertyOverride reports a property without a setter that
// overrides a base's property with one, or (an annotated one) a base's
// writable variable (at the def), as mypy does.
func (c *Checker) checkReadOnlyPropertyOverride(f *ast.FunctionDef, cls *types.Class) {
	if cls == nil || len(f.DecoratorList) == 0 {
		return
	}
	m, ok := cls.Members[f.Name]
	if !ok || !m.IsProperty || m.Settable {
		return
	}
	for _, base := range cls.MRO[1:] {
		bm, ok := base.Members[f.Name]
		if !ok {
			continue
		}
		if bm.IsProperty && bm.Settable {
			c.report(f.DecoratorList[0].Pos(), diag.Error, diag.CodeMisc, diag.ReadOnlyOverridesReadWrite)
		}
		if !bm.IsMethod && !bm.IsProperty && !bm.Final && !bm.NestedClass && !bm.ReadOnly && (f.IsAnnotated() || c.checkUntyped) {
			// A base's (writable) variable (not one of type Any).
			t := bm.TypeOf()
			if t == nil {
				t = c.implicitAttr(bm)
			}
			if _, isAny := t.(*types.Any); !isAny {
				c.report(f.Pos(), diag.Error, diag.CodeOverride, diag.ReadOnlyOverridesWriteable)
			}
		}
	}
}
