package types

import "strings"

// CurrentVariance is a type parameter's variance: for a PEP 695 class's
// parameter (Inferred, with VarianceOwner set) the one inferred from the
// class's members on first use, as mypy's infer_variance does; Inferred
// while that is not possible (a member whose type is not known yet, or the
// inference itself asking).
func (tv *TypeVar) CurrentVariance() Variance {
	if tv.Variance == Inferred && tv.VarianceOwner != nil && !tv.VarianceOwner.inferringVariance {
		tv.VarianceOwner.inferVariances()
	}
	return tv.Variance
}

// inferVariances infers the variance of each of the class's PEP 695 type
// parameters, as mypy's infer_variance: covariant when every member (its
// methods bound, its properties' values, its attributes) and base with the
// parameter replaced by object is a supertype of the original, where a
// settable attribute must be a subtype too; contravariant when every one
// is a subtype; else invariant. A parameter of a class with a member of a
// type not known stays Inferred, and so does one of a class whose members
// mention another PEP 695 class, or whose bases mention another module's:
// that class's variance, on which this one's then depends, may change
// with an edit that leaves this class's users unchecked (a cold check and
// a recheck must agree). A base of the same module is checked again with
// this class.
func (c *Class) inferVariances() {
	c.inferringVariance = true
	defer func() { c.inferringVariance = false }()
	if len(c.MRO) == 0 {
		return
	}
	object := &Instance{Class: c.MRO[len(c.MRO)-1]}
	self := &Instance{Class: c, Args: make([]Type, len(c.TypeParams))}
	for i, tv := range c.TypeParams {
		self.Args[i] = tv
	}
	names := map[string]bool{}
	for _, k := range c.MRO {
		if k == object.Class {
			continue
		}
		for name := range k.Members {
			switch name {
			case "__init__", "__new__", "__replace__":
			default:
				names[name] = true
			}
		}
	}
	for _, tv := range c.TypeParams {
		if tv.Variance != Inferred || tv.VarianceOwner != c {
			continue
		}
		// (Members that refer to the class itself are judged with the
		// parameter taken as covariant: mypy tries covariant first, and
		// the subtype checks it caches then decide its later tries.)
		tv.Variance = Covariant
		inferred, ok := c.varianceWith(tv, self, object, names)
		if !ok {
			inferred = Inferred
		}
		tv.Variance = inferred
	}
}

// varianceWith is the variance of tv that the members (names) and the
// bases of the class give, as inferVariances; ok is false when a member's
// type is not known.
func (c *Class) varianceWith(tv *TypeVar, self, object *Instance, names map[string]bool) (v Variance, ok bool) {
	co, contra := true, true
	to := map[*TypeVar]Type{tv: object}
	judge := func(t Type, settable bool) {
		t2 := Subst(t, to)
		if !IsSubtype(t, t2) {
			co = false
		}
		if !IsSubtype(t2, t) {
			contra = false
			if settable {
				co = false
			}
		}
	}
	for name := range names {
		t, m, found := MemberOf(self, name)
		if !found {
			continue
		}
		if t == nil {
			return Invariant, false
		}
		settable := false
		switch {
		case m.IsProperty:
			f, isCallable := t.(*Callable)
			if !isCallable {
				return Invariant, false
			}
			t, settable = f.Ret, m.Settable
		case m.IsMethod:
			t = boundMethod(t, self)
		default:
			settable = !m.Final && !m.ReadOnly && !strings.HasPrefix(name, "_")
		}
		if mentionsInferred(t, c, "") {
			return Invariant, false
		}
		judge(t, settable)
	}
	for _, b := range c.Bases {
		if mentionsInferred(b, c, c.Module) {
			return Invariant, false
		}
		judge(b, false)
	}
	switch {
	case co:
		return Covariant, true
	case contra:
		return Contravariant, true
	}
	return Invariant, true
}

// boundMethod is a method's signature (or an overload's) as read from an
// instance: without its self (or cls) parameter, and returning Any where
// it returns the class's own instance (mypy's erase_return_self_types: a
// method may return the class generic in the same parameters whatever
// their variance).
func boundMethod(t Type, self *Instance) Type {
	return MapSignatures(t, func(f *Callable) *Callable {
		g := *f
		if !f.Static && len(f.Params) > 0 {
			g.Params = f.Params[1:]
		}
		if Verbose(g.Ret) == Verbose(self) {
			g.Ret = &Any{}
		}
		return &g
	})
}

// mentionsInferred reports whether t mentions an instance of a class
// other than owner (and of another module than skip, unless skip is "")
// whose type parameters' variance is inferred (PEP 695).
func mentionsInferred(t Type, owner *Class, skip string) bool {
	switch x := t.(type) {
	case *Instance:
		if x.Class != owner && (skip == "" || x.Class.Module != skip) {
			for _, tv := range x.Class.TypeParams {
				if tv.VarianceOwner != nil {
					return true
				}
			}
		}
		for _, a := range x.Args {
			if mentionsInferred(a, owner, skip) {
				return true
			}
		}
	case *Tuple:
		for _, it := range x.Items {
			if mentionsInferred(it, owner, skip) {
				return true
			}
		}
	case *Union:
		for _, it := range x.Items {
			if mentionsInferred(it, owner, skip) {
				return true
			}
		}
	case *TypeType:
		return mentionsInferred(x.Item, owner, skip)
	case *Callable:
		for _, p := range x.Params {
			if mentionsInferred(p.Type, owner, skip) {
				return true
			}
		}
		return mentionsInferred(x.Ret, owner, skip)
	case *Overloaded:
		for _, it := range x.Items {
			if mentionsInferred(it, owner, skip) {
				return true
			}
		}
	}
	return false
}
