package types

import (
	"slices"
	"sort"
)

// excludedProtocolNames are the names a protocol class body may define
// that are not members it requires (mypy's list).
var excludedProtocolNames = map[string]bool{
	"__abstractmethods__": true, "__annotations__": true, "__dict__": true, "__doc__": true, "__init__": true,
	"__module__": true, "__new__": true, "__slots__": true, "__subclasshook__": true, "__weakref__": true,
	"__class_getitem__": true,
}

// ProtocolMembers are the names of the members a protocol class requires,
// sorted: those it and the protocols it derives from define.
func ProtocolMembers(proto *Class) []string {
	var names []string
	for _, k := range proto.MRO {
		if !k.IsProtocol {
			continue
		}
		for name := range k.Members {
			if !excludedProtocolNames[name] && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	return names
}

// SameTypeVar reports whether two type variables are the same one.
func SameTypeVar(a, b *TypeVar) bool {
	return a == b || a.FullName == b.FullName && a.ID == b.ID
}

// memberView is a member as a protocol compares it: its type as read from
// a value (a method bound, a property's value; nil when it is not known
// and so not compared) and mypy's member flags.
type memberView struct {
	t Type
	// settable: a variable that is not Final, or a property with a
	// setter; variable: a variable or a property.
	settable, variable bool
	classVar           bool
	classOrStatic      bool
}

// protocolMember finds member name of an instance as a protocol compares
// it, self being the value it is read from; ok is false when the
// instance's class does not have it.
func (s *subtyping) protocolMember(inst *Instance, name string, self Type) (v memberView, ok bool) {
	t, m, found := MemberOf(inst, name)
	if _, owner := inst.Class.Lookup(name); found && t != nil && owner.SelfType != nil {
		t = Subst(t, map[*TypeVar]Type{owner.SelfType: self}) // the class body's Self
	}
	_, setattrOwner := inst.Class.Lookup("__setattr__")
	setattr := setattrOwner != nil && setattrOwner.FullName != "builtins.object"
	if !found {
		if g, gm, found := MemberOf(inst, "__getattr__"); found && !gm.IsProperty {
			if f, isFunc := g.(*Callable); isFunc && !f.Decorated {
				return memberView{t: f.Ret, variable: true, settable: setattr}, true
			}
			return memberView{variable: true, settable: setattr}, true
		}
		for _, k := range inst.Class.MRO {
			if k.AnyBase || k.UnknownMembers || k.Decorated {
				return memberView{variable: true, settable: true}, true // members not all known
			}
		}
		return memberView{}, false
	}
	v.classVar = m.ClassVar && !isDescriptor(t)
	switch {
	case m.IsProperty:
		v.variable, v.settable = true, m.Settable || setattr
		if f, isFunc := t.(*Callable); isFunc {
			if b, isBound := bindTo(f, self).(*Callable); isBound {
				v.t = b.Ret
			}
		}
	case m.IsMethod:
		if f, isFunc := t.(*Callable); isFunc {
			v.classOrStatic = f.Static || f.ClassMethod
			if f.Decorated {
				return v, true
			}
		}
		if o, isOverloaded := t.(*Overloaded); isOverloaded && len(o.Items) > 0 {
			v.classOrStatic = o.Items[0].Static || o.Items[0].ClassMethod
		}
		v.t = bindTo(t, self)
	case m.NestedClass:
		v.t = t // a class object: neither a variable nor settable
	default:
		v.variable, v.settable = true, !m.Final
		switch {
		case s.members != nil:
			v.t = s.members(inst, m, t)
		case t != nil && !isDescriptor(t):
			v.t = t
		}
	}
	return v, true
}

// isDescriptor reports an instance of a class with __get__.
func isDescriptor(t Type) bool {
	inst, ok := t.(*Instance)
	if !ok {
		return false
	}
	m, _ := inst.Class.Lookup("__get__")
	return m != nil
}

// bindTo binds a method read from a value of type self: the type
// variables its self (or cls) parameter stands for become self's type,
// and that parameter goes.
func bindTo(t Type, self Type) Type {
	return MapSignatures(t, func(f *Callable) *Callable {
		if f.Static || f.IsEllipsis || len(f.Params) == 0 {
			return f
		}
		first := f.Params[0].Type
		if tt, ok := first.(*TypeType); ok && f.ClassMethod {
			first = tt.Item
		}
		b := *f
		if tv, ok := first.(*TypeVar); ok && slices.ContainsFunc(f.TypeVars, func(v *TypeVar) bool { return v == tv }) {
			b = *Subst(f, map[*TypeVar]Type{tv: self}).(*Callable)
			b.TypeVars = slices.DeleteFunc(slices.Clone(f.TypeVars), func(v *TypeVar) bool { return v == tv })
		}
		b.Params = b.Params[1:]
		return &b
	})
}

// memberCheck is how one protocol member fares on a value.
type memberCheck struct {
	missing bool
	// got and want are the member's types on the value and in the
	// protocol when they conflict (both nil otherwise).
	got, want Type
	// sub and super are the member's flags on each side.
	sub, super memberView
}

// flagsConflict reports whether the value's member has flags the
// protocol's does not allow (mypy's get_bad_protocol_flags).
func (m memberCheck) flagsConflict() bool {
	sub, super := m.sub, m.super
	return sub.classVar && !super.classVar && super.settable || super.classVar && !sub.classVar ||
		super.settable && !sub.settable || super.classOrStatic && !sub.classOrStatic
}

// checkMember compares member name of a value (inst, read as self) with
// the protocol's.
func (s *subtyping) checkMember(inst *Instance, self Type, proto *Instance, name string) memberCheck {
	super, _ := s.protocolMember(proto, name, self)
	sub, ok := s.protocolMember(inst, name, self)
	if !ok {
		return memberCheck{missing: true}
	}
	mc := memberCheck{sub: sub, super: super}
	if sub.t == nil || super.t == nil {
		return mc
	}
	saved := s.ignorePosNames
	s.ignorePosNames = name != "__call__"
	fits := s.isSubtype(sub.t, super.t)
	s.ignorePosNames = saved
	if _, isNone := sub.t.(*NoneType); isNone {
		// `__hash__ = None` removes a method.
		if _, isFunc := super.t.(*Callable); isFunc {
			fits = false
		}
	}
	if fits && super.settable && !s.isSubtype(super.t, sub.t) {
		fits = false // a settable member is invariant
	}
	if !fits {
		mc.got, mc.want = sub.t, super.t
	}
	return mc
}

// implements reports whether an instance has every member a protocol
// requires, with compatible types and flags (mypy's
// is_protocol_implementation). A check of the same pair already under
// way is assumed to hold.
func (s *subtyping) implements(inst, proto *Instance) bool {
	members := ProtocolMembers(proto.Class)
	if inst.Class.IsProtocol {
		own := ProtocolMembers(inst.Class)
		for _, name := range members {
			if _, found := slices.BinarySearch(own, name); !found {
				return false
			}
		}
	}
	for _, a := range s.assuming {
		if sameInstance(a[0], inst) && sameInstance(a[1], proto) {
			return true
		}
	}
	if len(s.assuming) >= maxProtocolNesting {
		return true // too deep to decide: taken to fit
	}
	s.assuming = append(s.assuming, [2]*Instance{inst, proto})
	defer func() { s.assuming = s.assuming[:len(s.assuming)-1] }()
	for _, name := range members {
		mc := s.checkMember(inst, inst, proto, name)
		if mc.missing || mc.got != nil || mc.flagsConflict() {
			return false
		}
	}
	return true
}

// maxProtocolNesting bounds how many protocol checks may nest (each
// member's type may mention other protocols).
const maxProtocolNesting = 32

// callbackFits reports whether a function (or overloaded function) fits
// a protocol whose only member is __call__.
func (s *subtyping) callbackFits(f Type, proto *Instance) bool {
	call, _ := s.protocolMember(proto, "__call__", proto)
	if call.t == nil {
		return true
	}
	return s.isSubtype(f, call.t)
}

// sameInstance reports whether two instances are the same type.
func sameInstance(a, b *Instance) bool {
	return a == b || a.Class == b.Class && Verbose(a) == Verbose(b)
}

// ProtocolMismatch is why a value does not implement a protocol, for
// mypy's notes: the members it lacks, those whose types conflict, and
// those whose kind does not fit.
type ProtocolMismatch struct {
	Missing   []string
	Conflicts []MemberConflict
	Flags     []FlagConflict
	// AllMissing: the value lacks every member (mypy then says nothing
	// more than the error).
	AllMissing bool
}

// MemberConflict is a member whose type on the value (Got) does not fit
// the protocol's (Expected).
type MemberConflict struct {
	Name          string
	Got, Expected Type
}

// FlagConflict is a member of a kind the protocol does not allow; the
// fields say what the protocol's member is and what the value's is.
type FlagConflict struct {
	Name                                string
	WantSettable, GotSettable           bool
	WantClassVar, GotClassVar           bool
	WantClassOrStatic, GotClassOrStatic bool
}

// ExplainProtocol says why a value of type t does not implement the
// protocol proto (nothing when t is not an instance, a tuple or a
// literal).
func ExplainProtocol(t Type, proto *Instance, members MemberTyper) ProtocolMismatch {
	var inst *Instance
	switch x := t.(type) {
	case *Instance:
		inst = x
	case *Tuple:
		inst = x.Fallback
	case *Literal:
		inst = x.Fallback
	}
	var out ProtocolMismatch
	if inst == nil {
		return out
	}
	s := &subtyping{promote: true, members: members}
	names := ProtocolMembers(proto.Class)
	var checks []memberCheck
	for _, name := range names {
		mc := s.checkMember(inst, t, proto, name)
		checks = append(checks, mc)
		if mc.missing {
			out.Missing = append(out.Missing, name)
		}
	}
	out.AllMissing = len(out.Missing) == len(names)
	for i, mc := range checks {
		if mc.missing {
			continue
		}
		if mc.got != nil {
			out.Conflicts = append(out.Conflicts, MemberConflict{Name: names[i], Got: mc.got, Expected: mc.want})
		}
		if mc.flagsConflict() {
			out.Flags = append(out.Flags, FlagConflict{Name: names[i],
				WantSettable: mc.super.settable, GotSettable: mc.sub.settable,
				WantClassVar: mc.super.classVar, GotClassVar: mc.sub.classVar,
				WantClassOrStatic: mc.super.classOrStatic, GotClassOrStatic: mc.sub.classOrStatic})
		}
	}
	return out
}
