package check

import (
	"fmt"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkAttributeHook judges what a class body binds to __getattr__,
// __getattribute__ or __setattr__, or a module's top level to
// __getattr__, as mypy's check_getattr_method and check_setattr_method
// do: a class's __getattr__ and __getattribute__ must take (self, str),
// its __setattr__ (self, str, value) and return None, a module's
// __getattr__ (str); a module's __getattribute__ is not used at all.
// Elsewhere (a def's local) the names are not special, and nothing is
// judged where mypy checks nothing (a class in an unannotated def). t is
// the def's signature or the value's type.
func (c *Checker) checkAttributeHook(name string, t types.Type, at ast.Node) {
	var want *types.Callable
	switch top := c.top(); {
	case top == nil: // the module's top level
		switch name {
		case "__getattribute__":
			c.report(at.Pos(), diag.Error, diag.CodeMisc, diag.ModuleLevelGetattribute)
			return
		case "__getattr__":
			want = &types.Callable{Params: []types.Param{{Type: c.builtinInstance("str")}}, Ret: anyT()}
		}
	case top.isClass:
		switch name {
		case "__getattr__", "__getattribute__":
			want = &types.Callable{Params: []types.Param{{Type: anyT()}, {Type: c.builtinInstance("str")}}, Ret: anyT()}
		case "__setattr__":
			want = &types.Callable{Params: []types.Param{{Type: anyT()}, {Type: c.builtinInstance("str")}, {Type: anyT()}},
				Ret: &types.NoneType{}}
		}
	}
	if want == nil || t == nil || !c.checked() || !judgeable(t, true) {
		return
	}
	if !c.isSubtype(t, want) {
		c.report(at.Pos(), diag.Error, diag.CodeMisc,
			fmt.Sprintf(diag.InvalidSpecialSignature, types.Format(t, c.formatOptions()), name))
	}
}

// isAttributeHook reports the names checkAttributeHook judges.
func isAttributeHook(name string) bool {
	return name == "__getattr__" || name == "__getattribute__" || name == "__setattr__"
}
