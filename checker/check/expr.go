package check

import (
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

func anyT() types.Type { return &types.Any{Reason: types.AnySpecialForm} }

// expr infers the type of an expression (Any where inference is not done
// yet) and answers the reveal_type calls inside it.
func (c *Checker) expr(e ast.Expr) types.Type {
	switch x := e.(type) {
	case nil:
		return anyT()
	case *ast.Constant:
		return c.constant(x)
	case *ast.Name:
		return c.name(x.ID)
	case *ast.Call:
		if n, ok := x.Func.(*ast.Name); ok && n.ID == "reveal_type" {
			c.reveal(x)
			return anyT()
		}
		callee := c.expr(x.Func)
		for _, a := range x.Args {
			c.expr(a)
		}
		for _, k := range x.Keywords {
			c.expr(k.Value)
		}
		return callResult(callee)
	case *ast.Attribute:
		return c.attribute(x)
	case *ast.Tuple:
		tup := &types.Tuple{}
		for _, el := range x.Elts {
			tup.Items = append(tup.Items, c.expr(el))
		}
		if inst, ok := c.builtinInstance("tuple", anyT()).(*types.Instance); ok {
			tup.Fallback = inst
		}
		return tup
	case *ast.Compare:
		c.expr(x.Left)
		for _, r := range x.Comparators {
			c.expr(r)
		}
		return c.builtinInstance("bool")
	case *ast.UnaryOp:
		t := c.expr(x.Operand)
		if x.Op == ast.Not {
			return c.builtinInstance("bool")
		}
		return widen(t)
	case *ast.BinOp:
		return c.binOp(x)
	}
	// Still visit sub-expressions for the reveal_type calls they hold.
	ast.Inspect(e, func(n ast.Node) bool {
		if sub, ok := n.(ast.Expr); ok && n != ast.Node(e) {
			c.expr(sub)
			return false
		}
		return true
	})
	return anyT()
}

// constant gives a literal's type: its class, remembering the value.
func (c *Checker) constant(k *ast.Constant) types.Type {
	lit := func(class string, v types.LiteralValue) types.Type {
		t := c.builtinInstance(class)
		inst, ok := t.(*types.Instance)
		if !ok {
			return t
		}
		return &types.Instance{Class: inst.Class, LastKnownValue: &types.Literal{Value: v, Fallback: inst}}
	}
	switch k.Value.Kind {
	case ast.NoneValue:
		return &types.NoneType{}
	case ast.TrueValue, ast.FalseValue:
		return lit("bool", types.LiteralValue{Kind: types.LitBool, Bool: k.Value.Kind == ast.TrueValue})
	case ast.IntValue:
		if k.Value.Big != nil {
			return c.builtinInstance("int")
		}
		return lit("int", types.LiteralValue{Kind: types.LitInt, Int: k.Value.Int})
	case ast.StrValue:
		return lit("str", types.LiteralValue{Kind: types.LitStr, Str: k.Value.Str})
	case ast.BytesValue:
		return c.builtinInstance("bytes")
	case ast.FloatValue:
		return c.builtinInstance("float")
	case ast.ComplexValue:
		return c.builtinInstance("complex")
	case ast.EllipsisValue:
		return c.builtinInstance("ellipsis")
	}
	return anyT()
}

// name looks a name up: the enclosing function's locals, then the module.
func (c *Checker) name(id string) types.Type {
	if f := c.top(); f != nil {
		if t, ok := f.vars[id]; ok {
			return t
		}
	}
	t, ok := c.p.Resolve(c.m.Name, id)
	if !ok {
		if b, ok2 := c.p.Resolve("builtins", id); ok2 {
			t, ok = b, true
		}
	}
	if !ok {
		return anyT()
	}
	return c.targetType(t)
}

// targetType is the type of a resolved module-level name.
func (c *Checker) targetType(t semanal.Target) types.Type {
	if t.Module != "" {
		return c.moduleType()
	}
	s := t.Sym
	switch s.Kind {
	case semanal.Class:
		return constructor(c.p.Class(t.Owner, s))
	case semanal.Func:
		if f, ok := s.Def.(*ast.FunctionDef); ok {
			return c.p.Signature(t.Owner, nil, f)
		}
	case semanal.Var:
		if s.Annotation != nil {
			return c.p.AnnotationType(t.Owner, s.Annotation)
		}
		if s.Value != nil && t.Owner == c.m.Name {
			key := s.Name
			if v, ok := c.moduleVars[key]; ok {
				return v
			}
			if c.inferring[key] {
				return anyT()
			}
			c.inferring[key] = true
			saved := c.frames
			c.frames = nil // infer in module scope
			v := widen(c.exprQuiet(s.Value))
			c.frames = saved
			delete(c.inferring, key)
			c.moduleVars[key] = v
			return v
		}
	}
	return anyT()
}

// exprQuiet infers a type without reporting (for a variable's value read
// from elsewhere than its own statement).
func (c *Checker) exprQuiet(e ast.Expr) types.Type {
	saved := len(c.out)
	t := c.expr(e)
	c.out = c.out[:saved]
	return t
}

func (c *Checker) moduleType() types.Type {
	if cls := c.p.ModuleClass("types", "ModuleType"); cls != nil {
		return &types.Instance{Class: cls}
	}
	return anyT()
}

// constructor is the type of a class object called: its __init__ without
// self, returning an instance.
func constructor(cls *types.Class) types.Type {
	ret := &types.Instance{Class: cls}
	for _, tv := range cls.TypeParams {
		ret.Args = append(ret.Args, tv)
	}
	ctor := &types.Callable{Ret: ret, TypeObject: cls, Name: cls.Name}
	if m, _ := cls.Lookup("__init__"); m != nil {
		if sig, ok := m.Type.(*types.Callable); ok && len(sig.Params) > 0 {
			ctor.Params = sig.Params[1:]
		}
	}
	ctor.TypeVars = cls.TypeParams
	return ctor
}

// callResult is what calling a value of type t gives.
func callResult(t types.Type) types.Type {
	if f, ok := t.(*types.Callable); ok {
		if len(f.TypeVars) > 0 && f.TypeObject == nil {
			return anyT() // generic calls need inference, not done yet
		}
		if f.TypeObject != nil {
			return &types.Instance{Class: f.TypeObject, Args: anyArgs(len(f.TypeObject.TypeParams))}
		}
		return f.Ret
	}
	return anyT()
}

func anyArgs(n int) []types.Type {
	var out []types.Type
	for i := 0; i < n; i++ {
		out = append(out, &types.Any{Reason: types.AnyUnannotated})
	}
	return out
}

// attribute types `x.a`: a member of an instance's class (a method bound
// to it), or a name of a module.
func (c *Checker) attribute(x *ast.Attribute) types.Type {
	if dotted := dottedNameOf(x); dotted != "" {
		if t, ok := c.p.ResolveDotted(c.m.Name, dotted); ok && c.top() == nil {
			return c.targetType(t)
		}
	}
	base := c.expr(x.Value)
	inst, ok := base.(*types.Instance)
	if !ok {
		return anyT()
	}
	m, _ := inst.Class.Lookup(x.Attr)
	if m == nil || m.Type == nil {
		return anyT()
	}
	if sig, ok := m.Type.(*types.Callable); ok && m.IsMethod {
		return bind(sig)
	}
	return m.Type
}

// bind drops the self parameter of a method.
func bind(sig *types.Callable) *types.Callable {
	b := *sig
	if len(b.Params) > 0 {
		b.Params = b.Params[1:]
	}
	return &b
}

func dottedNameOf(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Name:
		return x.ID
	case *ast.Attribute:
		if base := dottedNameOf(x.Value); base != "" {
			return base + "." + x.Attr
		}
	}
	return ""
}

// binOp types `a op b` through a's dunder method, when a is an instance.
func (c *Checker) binOp(x *ast.BinOp) types.Type {
	left := widen(c.expr(x.Left))
	c.expr(x.Right)
	inst, ok := left.(*types.Instance)
	if !ok {
		return anyT()
	}
	m, _ := inst.Class.Lookup(dunder[x.Op])
	if m == nil {
		return anyT()
	}
	if sig, ok := m.Type.(*types.Callable); ok && len(sig.TypeVars) == 0 {
		return sig.Ret
	}
	return anyT()
}

var dunder = map[ast.Operator]string{
	ast.Add: "__add__", ast.Sub: "__sub__", ast.Mult: "__mul__", ast.MatMult: "__matmul__",
	ast.Div: "__truediv__", ast.Mod: "__mod__", ast.Pow: "__pow__", ast.LShift: "__lshift__",
	ast.RShift: "__rshift__", ast.BitOr: "__or__", ast.BitXor: "__xor__", ast.BitAnd: "__and__",
	ast.FloorDiv: "__floordiv__",
}
