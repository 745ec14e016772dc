package check

import (
	"typd/checker/types"
	"typd/parser/ast"
)

// checkInitSubclass checks a class definition's keywords (but metaclass
// and **mapping) as the arguments of the call Python makes, when the class
// is made, of the __init_subclass__ of the first class after it in its MRO
// that defines one (mypy's check_init_subclass): a missing, unexpected or
// mistyped keyword is reported at the class's line. Not checked, as in
// mypy: TypedDicts, named tuples and other tuple classes, enums, and a
// class whose metaclass is a known one other than type and abc.ABCMeta
// (which may take the keywords itself).
func (c *Checker) checkInitSubclass(x *ast.ClassDef, cls *types.Class) {
	if cls == nil || cls.IsTypedDict || cls.IsNamedTuple || cls.TupleBase != nil || cls.IsEnum() {
		return
	}
	if m := cls.Metaclass; m != nil && m.Class.FullName != "builtins.type" && m.Class.FullName != "abc.ABCMeta" {
		return
	}
	for _, base := range cls.MRO[1:] {
		if _, ok := base.Members["__init_subclass__"]; !ok {
			continue
		}
		call := &ast.Call{Span: x.Span, Func: &ast.Name{Span: x.Span, ID: x.Name}}
		var kwargs []types.Type
		for _, k := range x.Keywords {
			if k.Arg == "" || k.Arg == "metaclass" {
				continue
			}
			call.Keywords = append(call.Keywords, k)
			kwargs = append(kwargs, c.expr(k.Value))
		}
		callee := c.member(&types.TypeType{Item: ownInstance(base)}, "__init_subclass__")
		c.checkCall(call, callee, nil, kwargs)
		return
	}
}
