package check

import (
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// attribute types `x.a`: a member of an instance's class (a method bound
// to it), or a name of a module.
func (c *Checker) attribute(x *ast.Attribute) types.Type {
	if dotted := ast.DottedName(x); dotted != "" {
		first, _, _ := strings.Cut(dotted, ".")
		if _, local := c.scopeVars().lookup(first); !local {
			if t, ok := c.narrowedExpr(x); ok {
				return t // a module's attribute narrowed (os.altsep)
			}
			if t, ok := c.p.ResolveDotted(c.m.Name, dotted); ok {
				if c.settings.Deprecated {
					c.warnDeprecated(x, c.targetDeprecation(t))
				}
				return c.targetType(t)
			}
			if t, ok := c.moduleAttribute(dotted); ok {
				return t
			}
		}
	}
	if call, ok := c.isSuperCall(x.Value); ok {
		return c.superAttribute(x, call)
	}
	base := c.expr(x.Value)
	c.checkAttribute(x, base)
	c.checkFinalOnClassObject(x, base)
	if c.settings.Deprecated {
		if cls := classOfValue(base); cls != nil {
			c.warnDeprecated(x, c.memberDeprecation(cls, x.Attr, false))
		}
	}
	if t, ok := c.narrowedExpr(x); ok {
		return t // narrowed by a condition or an assignment
	}
	return c.member(base, x.Attr)
}

// member is the type of attribute name of a value of type base.
func (c *Checker) member(base types.Type, name string) types.Type {
	var inst *types.Instance
	switch b := base.(type) {
	case *types.Callable, *types.Overloaded:
		cls := typeObject(b)
		if cls == nil {
			return anyT()
		}
		return c.classMember(cls, specialization(b, cls), name)
	case *types.TypeType:
		switch item := b.Item.(type) {
		case *types.Instance:
			return c.classMember(item.Class, item.Args, name)
		case *types.Union:
			// type[A | B] is type[A] | type[B].
			parts := make([]types.Type, len(item.Items))
			for i, it := range item.Items {
				parts[i] = &types.TypeType{Item: it}
			}
			return c.member(types.SimplifiedUnion(parts...), name)
		case *types.TypeVar:
			if bound, ok := item.Bound.(*types.Instance); ok {
				// type[T]: the bound's class member, a class method
				// bound to type[T].
				return c.classMemberFrom(bound.Class, bound.Args, name, b)
			}
		}
		return anyT()
	case *types.Union:
		var ts []types.Type
		for _, it := range b.Items {
			ts = append(ts, c.member(it, name))
		}
		return types.SimplifiedUnion(ts...)
	case *types.Module:
		if t, ok := c.p.Resolve(b.Name, name); ok {
			return c.targetType(t)
		}
		if t, ok := c.moduleAttribute(b.Name + "." + name); ok {
			return t
		}
		return anyT()
	case *types.Instance:
		inst = b
		if inst.LastKnownValue != nil {
			inst = &types.Instance{Class: inst.Class, Args: inst.Args}
		}
	case *types.Tuple:
		inst = b.Fallback
	case *types.Literal:
		inst = b.Fallback
	case *types.TypeVar:
		// (Self in its class, T bound to a class): the bound's member,
		// a method bound to the type variable.
		bound, ok := b.Bound.(*types.Instance)
		if !ok {
			if b.Bound != nil {
				return c.member(b.Bound, name)
			}
			return anyT()
		}
		inst = bound
	}
	if inst == nil {
		return anyT()
	}
	return c.instanceMember(inst, base, name)
}

// instanceMember is attribute name of an instance (read from a value of
// type receiver, which a method's self binds to).
func (c *Checker) instanceMember(inst *types.Instance, receiver types.Type, name string) types.Type {
	base := receiver
	t, m, ok := types.MemberOf(inst, name)
	if !ok {
		return anyT()
	}
	if t == nil {
		t = c.implicitAttrOf(inst, m)
	}
	t = bindClassSelf(t, inst.Class, name, widen(receiver))
	if m.ClassVar && !m.IsMethod && !m.OnInstance && isSignature(t) && typeObject(t) == nil {
		// A class variable declared ClassVar[Callable[...]] is bound to
		// the instance it is read from, as a method is (mypy's analyze_var
		// binds what is no instance variable).
		return bind(c.bindSelf(t, base, false))
	}
	if !m.IsMethod && !m.OnInstance {
		t = c.descriptorGet(t, base, inst)
	}
	if m.IsProperty {
		var ret types.Type = anyT()
		if f, ok := c.bindSelf(t, base, false).(*types.Callable); ok {
			ret = f.Ret
		}
		t = ret
	} else if m.IsMethod {
		return bind(c.bindSelf(c.decoratedMethod(m, t), base, false))
	}
	if e, ok := c.enumAttribute(inst.Class, base, name, t); ok {
		return e
	}
	return t
}

// bindSelf solves the type variables a method's self (or a class
// method's cls) parameter mentions, `self: T` or Self, from the type of
// the receiver it is read from (an instance, or a class object when
// onClass), as mypy's bind_self. The variants of an overloaded method
// whose bound self type the receiver surely does not fit are left out,
// as mypy's check_self_arg does (unless none would be left); one variant
// left is the method's signature.
func (c *Checker) bindSelf(t, receiver types.Type, onClass bool) types.Type {
	var misfits map[*types.Callable]bool
	bound := types.MapSignatures(t, func(f *types.Callable) *types.Callable {
		b, recv := c.bindSelfOf(f, receiver, onClass)
		if b != f && len(b.Params) > 0 && judgeable(recv, true) && judgeable(b.Params[0].Type, false) &&
			!c.isSubtype(recv, b.Params[0].Type) {
			if misfits == nil {
				misfits = map[*types.Callable]bool{}
			}
			misfits[b] = true
		}
		return b
	})
	o, ok := bound.(*types.Overloaded)
	if !ok || len(misfits) == 0 || len(misfits) == len(o.Items) {
		return bound
	}
	var kept []*types.Callable
	for _, it := range o.Items {
		if !misfits[it] {
			kept = append(kept, it)
		}
	}
	if len(kept) == 1 {
		return kept[0]
	}
	return &types.Overloaded{Items: kept}
}

// bindSelfOf is bindSelf for one signature; it also returns the receiver
// as the self parameter takes it (the class object for a class method's
// cls).
func (c *Checker) bindSelfOf(f *types.Callable, receiver types.Type, onClass bool) (*types.Callable, types.Type) {
	if len(f.TypeVars) == 0 || len(f.Params) == 0 || f.Static {
		return f, receiver
	}
	first := f.Params[0].Type
	vars := map[*types.TypeVar]bool{}
	for _, tv := range f.TypeVars {
		if mentionsVar(first, tv) {
			vars[tv] = true
		}
	}
	if len(vars) == 0 {
		return f, receiver
	}
	recv := receiver
	if _, isType := first.(*types.TypeType); isType && f.ClassMethod && !onClass {
		recv = &types.TypeType{Item: receiver}
	}
	in := &inference{object: c.object(), member: c.member, vars: vars}
	in.match(first, recv, true)
	m, ok := c.solve(f.TypeVars, in.cs)
	if tv, isVar := first.(*types.TypeVar); (!ok || len(m) == 0) && isVar && len(vars) == 1 && selfOfSubclass(tv, recv) {
		// `self: Self` in a generic class: its bound mentions the
		// class's own type variables, which the receiver's class
		// fills; the receiver is the value of Self.
		m, ok = map[*types.TypeVar]types.Type{tv: recv}, true
	}
	if !ok || len(m) == 0 {
		return f, recv
	}
	b := types.Subst(f, m).(*types.Callable)
	b.TypeVars = nil
	for _, tv := range f.TypeVars {
		if _, done := m[tv]; !done {
			b.TypeVars = append(b.TypeVars, tv)
		}
	}
	return b, recv
}

// selfOfSubclass reports a receiver that is an instance of a subclass of
// the class a self type variable is bound to.
func selfOfSubclass(tv *types.TypeVar, recv types.Type) bool {
	b, ok := tv.Bound.(*types.Instance)
	r, isInst := recv.(*types.Instance)
	return ok && isInst && slices.Contains(r.Class.MRO, b.Class)
}

// decoratedMethod is a method member's type with its decorators applied
// (see decorated), in the module that defines it.
func (c *Checker) decoratedMethod(m *types.Member, t types.Type) types.Type {
	sig, ok := t.(*types.Callable)
	if !ok || !sig.Decorated {
		return t
	}
	def, ok := c.p.DecoratedDef(m)
	if !ok {
		return t
	}
	in := c
	if sig.Module != "" && sig.Module != c.m.Name {
		in = c.other(sig.Module)
	}
	return in.decorated(def, sig)
}

// bindClassSelf binds the Self of the class body that defines member name
// (its variables' x: Self) to the value it is read from.
func bindClassSelf(t types.Type, cls *types.Class, name string, receiver types.Type) types.Type {
	_, owner := cls.Lookup(name)
	if owner == nil || owner.SelfType == nil {
		return t
	}
	return types.Subst(t, map[*types.TypeVar]types.Type{owner.SelfType: receiver})
}

// specialization is the type arguments a class object was given (C[int]
// gives int), nil for the bare generic class.
func specialization(t types.Type, cls *types.Class) []types.Type {
	f, ok := t.(*types.Callable)
	if !ok || len(f.TypeVars) > 0 {
		return nil
	}
	if r, ok := f.Ret.(*types.Instance); ok && r.Class == cls && len(r.Args) == len(cls.TypeParams) {
		return r.Args
	}
	return nil
}

// classMember is an attribute of a class object, given the type
// arguments it was specialized with (nil for the bare class): a method
// unbound (generic in the class's type variables when the class is
// bare), a variable as declared, else an attribute of its metaclass.
func (c *Checker) classMember(cls *types.Class, args []types.Type, name string) types.Type {
	return c.classMemberFrom(cls, args, name, nil)
}

// classMemberFrom is classMember read from a value of type receiver (a
// type[T]) that a class method binds to; nil for the class itself.
func (c *Checker) classMemberFrom(cls *types.Class, args []types.Type, name string, receiver types.Type) types.Type {
	bare := args == nil && len(cls.TypeParams) > 0 && !cls.VariadicParams
	if len(args) != len(cls.TypeParams) {
		args = anyArgs(len(cls.TypeParams))
	}
	self := &types.Instance{Class: cls, Args: args}
	if m, _ := cls.Lookup(name); bare && m != nil && m.IsMethod && !m.IsProperty {
		self = &types.Instance{Class: cls, Args: classParams(cls)}
	}
	t, m, ok := types.MemberOf(self, name)
	if ok && cls.IsEnumMember(m) {
		return &types.Instance{Class: cls, LastKnownValue: &types.Literal{
			Value: types.LiteralValue{Kind: types.LitEnum, Str: name}, Fallback: &types.Instance{Class: cls}}}
	}
	if !ok {
		if cls.Metaclass != nil {
			// The metaclass's attribute, its methods bound to the class
			// object (EnumMeta's `__getitem__(cls: type[T], ...) -> T`).
			return c.instanceMember(cls.Metaclass, &types.TypeType{Item: self}, name)
		}
		return anyT()
	}
	if t == nil {
		return c.implicitAttrOf(self, m)
	}
	t = bindClassSelf(t, cls, name, self)
	if !m.IsMethod && !m.OnInstance {
		t = c.descriptorGet(t, nil, self)
	}
	if m.IsMethod {
		// A class method is bound to the class it is read from; read
		// from the bare generic class, a method is generic in the class's
		// type variables.
		if receiver == nil {
			receiver = &types.TypeType{Item: self}
		}
		t = c.bindSelf(t, receiver, true)
		return types.MapSignatures(t, func(f *types.Callable) *types.Callable {
			b := *f
			if f.ClassMethod && len(f.Params) > 0 {
				b.Params = b.Params[1:]
			}
			if bare && self.Args[0] == types.Type(cls.TypeParams[0]) {
				var own []*types.TypeVar
				for _, tv := range cls.TypeParams {
					if mentionsVar(&b, tv) && !slices.Contains(b.TypeVars, tv) {
						own = append(own, tv)
					}
				}
				b.TypeVars = append(own, b.TypeVars...)
			}
			return &b
		})
	}
	return t
}

// bind drops the self parameter of a method (of each overload variant).
func bind(t types.Type) types.Type {
	return types.MapSignatures(t, func(f *types.Callable) *types.Callable {
		b := *f
		if len(b.Params) > 0 && !f.Static && !f.IsEllipsis {
			b.Params = b.Params[1:]
		}
		return &b
	})
}

// classImportType is the type of a name a class body imports: a module,
// or the imported name's type (Any for a function, which mypy does not
// bind as a method: see checkClassImport).
func (c *Checker) classImportType(s *semanal.Symbol) types.Type {
	if s.Kind == semanal.ModuleRef {
		return c.targetType(semanal.Target{Module: s.Module})
	}
	t, found := c.p.Resolve(s.Module, s.Attr)
	if !found {
		if _, isModule := c.p.Modules[s.Module+"."+s.Attr]; isModule {
			return c.targetType(semanal.Target{Module: s.Module + "." + s.Attr})
		}
		return anyT()
	}
	if t.Sym != nil && t.Sym.Kind == semanal.Func {
		return anyT()
	}
	return c.targetType(t)
}

// implicitAttrOf is the inferred type of member m (see implicitAttr) read
// from an instance inst: the defining class's type variables mapped to
// inst's type arguments.
func (c *Checker) implicitAttrOf(inst *types.Instance, m *types.Member) types.Type {
	t := c.implicitAttr(m)
	_, owner := inst.Class.Lookup(m.Name)
	if view := types.MapToSuper(inst, owner); view != nil {
		t = types.Subst(t, types.Bindings(view))
	}
	return t
}

// implicitAttr infers the type of an attribute a method assigns through
// self, from the assigned value in that method (once; the member keeps it
// for this check only through the cache of the inference), in the terms of
// the class that defines it.
func (c *Checker) implicitAttr(m *types.Member) types.Type {
	if t, ok := c.attrs[m]; ok {
		return t
	}
	if s, ok := c.p.ClassImport(m); ok {
		return c.classImportType(s)
	}
	a, ok := c.p.Implicit(m)
	if !ok || c.inferringAttr[m] {
		return anyT()
	}
	if a.Method != nil && !a.Method.IsAnnotated() && !c.checkUntyped {
		return &types.Any{Reason: types.AnyUnannotated} // as mypy: unchecked method
	}
	if a.Module != c.m.Name {
		return c.other(a.Module).implicitAttr(m)
	}
	if a.Method != nil && c.recording == a.Method {
		return anyT() // read in the walk of its method before it is assigned
	}
	if a.Method != nil && !c.attrWalks[a.Method] {
		// The first read of an attribute a method assigns walks that
		// method, quietly, to learn the type each of its assignments
		// gives, under the narrowing in force there.
		c.walkForAttrs(a)
		if t, ok := c.attrs[m]; ok {
			return t
		}
	}
	c.inferringAttr[m] = true
	defer delete(c.inferringAttr, m)
	saved := c.frames
	c.frames = nil // a class variable's value is read in the module's scope
	if a.Method != nil {
		sig := c.p.Signature(a.Module, a.Class, a.Method)
		fr := &frame{vars: newVars(), checked: true}
		for _, p := range sig.Params {
			fr.vars.declared[p.Name] = p.Type
		}
		c.frames = []*frame{fr}
		c.guardsBefore(a.Method.Body, a.Value)
	}
	t := c.exprQuiet(a.Value)
	if a.Part != nil {
		t = c.partType(a.Target, a.Part, a.Value, t)
	}
	if !a.Final && m.Name != "__match_args__" { // (whose str literals class patterns read, as mypy keeps them)
		t = widen(t)
	}
	c.frames = saved
	if c.attrs == nil {
		c.attrs = map[*types.Member]types.Type{}
	}
	c.attrs[m] = t
	return t
}

// walkForAttrs walks the method that assigns an implicit attribute, once
// and reporting nothing, so that recordAttr gives each attribute the
// method is the first to assign the type of its value there. The walk
// leaves the checker's state as it found it.
func (c *Checker) walkForAttrs(a semanal.ImplicitAttr) {
	if c.attrWalks == nil {
		c.attrWalks = map[*ast.FunctionDef]bool{}
	}
	c.attrWalks[a.Method] = true
	saved := *c
	c.frames, c.certainOf, c.calleeOf = nil, map[ast.Expr]bool{}, map[*ast.Call]types.Type{}
	c.exprStmts, c.elseImpossible, c.rec, c.recorded = nil, nil, nil, nil
	c.valueUnused, c.partialReceiver = nil, ""
	c.recording = a.Method
	c.quiet++
	c.function(a.Method, a.Class)
	attrs, walks, completed := c.attrs, c.attrWalks, c.attrsCompleted
	*c = saved // (the diagnostics of the walk are dropped with it)
	c.attrs, c.attrWalks, c.attrsCompleted = attrs, walks, completed
}

// recordAttr records, in the quiet walk of a method (walkForAttrs), the
// type an assignment `self.x = value` gives an attribute the method is
// the first to assign (the part of the value for `self.x, self.y = ...`).
func (c *Checker) recordAttr(target *ast.Attribute, value ast.Expr, t types.Type) {
	if c.recording == nil || c.top() == nil || c.top().class == nil {
		return
	}
	m, ok := c.top().class.Members[target.Attr]
	if !ok {
		return
	}
	a, ok := c.p.Implicit(m)
	if !ok || a.Method != c.recording || a.Part != nil && a.Part != target {
		return
	}
	if a.Part == nil && a.Value != value {
		// An attribute first assigned None is completed by the method's
		// next assignment of it, as mypy completes a partial None type:
		// it is what that assigns, or None.
		if t0, done := c.attrs[m]; done && !c.attrsCompleted[m] {
			if _, isNone := t0.(*types.NoneType); isNone {
				if c.attrsCompleted == nil {
					c.attrsCompleted = map[*types.Member]bool{}
				}
				c.attrsCompleted[m] = true
				c.attrs[m] = types.SimplifiedUnion(widen(forgetTruth(t)), t0)
			}
		}
		return
	}
	if _, done := c.attrs[m]; done {
		return
	}
	if c.attrs == nil {
		c.attrs = map[*types.Member]types.Type{}
	}
	c.attrs[m] = widen(forgetTruth(t))
}

// guardsBefore applies the narrowing of the guards that come before the
// top-level statement holding value in a method's body: `assert x is not
// None`, and an `if` with no else whose body always leaves (`if x is None:
// raise ...`), so that `self.x = x` after them gets the narrowed type, as
// mypy infers it.
func (c *Checker) guardsBefore(body []ast.Stmt, value ast.Expr) {
	line := value.Pos().Lineno
	for _, s := range body {
		if sp := s.Pos(); sp.Lineno <= line && line <= sp.EndLineno {
			return
		}
		switch x := s.(type) {
		case *ast.Assert:
			ifTrue, _ := c.condition(x.Test)
			c.apply(ifTrue)
		case *ast.If:
			if len(x.Orelse) == 0 && blockLeaves(x.Body) {
				_, ifFalse := c.condition(x.Test)
				c.apply(ifFalse)
			}
		}
	}
}

// typeObject is the class a class object stands for (its constructor's
// type may be overloaded), or nil.
func typeObject(t types.Type) *types.Class {
	switch f := t.(type) {
	case *types.Callable:
		return f.TypeObject
	case *types.Overloaded:
		if len(f.Items) > 0 {
			return f.Items[0].TypeObject
		}
	}
	return nil
}

// other returns a checker for another module, to infer the types of its
// variables where this module reads them (quietly: it reports nothing).
func (c *Checker) other(module string) *Checker {
	if o, ok := c.others[module]; ok {
		return o
	}
	m := c.p.Module(module)
	if m == nil {
		return c // not a loaded module: infer where we are
	}
	o := &Checker{p: c.p, m: m, module: newVars(), lazy: map[string]types.Type{}, inferring: map[string]bool{},
		reach: c.reach, inferringAttr: map[*types.Member]bool{}, decorating: map[*ast.FunctionDef]bool{}, others: c.others}
	c.others[module] = o
	return o
}

// moduleAttribute types `m.attr` when attr is not defined in module m
// itself: the implicit module attributes (__name__, ...), or what m's
// __getattr__ returns.
func (c *Checker) moduleAttribute(dotted string) (types.Type, bool) {
	i := strings.LastIndexByte(dotted, '.')
	if i < 0 {
		return nil, false
	}
	base, attr := dotted[:i], dotted[i+1:]
	t, ok := c.p.ResolveDotted(c.m.Name, base)
	if !ok || t.Module == "" {
		return nil, false
	}
	switch attr {
	case "__name__", "__file__", "__package__":
		return c.builtinInstance("str"), true
	}
	g, ok := c.p.Resolve(t.Module, "__getattr__")
	if !ok || g.Sym == nil || g.Sym.Kind != semanal.Func {
		return nil, false
	}
	if sig, ok := c.p.FuncType(g.Owner, g.Sym).(*types.Callable); ok {
		return sig.Ret, true
	}
	return nil, false
}

// descriptorGet is what reading an attribute whose value is a descriptor
// gives: its __get__ called with the instance it is read through
// (receiver) and its class, or with None and the class (owner) when it is
// read from the class (receiver nil).
func (c *Checker) descriptorGet(t, receiver types.Type, owner *types.Instance) types.Type {
	inst, ok := t.(*types.Instance)
	if !ok {
		return t
	}
	get, m, ok := types.MemberOf(inst, "__get__")
	if !ok || !m.IsMethod || get == nil {
		return t
	}
	get = c.bindSelf(get, inst, false)
	if receiver == nil {
		return c.callResult(bind(get), positional(&types.NoneType{}, &types.TypeType{Item: owner}))
	}
	return c.callResult(bind(get), positional(receiver, &types.TypeType{Item: owner}))
}

// checkClassImport reports a function a class body imports, which mypy
// does not support (it would not be bound as a method).
func (c *Checker) checkClassImport(x *ast.ImportFrom, base string) {
	if !c.checked() {
		return
	}
	for _, a := range x.Names {
		if a.Name == "*" {
			continue
		}
		if t, found := c.p.Resolve(base, a.Name); found && t.Sym != nil && t.Sym.Kind == semanal.Func {
			c.report(&x.Span, diag.Error, diag.CodeMisc, diag.UnsupportedClassScopedImport)
			return
		}
	}
}
