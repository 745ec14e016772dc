package check

import (
	"fmt"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkSelfArgument reports, as mypy's require_correct_self_argument does,
// a method of class cls (not static, not decorated other than as a class
// method) that takes no parameter at all, and an instance method whose
// first parameter is annotated with a type its class's instances are not
// of: "The erased type of self ..." when it is named self, else mypy's
// "self" parameter missing message.
func (c *Checker) checkSelfArgument(f *ast.FunctionDef, cls *types.Class, sig *types.Callable) {
	if cls == nil || !c.checked() && !f.IsAnnotated() || sig.Static || !onlyPlainDecorators(withoutOverload(f.DecoratorList)) {
		return
	}
	positional := append(append([]*ast.Arg{}, f.Args.Posonlyargs...), f.Args.Args...)
	if len(positional) == 0 {
		if f.Args.Vararg == nil && f.Args.Kwarg == nil && len(f.Args.Kwonlyargs) == 0 {
			c.report(f.Pos(), diag.Error, diag.CodeMisc, diag.MethodWithoutSelf)
		}
		return
	}
	first := positional[0]
	if first.Annotation == nil || f.Name == "__new__" || len(sig.Params) == 0 {
		return
	}
	t := sig.Params[0].Type
	if sig.ClassMethod {
		c.checkClsArgument(f, cls, t)
		return
	}
	if tv, ok := t.(*types.TypeVar); ok && len(tv.Values) == 0 {
		t = tv.Bound // (erased to its bound)
		if t == nil || isObjectType(t) {
			return
		}
	}
	if _, isNone := t.(*types.NoneType); isNone && c.strictOptional && (first.Arg == "self" || first.Arg == "cls") {
		c.report(f.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ErasedSelfNone, cls.FullName))
		return
	}
	self := &types.Instance{Class: cls, Args: anyArgs(len(cls.TypeParams))}
	if u, isUnion := t.(*types.Union); isUnion {
		// A union of instances: self must be one of them (erased).
		for _, it := range u.Items {
			inst, ok := it.(*types.Instance)
			if !ok || !comparable(it) || inst.Class.IsProtocol || !judgeableClass(cls) ||
				types.IsSubtype(self, &types.Instance{Class: inst.Class, Args: anyArgs(len(inst.Class.TypeParams))}) {
				return
			}
		}
	} else {
		inst, ok := t.(*types.Instance)
		if !ok || !comparable(t) || inst.Class.IsProtocol || !judgeableClass(cls) {
			return
		}
		if types.IsSubtype(self, &types.Instance{Class: inst.Class, Args: anyArgs(len(inst.Class.TypeParams))}) {
			return
		}
	}
	if first.Arg == "self" || first.Arg == "cls" {
		c.report(f.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ErasedSelfNotSupertype, types.Verbose(t), cls.FullName))
		return
	}
	c.report(f.Pos(), diag.Error, diag.CodeMisc, diag.SelfParameterMissing)
}

// withoutOverload is a def's decorators but @overload.
func withoutOverload(decorators []ast.Expr) []ast.Expr {
	var out []ast.Expr
	for _, d := range decorators {
		if name := ast.DottedName(d); name != "overload" && name != "typing.overload" && name != "typing_extensions.overload" {
			out = append(out, d)
		}
	}
	return out
}

// checkClsArgument is checkSelfArgument for a class method whose first
// parameter is annotated type[X] (X a class, or a type variable erased to
// its bound): the class's own class object must be a type[X].
func (c *Checker) checkClsArgument(f *ast.FunctionDef, cls *types.Class, t types.Type) {
	tt, ok := t.(*types.TypeType)
	if !ok {
		return
	}
	item := tt.Item
	if tv, ok := item.(*types.TypeVar); ok && len(tv.Values) == 0 {
		item = tv.Bound
	}
	inst, ok := item.(*types.Instance)
	if !ok || !comparable(item) || inst.Class.IsProtocol || !judgeableClass(cls) {
		return
	}
	self := &types.Instance{Class: cls, Args: anyArgs(len(cls.TypeParams))}
	if types.IsSubtype(self, &types.Instance{Class: inst.Class, Args: anyArgs(len(inst.Class.TypeParams))}) {
		return
	}
	c.report(f.Pos(), diag.Error, diag.CodeMisc, fmt.Sprintf(diag.ErasedSelfTypeNotSupertype, types.Verbose(item), cls.FullName))
}
