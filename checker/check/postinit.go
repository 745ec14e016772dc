package check

import (
	"fmt"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkPostInit checks a dataclass's __post_init__ against the call the
// generated __init__ makes of it, as mypy's dataclasses plugin has it
// checked as an override of a method of supertype "dataclass": after
// self, the InitVar pseudo-fields by position (the def may give them
// defaults), returning None. The messages are mypy's override messages,
// without the Liskov notes. A class or static method, or a def typd cannot
// judge, is left alone.
func (c *Checker) checkPostInit(f *ast.FunctionDef, cls *types.Class, sig *types.Callable) {
	if cls == nil || !c.checked() || !f.IsAnnotated() || sig.Static || sig.ClassMethod || len(sig.Params) == 0 {
		return
	}
	want, ok := c.p.DataclassInitVars(cls)
	if !ok {
		return
	}
	got := sig.Params[1:]
	for _, p := range append(append([]types.Param(nil), got...), want...) {
		if !comparable(p.Type) || p.Kind != types.ArgPos && p.Kind != types.ArgOpt {
			return
		}
	}
	super := &types.Callable{Name: "__post_init__", Owner: cls.Name, Params: want, Ret: &types.NoneType{}}
	sub := &types.Callable{Name: "__post_init__", Owner: cls.Name, Params: got, Ret: sig.Ret}
	if len(got) != len(want) {
		self := "self: " + cls.Name
		c.report(f.Pos(), diag.Error, diag.CodeOverride, diag.IncompatiblePostInit)
		c.report(f.Pos(), diag.Note, diag.CodeOverride, "     Superclass:")
		c.report(f.Pos(), diag.Note, diag.CodeOverride, "         "+c.prettyVariantFirst(super, self))
		c.report(f.Pos(), diag.Note, diag.CodeOverride, "     Subclass:")
		c.report(f.Pos(), diag.Note, diag.CodeOverride, "         "+c.prettyVariantFirst(sub, self))
		return
	}
	args := f.Args.All()
	for i := range got {
		if types.IsSubtype(want[i].Type, got[i].Type) {
			continue
		}
		at := ast.Node(f)
		if i+1 < len(args) && len(f.DecoratorList) == 0 {
			at = args[i+1]
		}
		c.report(at.Pos(), diag.Error, diag.CodeOverride, fmt.Sprintf(diag.IncompatiblePostInitArgument, i+2, types.Format(want[i].Type, c.formatOptions())))
	}
	if sig.Ret != nil && comparable(sig.Ret) && !types.IsSubtype(sig.Ret, &types.NoneType{}) {
		got, want := types.FormatPair(sig.Ret, &types.NoneType{}, c.formatOptions())
		c.report(f.Pos(), diag.Error, diag.CodeOverride, fmt.Sprintf(diag.IncompatiblePostInitReturn, got, want))
	}
}
