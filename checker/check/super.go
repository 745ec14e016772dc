package check

import (
	"fmt"
	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// isSuperCall reports a call of the builtin super (not a name that
// shadows it).
func (c *Checker) isSuperCall(e ast.Expr) (*ast.Call, bool) {
	call, ok := e.(*ast.Call)
	if !ok {
		return nil, false
	}
	n, ok := call.Func.(*ast.Name)
	if !ok || n.ID != "super" {
		return nil, false
	}
	if _, local := c.scopeVars().lookup("super"); local {
		return nil, false
	}
	if t, ok := c.p.Resolve(c.m.Name, "super"); ok && t.Owner != "builtins" {
		return nil, false
	}
	return call, true
}

// superAttribute types `super(...).name`, as mypy's visit_super_expr: the
// member found in the MRO of the instance's class after the class super
// names (the enclosing one by default), bound to the instance (self by
// default). It reports super's misuses and a member no base defines.
func (c *Checker) superAttribute(x *ast.Attribute, call *ast.Call) types.Type {
	for _, a := range call.Args {
		c.expr(a)
	}
	for _, k := range call.Keywords {
		c.expr(k.Value)
	}
	if !c.checked() {
		return anyT()
	}
	fail := func(msg string) types.Type {
		c.report(&call.Span, diag.Error, diag.CodeMisc, msg)
		return &types.Any{Reason: types.AnyFromError}
	}
	var current *types.Class // the class whose body the code is in
	for i := len(c.frames) - 1; i >= 0; i-- {
		if c.frames[i].isClass {
			current = c.frames[i].class
			if current == nil {
				return anyT() // a class this checker does not model (one nested in another)
			}
			break
		}
	}
	var typeType, instance types.Type
	switch {
	case len(call.Args) == 0 && len(call.Keywords) == 0:
		if current == nil {
			return anyT() // (mypy's semantic analysis reports it)
		}
		if top := c.top(); top != nil && top.isClass {
			return fail(diag.SuperOutsideMethod)
		}
		def := c.enclosingDef()
		self := &types.Instance{Class: current, Args: classParams(current)}
		typeType = &types.TypeType{Item: self}
		if def == nil {
			return anyT()
		}
		first := firstParam(def.def)
		if first == "" {
			return fail(diag.SuperNeedsArguments)
		}
		instance = self
		if t, ok := def.vars.declared[first]; ok && t != nil {
			instance = t
		}
	case hasStarArg(call):
		return fail(diag.SuperVarargs)
	case len(call.Keywords) > 0:
		return fail(diag.SuperKeywordArgs)
	case len(call.Args) == 1:
		return fail(diag.SuperSingleArgument)
	case len(call.Args) > 2:
		return fail(diag.SuperTooManyArgs)
	default:
		typeType, instance = c.exprQuiet(call.Args[0]), c.exprQuiet(call.Args[1])
	}
	if isAnyType(typeType) || isTypeOfAny(typeType) {
		if current == nil {
			return anyT()
		}
		typeType = &types.TypeType{Item: &types.Instance{Class: current, Args: classParams(current)}}
	}
	switch t := typeType.(type) {
	case *types.TypeType:
	case *types.Callable:
		if t.TypeObject == nil {
			return c.superFirstArgument(call, typeType)
		}
	case *types.Overloaded:
		if typeObject(t) == nil {
			return c.superFirstArgument(call, typeType)
		}
	default:
		return c.superFirstArgument(call, typeType)
	}
	if isAnyType(instance) || isTypeOfAny(instance) {
		if current == nil {
			return anyT()
		}
		self := &types.Instance{Class: current, Args: classParams(current)}
		if isAnyType(instance) {
			instance = self
		} else {
			instance = &types.TypeType{Item: self}
		}
	}
	target := c.classOfSuperArg(typeType)
	if target == nil {
		return fail(diag.SuperUnsupportedArg1)
	}
	if tv, ok := instance.(*types.TypeVar); ok && len(tv.Values) > 0 {
		// mypy checks the function once for each value.
		for _, v := range tv.Values {
			if k := c.classOfSuperArg(v); k == nil || classIndex(k.MRO, target) < 0 {
				return fail(diag.SuperArg2NotInstance)
			}
		}
		instance = tv.Values[0]
	}
	of := c.classOfSuperArg(instance)
	if of == nil {
		return fail(diag.SuperUnsupportedArg2)
	}
	mro := of.MRO
	index := classIndex(mro, target)
	if index < 0 && current != nil && selfTypeLike(instance) {
		// An imprecise self annotation: the enclosing class's MRO.
		mro = current.MRO
		index = classIndex(mro, target)
	}
	if index < 0 {
		if of.IsProtocol && of != target && !target.IsProtocol {
			index = -1 // a mixin's super() reaches the protocol it is for
		} else {
			return fail(diag.SuperArg2NotInstance)
		}
	}
	if index == len(mro)-1 {
		return fail(diag.TargetClassHasNoBaseClass)
	}
	for i, k := range mro[index+1:] {
		last := index+1+i == len(mro)-1
		if _, ok := k.Members[x.Attr]; !ok && !last {
			continue
		}
		if last && current != nil && anyBased(current) {
			return anyT() // an unknown base may define it
		}
		if _, ok := k.Members[x.Attr]; !ok {
			if anyBased(of) {
				return anyT()
			}
			return fail(fmt.Sprintf(diag.UndefinedInSuperclass, x.Attr))
		}
		if m := k.Members[x.Attr]; m.UnsafeSuper {
			c.report(&x.Span, diag.Error, diag.CodeSafeSuper, fmt.Sprintf(diag.UnsafeSuper, x.Attr, k.Name))
		}
		return c.memberFrom(k, instance, x.Attr)
	}
	return anyT()
}

// superFirstArgument reports a first argument of super that is not a
// class.
func (c *Checker) superFirstArgument(call *ast.Call, t types.Type) types.Type {
	shown := "a non-type instance"
	if _, isInst := t.(*types.Instance); !isInst {
		shown = `"` + types.Format(t, c.formatOptions()) + `"`
	}
	c.report(&call.Span, diag.Error, diag.CodeArgType, fmt.Sprintf(diag.SuperArg1NotType, shown))
	return &types.Any{Reason: types.AnyFromError}
}

// memberFrom is member name of a class (which defines it), read through
// super() from a value of type receiver (an instance, type[...] in a class
// method, or a type variable bound to one): bound to the receiver.
func (c *Checker) memberFrom(k *types.Class, receiver types.Type, name string) types.Type {
	r := receiver
	if tv, ok := r.(*types.TypeVar); ok && tv.Bound != nil {
		r = tv.Bound
	}
	switch x := r.(type) {
	case *types.Instance:
		view := types.MapToSuper(x, k)
		if view == nil {
			view = &types.Instance{Class: k, Args: anyArgs(len(k.TypeParams))}
		}
		return c.instanceMember(view, receiver, name)
	case *types.TypeType:
		return c.classMember(k, nil, name)
	}
	if typeObject(r) != nil {
		return c.classMember(k, nil, name)
	}
	return anyT()
}

// classOfSuperArg is the class an argument of super stands for (mypy's
// type_info_from_type): a class object's, an instance's, a type
// variable's bound's (object when it has none).
func (c *Checker) classOfSuperArg(t types.Type) *types.Class {
	if cls := typeObject(t); cls != nil {
		return cls
	}
	if tt, ok := t.(*types.TypeType); ok {
		t = tt.Item
	}
	if tv, ok := t.(*types.TypeVar); ok {
		t = tv.Bound
		if t == nil {
			t = c.object()
		}
	}
	switch x := t.(type) {
	case *types.Tuple:
		if x.Fallback != nil {
			return x.Fallback.Class
		}
	case *types.Instance:
		return x.Class
	}
	return nil
}

// selfTypeLike reports a self argument's type that is a class object or
// an instance, or a type variable (mypy's is_self_type_like).
func selfTypeLike(t types.Type) bool {
	if tt, ok := t.(*types.TypeType); ok {
		t = tt.Item
	}
	_, ok := t.(*types.TypeVar)
	return ok
}

// classIndex is the position of a class in an MRO, or -1.
func classIndex(mro []*types.Class, cls *types.Class) int {
	for i, k := range mro {
		if k == cls {
			return i
		}
	}
	return -1
}

// classParams are a generic class's own type parameters as its type
// arguments (mypy's fill_typevars).
func classParams(cls *types.Class) []types.Type {
	out := make([]types.Type, len(cls.TypeParams))
	for i, tv := range cls.TypeParams {
		out[i] = tv
	}
	return out
}

// firstParam is the name of a def's first positional parameter, "" when
// it has none.
func firstParam(f *ast.FunctionDef) string {
	if len(f.Args.Posonlyargs) > 0 {
		return f.Args.Posonlyargs[0].Arg
	}
	if len(f.Args.Args) > 0 {
		return f.Args.Args[0].Arg
	}
	return ""
}

// hasStarArg reports a call with a *args argument.
func hasStarArg(call *ast.Call) bool {
	for _, a := range call.Args {
		if _, ok := a.(*ast.Starred); ok {
			return true
		}
	}
	return false
}

// isTypeOfAny reports type[Any] (or a bare type).
func isTypeOfAny(t types.Type) bool {
	if inst, ok := t.(*types.Instance); ok {
		return inst.Class.FullName == "builtins.type"
	}
	tt, ok := t.(*types.TypeType)
	return ok && isAnyType(tt.Item)
}
