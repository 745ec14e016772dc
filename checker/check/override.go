package check

import (
	"fmt"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// noOverrideCheck are the methods mypy does not check against their
// bases.
var noOverrideCheck = map[string]bool{"__init__": true, "__new__": true, "__init_subclass__": true, "__post_init__": true}

// plainDecorators leave a method's signature as written.
var plainDecorators = map[string]bool{"override": true, "typing.override": true, "typing_extensions.override": true,
	"final": true, "typing.final": true, "typing_extensions.final": true, "abstractmethod": true, "abc.abstractmethod": true,
	"staticmethod": true, "classmethod": true}

// checkOverride reports a method whose signature does not fit the one of
// the nearest base defining the name, in the case mypy details: both plain
// signatures with as many parameters, as many of them required. An
// argument of the base's type the override does not take is "Argument N
// of "f" is incompatible with supertype "A"; ..." (with mypy's notes), a
// result the base's does not accept "Return type ... incompatible with
// return type ... in supertype ..." ([override]). Signatures this checker
// does not compare exactly (generic, decorated, overloaded, async) are not
// judged.
func (c *Checker) checkOverride(f *ast.FunctionDef, cls *types.Class, sig *types.Callable) {
	name := f.Name
	if cls == nil || !c.checked() || !f.IsAnnotated() || f.IsAsync || noOverrideCheck[name] ||
		strings.HasPrefix(name, "__") && !strings.HasSuffix(name, "__") || !onlyPlainDecorators(f.DecoratorList) {
		return
	}
	own := cls.Members[name]
	if own == nil || own.IsProperty || own.Async {
		return
	}
	if _, single := own.TypeOf().(*types.Callable); !single {
		return // overloaded
	}
	var base *types.Class
	var bm *types.Member
	for _, k := range cls.MRO[1:] {
		if m := k.Members[name]; m != nil {
			base, bm = k, m
			break
		}
	}
	if base == nil || !bm.IsMethod || bm.IsProperty || bm.Async || !knownMembers(base) {
		return
	}
	orig, ok := bm.TypeOf().(*types.Callable)
	if !ok || orig.Static != sig.Static || orig.ClassMethod != sig.ClassMethod || orig.Implicit {
		return
	}
	if def, decorated := c.p.DecoratedDef(bm); decorated && !onlyPlainDecorators(def.DecoratorList) {
		return
	}
	if len(base.TypeParams) > 0 {
		view := types.MapToSuper(ownInstance(cls), base)
		if view == nil {
			return
		}
		orig = types.Subst(orig, types.Bindings(view)).(*types.Callable)
	}
	if len(sig.TypeVars) > 0 || len(orig.TypeVars) > 0 {
		return
	}
	bound := 1
	if sig.Static {
		bound = 0
	}
	if len(sig.Params) < bound || len(orig.Params) < bound {
		return
	}
	sub, super := sig.Params[bound:], orig.Params[bound:]
	if len(sub) != len(super) || required(sub) != required(super) {
		return
	}
	supertype := base.FullName
	if base.Module == c.m.Name {
		supertype = base.Name
	}
	args := f.Args.All()
	for i := range sub {
		a, b := sub[i], super[i]
		positional := func(k types.ParamKind) bool { return k == types.ArgPos || k == types.ArgOpt }
		if !positional(a.Kind) || !positional(b.Kind) {
			continue
		}
		if !comparable(a.Type) || !comparable(b.Type) || types.IsSubtype(b.Type, a.Type) {
			continue
		}
		at := ast.Node(f)
		if i+bound < len(args) && len(f.DecoratorList) == 0 {
			at = args[i+bound]
		}
		first := len(c.out)
		c.report(at.Pos(), diag.Error, diag.CodeOverride, fmt.Sprintf(
			`Argument %d of "%s" is incompatible with supertype "%s"; supertype defines the argument type as "%s"`,
			i+1, name, supertype, types.Format(b.Type, c.formatOptions())))
		c.report(at.Pos(), diag.Note, diag.CodeOverride, "This violates the Liskov substitution principle")
		c.report(at.Pos(), diag.Note, diag.CodeOverride,
			"See https://mypy.readthedocs.io/en/stable/common_issues.html#incompatible-overrides")
		if name == "__eq__" {
			for _, line := range []string{
				`It is recommended for "__eq__" to work with arbitrary objects, for example:`,
				`    def __eq__(self, other: object) -> bool:`,
				`        if not isinstance(other, ` + cls.Name + `):`,
				`            return NotImplemented`,
				`        return <logic to compare two ` + cls.Name + ` instances>`,
			} {
				c.report(at.Pos(), diag.Note, diag.CodeOverride, line)
			}
		}
		for j := first; j < len(c.out); j++ {
			c.out[j].IgnoreFrom = int(f.Lineno) // an ignore on the def's line counts
		}
	}
	if comparable(sig.Ret) && comparable(orig.Ret) && !types.IsSubtype(sig.Ret, orig.Ret) {
		got, want := types.FormatPair(sig.Ret, orig.Ret, c.formatOptions())
		c.report(f.Pos(), diag.Error, diag.CodeOverride, fmt.Sprintf(
			`Return type "%s" of "%s" incompatible with return type "%s" in supertype "%s"`, got, name, want, supertype))
	}
}

// onlyPlainDecorators reports decorators that leave a method's signature
// as written (none at all included).
func onlyPlainDecorators(decorators []ast.Expr) bool {
	for _, d := range decorators {
		if !plainDecorators[ast.DottedName(d)] {
			return false
		}
	}
	return true
}

// required counts the parameters a call must give.
func required(ps []types.Param) int {
	n := 0
	for _, p := range ps {
		if p.Kind == types.ArgPos || p.Kind == types.ArgNamed {
			n++
		}
	}
	return n
}

// comparable reports a type whose relations this checker models fully,
// without type variables.
func comparable(t types.Type) bool {
	return judgeable(t, false) && !hasTypeVars(t)
}

// ownInstance is a class's instance over its own type parameters.
func ownInstance(cls *types.Class) *types.Instance {
	inst := &types.Instance{Class: cls}
	for _, tv := range cls.TypeParams {
		inst.Args = append(inst.Args, tv)
	}
	return inst
}
