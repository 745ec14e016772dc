package check

import (
	"fmt"

	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/undefined"
	"typd/parser/ast"
)

// undefinedInModule reports the names of the module's top level (and of
// the defs that are not targets, which report their own) read before
// their definition or possibly undefined.
func (c *Checker) undefinedInModule(body []ast.Stmt) {
	if c.exprStmts == nil {
		return
	}
	c.reportUndefined(undefined.Module(body, c.undefinedConfig()))
}

// undefinedConfig is the configuration of the analysis of undefined names.
func (c *Checker) undefinedConfig() *undefined.Config {
	var builtins semanal.Table
	if b := c.p.Modules["builtins"]; b != nil {
		builtins = b.Names
	}
	return &undefined.Config{CheckUntypedDefs: c.settings.CheckUntypedDefs, Reach: c.reach,
		Builtin:     func(name string) bool { return builtins[name] != nil },
		ModuleAttrs: semanal.ImplicitModuleAttrs,
		Returns: func(s *ast.ExprStmt) bool {
			completes, reached := c.exprStmts[s]
			return reached && completes
		},
		ElseImpossible: func(x *ast.If) bool { return c.elseImpossible[x] },
		Separate:       c.rec.IsTarget}
}

// reportUndefined reports the findings of the analysis of undefined names.
func (c *Checker) reportUndefined(fs []undefined.Finding) {
	for _, f := range fs {
		switch {
		case f.UsedBeforeDef && c.settings.UsedBeforeDef:
			c.report(&f.Name.Span, diag.Error, diag.CodeUsedBeforeDef, fmt.Sprintf(diag.NameIsUsedBeforeDefinition, f.Name.ID))
		case !f.UsedBeforeDef && c.settings.PossiblyUndefined:
			c.report(&f.Name.Span, diag.Error, diag.CodePossiblyUndefined, fmt.Sprintf(diag.NameMayBeUndefined, f.Name.ID))
		}
	}
}
