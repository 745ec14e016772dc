package check

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/semanal"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkAttribute reports reading an attribute that the value's class does
// not have, as mypy does: `"A" has no attribute "x"` ([attr-defined]), with
// `; maybe "y"?` when the class itself has close names, and for a union
// `Item "None" of "A | None" has no attribute "x"` ([union-attr]). It
// judges only instances of classes whose members are all known (see
// knownMembers).
func (c *Checker) checkAttribute(x *ast.Attribute, base types.Type) {
	if !c.checked() || !c.certain(x.Value) {
		return
	}
	if dotted := ast.DottedName(x.Value); dotted != "" {
		if _, proven := c.scopeVars().narrowed.get("hasattr:" + dotted + "." + x.Attr); proven {
			return // hasattr() said so
		}
	}
	if mod, ok := base.(*types.Module); ok {
		c.checkModuleAttribute(x, mod)
		return
	}
	if cls := classObjectOf(base); cls != nil {
		c.checkClassAttribute(x, cls, base)
		c.checkGenericClassVariable(x, cls, typeObject(base) != nil)
		return
	}
	if !judgeable(base, false) || c.partialNone(x.Value, base) {
		return
	}
	o := c.formatOptions()
	if u, ok := base.(*types.Union); ok {
		for _, it := range u.Items {
			if _, isNone := it.(*types.NoneType); isNone && !c.strictOptional {
				continue // None has every attribute without strict optional
			}
			if c.lacksMethod(it, x.Attr) {
				l, r := types.FormatPair(it, base, o)
				c.report(&x.Span, diag.Error, diag.CodeUnionAttr, fmt.Sprintf(diag.UnionItemHasNoAttribute, l, r, x.Attr))
			}
		}
		return
	}
	if c.lacksMethod(base, x.Attr) {
		shown := base
		if i, ok := base.(*types.Instance); ok && strings.HasPrefix(i.Class.Name, "<callable subtype of ") {
			shown = i.Class.Bases[0] // mypy names the class callable() narrowed
		}
		msg := fmt.Sprintf(diag.HasNoAttribute, types.Format(shown, o), x.Attr)
		if sug := closeMembers(base, x.Attr); len(sug) > 0 {
			msg += "; maybe " + diag.PrettySeq(sug, "or") + "?"
		}
		c.report(&x.Span, diag.Error, diag.CodeAttrDefined, msg)
	}
}

// checkModuleAttribute reports reading a name a module does not have, as
// mypy does: `Module has no attribute "x"` ([attr-defined]), with `;
// maybe "y"?` for close public names of the module or of
// types.ModuleType. A module with __getattr__, or with a star import
// whose module is not in the program (what it binds is unknown), has
// every attribute; a name the module binds (whatever it resolves to), a
// submodule the program loaded (as mypy, whichever module imported it) or
// an import named but the program did not load (Any) is there.
func (c *Checker) checkModuleAttribute(x *ast.Attribute, mod *types.Module) {
	name := x.Attr
	table := c.p.Modules[mod.Name]
	if table == nil || table.HasGetattr || table.Names[name] != nil || slices.Contains(semanal.ImplicitModuleAttrs, name) {
		return
	}
	if sub := mod.Name + "." + name; c.p.Modules[sub] != nil || c.p.Unloaded(sub) {
		return
	}
	for _, star := range table.StarImports {
		if c.p.Modules[star] == nil {
			return
		}
	}
	if _, ok := c.p.Resolve(mod.Name, name); ok {
		return // (through its star imports)
	}
	alternatives := map[string]bool{}
	if mod.Fallback != nil {
		if _, _, ok := types.MemberOf(mod.Fallback, name); ok {
			return
		}
		for _, k := range mod.Fallback.Class.MRO {
			for n := range k.Members {
				alternatives[n] = true
			}
		}
	}
	for n := range c.p.Exports(mod.Name) {
		alternatives[n] = true
	}
	msg := fmt.Sprintf(diag.ModuleHasNoAttribute, name)
	if sug := diag.BestMatches(name, slices.Sorted(maps.Keys(alternatives)), 3); len(sug) > 0 {
		msg += "; maybe " + diag.PrettySeq(sug, "or") + "?"
	}
	c.report(&x.Span, diag.Error, diag.CodeAttrDefined, msg)
}

// classObjectOf is the class a value is the class object of (a class
// named, a type[C], a type[T] of a type variable bound to C), or nil.
func classObjectOf(t types.Type) *types.Class {
	if cls := typeObject(t); cls != nil {
		return cls
	}
	tt, ok := t.(*types.TypeType)
	if !ok {
		return nil
	}
	item := tt.Item
	if tv, ok := item.(*types.TypeVar); ok {
		item = tv.Bound
	}
	if inst, ok := item.(*types.Instance); ok {
		return inst.Class
	}
	return nil
}

// checkClassAttribute reports an attribute of a class object (base, of
// class cls) that neither the class nor its metaclass has, when all their
// members are known, and an instance-only attribute read from the class.
func (c *Checker) checkClassAttribute(x *ast.Attribute, cls *types.Class, base types.Type) {
	meta := c.p.ModuleClass("builtins", "type")
	if cls.Metaclass != nil {
		meta = cls.Metaclass.Class
	}
	if meta == nil || cls.MetaclassUnknown || specialModules[cls.Module] || !knownMembers(cls) || !knownMembers(meta) {
		return
	}
	if m, _ := cls.Lookup(x.Attr); m != nil {
		if m.OnInstance && !m.Final && !definedInBase(cls, x.Attr) {
			c.report(&x.Span, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.InstanceOnlyAttribute, x.Attr))
		}
		return
	}
	if m, _ := meta.Lookup(x.Attr); m != nil {
		return
	}
	var shown string
	if tt, ok := base.(*types.TypeType); ok {
		shown = types.Format(tt, c.formatOptions()) // type[C], type[T]
	} else {
		shown = types.Format(&types.TypeType{Item: &types.Instance{Class: cls}}, c.formatOptions())
	}
	c.report(&x.Span, diag.Error, diag.CodeAttrDefined, fmt.Sprintf(diag.HasNoAttribute, shown, x.Attr))
}

// definedInBase reports a name one of a class's bases has (mypy's
// defined_in_superclass).
func definedInBase(cls *types.Class, name string) bool {
	for _, k := range cls.MRO[1:] {
		if _, ok := k.Members[name]; ok {
			return true
		}
	}
	return false
}

// checkGenericClassVariable reports a variable read from a generic class
// object whose declared type mentions the class's type variables, which
// mypy calls ambiguous (C[int].x is C.x at run time): named (not a type[C]
// value, such as a class method's cls), or assigned through self.
func (c *Checker) checkGenericClassVariable(x *ast.Attribute, cls *types.Class, named bool) {
	m, owner := cls.Lookup(x.Attr)
	if m == nil || m.IsMethod || len(owner.TypeParams) == 0 {
		return
	}
	t := m.TypeOf()
	implicit := false
	if t == nil {
		if _, ok := c.p.Implicit(m); !ok {
			return
		}
		t, implicit = c.implicitAttr(m), m.OnInstance
	}
	if !named && !implicit {
		return
	}
	if !types.Contains(t, func(u types.Type) bool {
		tv, ok := u.(*types.TypeVar)
		return ok && slices.ContainsFunc(owner.TypeParams, func(p *types.TypeVar) bool { return types.SameTypeVar(p, tv) })
	}) {
		return
	}
	if m.ClassVar {
		c.report(&x.Span, diag.Error, diag.CodeMisc, diag.GenericClassVariableAccess)
		return
	}
	c.report(&x.Span, diag.Error, diag.CodeMisc, diag.GenericInstanceVariableViaClass)
}

// commonMistakes are the names mypy suggests for a missing attribute
// before the close ones.
var commonMistakes = map[string][]string{"add": {"append", "extend"}}

// closeMembers are the names mypy suggests for a missing attribute of an
// instance: common mistakes, then up to three close names among those its
// class itself defines.
func closeMembers(t types.Type, name string) []string {
	inst, ok := t.(*types.Instance)
	if !ok {
		return nil
	}
	var names []string
	for n := range inst.Class.Members {
		if n != name {
			names = append(names, n)
		}
	}
	var out []string
	for _, m := range commonMistakes[name] {
		if _, ok := inst.Class.Members[m]; ok {
			out = append(out, m)
		}
	}
	out = append(out, diag.BestMatches(name, names, 3)...)
	switch {
	case name == "__aiter__" && len(out) == 1 && out[0] == "__iter__",
		name == "__anext__" && len(out) == 1 && out[0] == "__next__":
		return nil
	}
	return out
}

// knownMembers reports whether the members of a class's instances are all
// written in its body and its bases': not derived from Any, not decorated
// (a dataclass may add members), no __getattr__ or __getattribute__ of its
// own, not a TypedDict or named tuple. (A metaclass gives the class object
// members, not its instances.)
func knownMembers(cls *types.Class) bool {
	for _, k := range cls.MRO {
		if k.AnyBase || k.Decorated || k.UnmodelledTypedDict() || k.UnknownMembers {
			return false
		}
		if k.FullName == "builtins.object" {
			continue
		}
		if _, ok := k.Members["__getattr__"]; ok {
			return false
		}
		if _, ok := k.Members["__getattribute__"]; ok {
			return false
		}
	}
	return true
}

// checkAttributeAssign reports what mypy reports of an assignment to an
// attribute (`obj.x = value`), of an instance or a class object whose
// class's members are all known: a name the class does not have
// ([attr-defined]), a method ("Cannot assign to a method" [method-assign],
// then the value against the method's type), and a value the attribute's
// declared type does not accept ([assignment]). An attribute a method
// assigns through self without an annotation is judged only where its
// type needs no inference typd may lack (see plainlyInferred); a module's
// variable, against its declared type or first literal (see
// plainModuleVariable), and a name the module lacks as a read of it is.
func (c *Checker) checkAttributeAssign(target *ast.Attribute, value ast.Expr, t types.Type) {
	if !c.checked() || !c.certain(target.Value) {
		return
	}
	base := c.exprQuiet(target.Value)
	if mod, ok := base.(*types.Module); ok {
		variable, ok := c.p.Resolve(mod.Name, target.Attr)
		if ok && isFinalSymbol(variable) {
			c.report(&target.Span, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.CannotAssignToFinalName, target.Attr))
			return
		}
		if ok && plainModuleVariable(variable) {
			c.checkAssignment(value, t, c.targetType(variable))
		}
		if !ok {
			c.checkModuleAttribute(target, mod) // (a name it lacks, as a read)
		}
		return
	}
	var cls *types.Class
	onClass := false
	switch b := base.(type) {
	case *types.Instance:
		cls = b.Class
	case *types.TypeVar:
		if bound, ok := b.Bound.(*types.Instance); ok {
			cls = bound.Class // self: Self
		}
	default:
		if k := classObjectOf(base); k != nil {
			cls, onClass = k, true
		}
	}
	if cls == nil || !knownMembers(cls) || !judgeableClass(cls) {
		return
	}
	m, owner := cls.Lookup(target.Attr)
	if m != nil && m.IsProperty && !onClass {
		c.warnDeprecated(target, c.memberDeprecation(cls, target.Attr, true))
	}
	if m == nil {
		if onClass || cls.IsIntersection || c.hasOwnSetattr(cls) && c.assignThroughSetattr(base, cls, value, t) {
			return
		}
		c.report(&target.Span, diag.Error, diag.CodeAttrDefined,
			fmt.Sprintf(diag.HasNoAttribute, types.Format(base, c.formatOptions()), target.Attr))
		return
	}
	if !onClass && cls.Slots != nil && !cls.Slots[target.Attr] && !c.hasOwnSetattr(cls) && !c.assignableSlot(m, cls, target.Attr) {
		c.report(&target.Span, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.NotInSlots, target.Attr, cls.FullName))
	}
	if owner.FullName == "builtins.object" {
		return
	}
	// (An inherited field without a declared type, which a frozen attrs
	// subclass would own, is not judged.)
	if m.ReadOnly && !onClass && (owner == cls || m.Type != nil) {
		c.report(&target.Span, diag.Error, diag.CodeMisc,
			fmt.Sprintf(diag.PropertyReadOnly, target.Attr, owner.Name))
		return
	}
	if onClass && m.NestedClass {
		c.report(&target.Span, diag.Error, diag.CodeMisc, diag.CannotAssignToAType)
	}
	if !onClass && c.isClassVar(cls, target.Attr) {
		c.report(&target.Span, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.CannotAssignToClassVariable, target.Attr))
		return
	}
	if m.Final && onClass && m.OnInstance {
		c.report(&target.Span, diag.Error, diag.CodeMisc,
			fmt.Sprintf(diag.FinalInstanceAttributeOnClass, target.Attr))
	}
	if !m.Final {
		// A name that overrides a base's Final (an error of its own) is
		// final all the same; a read-only property that does is read-only
		// too.
		for _, k := range cls.MRO {
			if bm, ok := k.Members[target.Attr]; ok && bm.Final {
				if m.IsProperty && !m.Settable && !onClass {
					c.checkFinalAttribute(target, bm, k)
					c.report(&target.Span, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.PropertyReadOnly, target.Attr, owner.Name))
					return
				}
				m, owner = bm, k
				break
			}
		}
	}
	if m.Final || owner != nil && owner.IsEnumMember(m) {
		c.checkFinalAttribute(target, m, owner) // (an enum's members are final)
	}
	switch {
	case m.IsProperty && !onClass:
		declared, settable := c.p.PropertySetterType(owner.Module, owner, m)
		if !settable {
			c.report(&target.Span, diag.Error, diag.CodeMisc,
				fmt.Sprintf(diag.PropertyReadOnly, target.Attr, owner.Name))
			return
		}
		if inst, ok := base.(*types.Instance); ok {
			if view := types.MapToSuper(inst, owner); view != nil {
				declared = types.Subst(declared, types.Bindings(view))
			}
		}
		if !hasTypeVars(declared) {
			c.checkAssignment(value, t, declared)
		}
	case m.IsProperty:
		return // a class object's property is the property object
	case m.IsMethod:
		c.report(&target.Span, diag.Error, diag.CodeMethodAssign, diag.CannotAssignToAMethod)
		declared := m.TypeOf()
		if f, ok := declared.(*types.Callable); !onClass || ok && (f.ClassMethod || f.Static) {
			declared = c.member(base, target.Attr) // bound as read (a class method to its class)
		}
		c.checkAssignment(value, t, declared)
	case m.Type != nil && !c.isImplicit(m):
		c.checkAssignment(value, t, c.member(base, target.Attr))
	case c.plainlyInferred(m, owner, value):
		// Another assignment than the one that typed the attribute.
		c.checkAssignment(value, t, c.member(base, target.Attr))
	}
}

// plainModuleVariable reports a module's variable whose type needs no
// inference typd may lack: declared, or first bound to a literal other
// than None (a module's attribute assigned from outside is judged
// against it, as mypy does).
func plainModuleVariable(t semanal.Target) bool {
	s := t.Sym
	if s == nil || s.Kind != semanal.Var || t.Module != "" {
		return false
	}
	if s.Annotation != nil {
		return true
	}
	first, ok := s.First.(*ast.Assign)
	if !ok || len(first.Targets) != 1 || first.Value != s.Value {
		return false // (bound otherwise first, or assigned again)
	}
	if n, ok := first.Targets[0].(*ast.Name); !ok || n.ID != s.Name {
		return false
	}
	k, ok := first.Value.(*ast.Constant)
	return ok && k.Value.Kind != ast.NoneValue && k.Value.Kind != ast.EllipsisValue
}

// assignableSlot reports a member a class without a slot for it may
// still assign, as mypy's is_assignable_slot: a property, a method, a
// class variable that is Any, callable or a descriptor with __set__ (an
// attribute typed by an assignment through self is not). A class
// variable's type not declared is its value's, as the class object shows
// it.
func (c *Checker) assignableSlot(m *types.Member, cls *types.Class, name string) bool {
	if m.IsProperty || m.IsMethod {
		return true
	}
	var ok func(t types.Type) bool
	ok = func(t types.Type) bool {
		switch x := t.(type) {
		case *types.Any, *types.Callable, *types.Overloaded:
			return true
		case *types.Instance:
			set, _ := x.Class.Lookup("__set__")
			return set != nil
		case *types.Union:
			for _, it := range x.Items {
				if !ok(it) {
					return false
				}
			}
			return true
		}
		return false
	}
	if m.OnInstance {
		return false
	}
	t := m.TypeOf()
	if t == nil {
		c.quietly(func() {
			t = c.member(&types.TypeType{Item: &types.Instance{Class: cls, Args: anyArgs(len(cls.TypeParams))}}, name)
		})
	}
	return t != nil && ok(t)
}

// plainlyInferred reports an attribute (of class owner) typed by its
// first assignment, through self in a method or in the class body, whose
// value's type does not depend on inference typd may lack (a literal
// other than None, a parameter of the method declared with a type, a call
// of a plain function or of a plain class: see plainCall), when value is
// not that first assignment's. A method's is annotated, or its body
// checked (--check-untyped-defs).
func (c *Checker) plainlyInferred(m *types.Member, owner *types.Class, value ast.Expr) bool {
	a, ok := c.p.Implicit(m)
	if !ok || a.Value == value || a.Target != nil || a.Final {
		return false
	}
	if a.Method != nil && (!a.Method.IsAnnotated() && !c.checkUntyped || a.Class == nil || definedInBase(a.Class, m.Name)) {
		return false // (a base's declaration is what mypy checks against)
	}
	if a.Method == nil && (owner == nil || definedInBase(owner, m.Name) || owner.IsEnumMember(m)) {
		return false
	}
	switch v := a.Value.(type) {
	case *ast.Constant:
		return v.Value.Kind != ast.NoneValue && v.Value.Kind != ast.EllipsisValue
	case *ast.Name:
		if a.Method == nil {
			return false
		}
		for _, p := range append(append([]*ast.Arg{}, a.Method.Args.Posonlyargs...), a.Method.Args.Args...) {
			if p.Arg == v.ID && p.Annotation != nil {
				return true
			}
		}
	case *ast.Call:
		return c.plainCall(a, v)
	}
	return false
}

// plainCall reports a call, in the method or class body that assigns
// attribute a, whose result's type needs no inference: of a function or a
// class the module defines or imports (by name or as a module's
// attribute, not shadowed in the method): a function neither generic,
// overloaded nor decorated, whose return type is fully modelled; a class
// not generic, whose instances its metaclass and __new__ leave as they are
// (see constructsPlainly).
func (c *Checker) plainCall(a semanal.ImplicitAttr, call *ast.Call) bool {
	dotted := ast.DottedName(call.Func)
	if dotted == "" {
		return false
	}
	first, _, _ := strings.Cut(dotted, ".")
	if a.Method != nil {
		for _, p := range a.Method.Args.All() {
			if p.Arg == first {
				return false
			}
		}
		if _, local := c.p.ScopeNames(a.Module, a.Method)[first]; local {
			return false
		}
	} else if a.Class != nil || strings.Contains(dotted, ".") {
		return false
	}
	t, ok := c.p.ResolveDotted(a.Module, dotted)
	if !ok || t.Sym == nil {
		return false
	}
	switch t.Sym.Kind {
	case semanal.Class:
		return constructsPlainly(c.p.Class(t.Owner, t.Sym))
	case semanal.Func:
		if len(t.Sym.Variants) > 0 {
			return false
		}
		sig, ok := c.p.FuncType(t.Owner, t.Sym).(*types.Callable)
		return ok && !sig.Decorated && len(sig.TypeVars) == 0 && judgeable(sig.Ret, false) && !hasTypeVars(sig.Ret)
	}
	return false
}

// constructsPlainly reports a class whose call surely gives a plain
// instance of it: not generic, known whole (plainClass), its metaclass
// type's and its __new__ object's.
func constructsPlainly(cls *types.Class) bool {
	if cls == nil || len(cls.TypeParams) > 0 || cls.VariadicParams || !plainClass(cls) || !knownMembers(cls) ||
		cls.Metaclass != nil || cls.MetaclassUnknown || cls.IsTypedDict || cls.IsNamedTuple || cls.TupleBase != nil {
		return false
	}
	_, owner := cls.Lookup("__new__")
	return owner == nil || owner.FullName == "builtins.object"
}

// isImplicit reports an attribute typed by inference from its first
// assignment through self.
func (c *Checker) isImplicit(m *types.Member) bool {
	_, ok := c.p.Implicit(m)
	return ok
}

// assignThroughSetattr judges the assignment of an attribute that an
// instance of cls (base) lacks, when its class defines __setattr__, as
// mypy's member access does: the value must fit the last parameter of
// __setattr__ bound to the instance. It reports false when that leaves
// the attribute missing: __setattr__ is not a method (a variable), or
// takes nothing once bound. What typd cannot bind plainly (an overloaded
// __setattr__, one with type variables left) takes any value.
func (c *Checker) assignThroughSetattr(base types.Type, cls *types.Class, value ast.Expr, t types.Type) bool {
	m, _ := cls.Lookup("__setattr__")
	if !m.IsMethod {
		return false
	}
	bound, ok := c.member(base, "__setattr__").(*types.Callable)
	if !ok || len(bound.TypeVars) > 0 || bound.IsEllipsis {
		return true
	}
	if len(bound.Params) == 0 {
		return false
	}
	last := bound.Params[len(bound.Params)-1]
	if last.Kind == types.ArgPos && judgeable(last.Type, false) && !hasTypeVars(last.Type) {
		c.checkAssignment(value, t, last.Type)
	}
	return true
}

// hasOwnSetattr reports a class that defines __setattr__ (object's aside):
// any attribute may be assigned.
func (c *Checker) hasOwnSetattr(cls *types.Class) bool {
	_, owner := cls.Lookup("__setattr__")
	return owner != nil && owner.FullName != "builtins.object"
}
