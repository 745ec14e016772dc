package types

import "slices"

// Subst returns t with the type variables in m replaced by their values.
// Types are immutable: parts that do not change are shared.
func Subst(t Type, m map[*TypeVar]Type) Type {
	if len(m) == 0 {
		return t
	}
	switch x := t.(type) {
	case *TypeVar:
		if v, ok := m[x]; ok {
			return v
		}
	case *Instance:
		if len(x.Args) == 0 {
			return x
		}
		return &Instance{Class: x.Class, Args: substList(x.Args, m), LastKnownValue: x.LastKnownValue}
	case *Tuple:
		return &Tuple{Items: substList(x.Items, m), Fallback: x.Fallback}
	case *Union:
		// Duplicates and Never that substitution makes are dropped (T |
		// None with T = X | None is X | None), as mypy's expand_type.
		items := substList(x.Items, m)
		kept := items[:0:0]
		for _, it := range items {
			if _, never := it.(*Never); !never {
				kept = append(kept, it)
			}
		}
		if len(kept) == 0 {
			return &Never{}
		}
		return UnionOf(kept...)
	case *TypeType:
		return &TypeType{Item: Subst(x.Item, m)}
	case *Callable:
		c := *x
		c.Params, c.IsEllipsis = substParams(x.Params, x.IsEllipsis, m)
		c.Ret = Subst(x.Ret, m)
		return &c
	case *Parameters:
		params, ellipsis := substParams(x.Params, x.IsEllipsis, m)
		return &Parameters{Params: params, IsEllipsis: ellipsis}
	case *ParamSpecPart:
		if v, ok := m[x.Var].(*TypeVar); ok && v.ParamSpec {
			return &ParamSpecPart{Var: v, Kwargs: x.Kwargs}
		}
	case *Overloaded:
		o := &Overloaded{}
		for _, it := range x.Items {
			o.Items = append(o.Items, Subst(it, m).(*Callable))
		}
		return o
	}
	return t
}

// substParams substitutes a parameter list's types; where its last two
// parameters are a ParamSpec's parts and m binds the ParamSpec to a
// parameter list (or to Any: any arguments), they are replaced by that
// list, as mypy's expand_type does. ellipsis is the list's IsEllipsis,
// made true by a ParamSpec bound to any arguments with no parameters
// before it.
func substParams(params []Param, ellipsis bool, m map[*TypeVar]Type) ([]Param, bool) {
	own, tail := params, []Param(nil) // (the parameters substituted one by one, and what P's parts become)
	if tv := ParamSpecOf(params); tv != nil {
		switch v := m[tv].(type) {
		case *Parameters:
			own, tail, ellipsis = params[:len(params)-2], v.Params, v.IsEllipsis && len(params) == 2
		case *Any:
			// (*args: Any, **kwargs: Any, named as the parts were.)
			own, tail, ellipsis = params[:len(params)-2], EllipsisParams(v), len(params) == 2
			tail[0].Name, tail[1].Name = params[len(params)-2].Name, params[len(params)-1].Name
		}
	}
	out := make([]Param, len(own), len(own)+len(tail))
	for i, p := range own {
		p.Type = Subst(p.Type, m)
		out[i] = p
	}
	return append(out, tail...), ellipsis
}

// ParamSpecOf returns the ParamSpec whose parts are the last two of
// params (*args: P.args, **kwargs: P.kwargs), or nil.
func ParamSpecOf(params []Param) *TypeVar {
	n := len(params)
	if n < 2 || params[n-2].Kind != ArgStar || params[n-1].Kind != ArgStar2 {
		return nil
	}
	args, ok1 := params[n-2].Type.(*ParamSpecPart)
	kwargs, ok2 := params[n-1].Type.(*ParamSpecPart)
	if !ok1 || !ok2 || args.Kwargs || !kwargs.Kwargs || args.Var != kwargs.Var {
		return nil
	}
	return args.Var
}

// ParamSpecParams are the two parameters that stand for a ParamSpec's
// parameters in a callable: *P.args, **P.kwargs.
func ParamSpecParams(tv *TypeVar) []Param {
	return []Param{{Type: &ParamSpecPart{Var: tv}, Kind: ArgStar}, {Type: &ParamSpecPart{Var: tv, Kwargs: true}, Kind: ArgStar2}}
}

// EllipsisParams are the parameters of Callable[..., R]: *Any, **Any,
// each Any the given one.
func EllipsisParams(a *Any) []Param {
	return []Param{{Type: a, Kind: ArgStar}, {Type: a, Kind: ArgStar2}}
}

func substList(ts []Type, m map[*TypeVar]Type) []Type {
	out := make([]Type, len(ts))
	for i, t := range ts {
		out[i] = Subst(t, m)
	}
	return out
}

// Bindings maps a class's type parameters to an instance's arguments.
func Bindings(inst *Instance) map[*TypeVar]Type {
	if len(inst.Class.TypeParams) == 0 {
		return nil
	}
	m := make(map[*TypeVar]Type, len(inst.Class.TypeParams))
	for i, tv := range inst.Class.TypeParams {
		if i < len(inst.Args) {
			m[tv] = inst.Args[i]
		} else {
			m[tv] = &Any{Reason: AnySpecialForm}
		}
	}
	return m
}

// MapToSuper views inst as an instance of one of its base classes
// (list[int] as Sequence[int]), or returns nil when target is not a base.
func MapToSuper(inst *Instance, target *Class) *Instance {
	return mapToSuper(inst, target, 0)
}

func mapToSuper(inst *Instance, target *Class, depth int) *Instance {
	if inst.Class == target {
		return inst
	}
	if depth > 64 {
		return nil
	}
	bind := Bindings(inst)
	for _, b := range inst.Class.Bases {
		base := Subst(b, bind).(*Instance)
		if r := mapToSuper(base, target, depth+1); r != nil {
			return r
		}
	}
	return nil
}

// MemberOf returns the type of a member of an instance's class as seen on
// that instance (its type variables bound), the member, and ok.
func MemberOf(inst *Instance, name string) (Type, *Member, bool) {
	m, owner := inst.Class.Lookup(name)
	if m == nil {
		return nil, nil, false
	}
	if m.TypeOf() == nil {
		return nil, m, true
	}
	view := MapToSuper(inst, owner)
	if view == nil || !mentionsVars(m.Type, owner.TypeParams) {
		return m.Type, m, true // (nothing to substitute: no copy)
	}
	return Subst(m.Type, Bindings(view)), m, true
}

// mentionsVars reports whether Subst would replace one of vars in t.
func mentionsVars(t Type, vars []*TypeVar) bool {
	switch x := t.(type) {
	case *TypeVar:
		return slices.Contains(vars, x)
	case *Instance:
		return slices.ContainsFunc(x.Args, func(a Type) bool { return mentionsVars(a, vars) })
	case *Tuple:
		return slices.ContainsFunc(x.Items, func(a Type) bool { return mentionsVars(a, vars) })
	case *Union:
		return slices.ContainsFunc(x.Items, func(a Type) bool { return mentionsVars(a, vars) })
	case *TypeType:
		return mentionsVars(x.Item, vars)
	case *Callable:
		return mentionsVars(x.Ret, vars) || slices.ContainsFunc(x.Params, func(p Param) bool { return mentionsVars(p.Type, vars) })
	case *Overloaded:
		return slices.ContainsFunc(x.Items, func(c *Callable) bool { return mentionsVars(c, vars) })
	}
	return false
}

// Walk calls visit on t and then, while visit returns true, on the types
// it is made of: type arguments, union and tuple items, type[]'s item, a
// callable's parameter and return types.
func Walk(t Type, visit func(Type) bool) {
	if !visit(t) {
		return
	}
	switch x := t.(type) {
	case *Instance:
		for _, a := range x.Args {
			Walk(a, visit)
		}
	case *Union:
		for _, a := range x.Items {
			Walk(a, visit)
		}
	case *Tuple:
		for _, a := range x.Items {
			Walk(a, visit)
		}
	case *TypeType:
		Walk(x.Item, visit)
	case *Callable:
		for _, p := range x.Params {
			Walk(p.Type, visit)
		}
		Walk(x.Ret, visit)
	case *Parameters:
		for _, p := range x.Params {
			Walk(p.Type, visit)
		}
	case *ParamSpecPart:
		Walk(x.Var, visit)
	}
}

// Contains reports whether t, or a type inside it (as Walk visits them),
// satisfies pred.
func Contains(t Type, pred func(Type) bool) bool {
	found := false
	Walk(t, func(x Type) bool {
		found = found || pred(x)
		return !found
	})
	return found
}

// AliasedAny returns t with each Any written out or from an unfollowed
// import turned into a special form's, as mypy treats a type alias's
// target where the alias is used: the alias's definition alone answers
// for them (under --disallow-any-explicit and --disallow-any-unimported).
func AliasedAny(t Type) Type {
	marked := Contains(t, func(x Type) bool {
		a, ok := x.(*Any)
		return ok && (a.Reason == AnyExplicit || a.Reason == AnyUnimported)
	})
	if !marked {
		return t
	}
	list := func(ts []Type) []Type {
		out := make([]Type, len(ts))
		for i, t := range ts {
			out[i] = AliasedAny(t)
		}
		return out
	}
	switch x := t.(type) {
	case *Any:
		return &Any{Reason: AnySpecialForm}
	case *Instance:
		return &Instance{Class: x.Class, Args: list(x.Args), LastKnownValue: x.LastKnownValue}
	case *Tuple:
		return &Tuple{Items: list(x.Items), Fallback: x.Fallback}
	case *Union:
		u := *x
		u.Items = list(x.Items)
		return &u
	case *TypeType:
		return &TypeType{Item: AliasedAny(x.Item)}
	case *Callable:
		c := *x
		c.Params = make([]Param, len(x.Params))
		for i, p := range x.Params {
			p.Type = AliasedAny(p.Type)
			c.Params[i] = p
		}
		c.Ret = AliasedAny(x.Ret)
		return &c
	}
	return t
}

// MapClasses returns t with each class it names replaced by f's answer (a
// type of one program carried into another, whose classes are other
// objects). Parts without classes are shared.
func MapClasses(t Type, f func(*Class) *Class) Type {
	switch x := t.(type) {
	case *Instance:
		out := &Instance{Class: f(x.Class), Args: mapClassesList(x.Args, f), Truth: x.Truth}
		if x.LastKnownValue != nil {
			out.LastKnownValue = MapClasses(x.LastKnownValue, f).(*Literal)
		}
		return out
	case *Literal:
		return &Literal{Value: x.Value, Fallback: MapClasses(x.Fallback, f).(*Instance)}
	case *Tuple:
		out := &Tuple{Items: mapClassesList(x.Items, f)}
		if x.Fallback != nil {
			out.Fallback = MapClasses(x.Fallback, f).(*Instance)
		}
		return out
	case *Union:
		return &Union{Items: mapClassesList(x.Items, f)}
	case *TypeType:
		return &TypeType{Item: MapClasses(x.Item, f)}
	case *Callable:
		c := *x
		c.Params = make([]Param, len(x.Params))
		for i, p := range x.Params {
			p.Type = MapClasses(p.Type, f)
			c.Params[i] = p
		}
		c.Ret = MapClasses(x.Ret, f)
		if x.TypeObject != nil {
			c.TypeObject = f(x.TypeObject)
		}
		return &c
	case *Overloaded:
		o := &Overloaded{}
		for _, it := range x.Items {
			o.Items = append(o.Items, MapClasses(it, f).(*Callable))
		}
		return o
	}
	return t
}

func mapClassesList(ts []Type, f func(*Class) *Class) []Type {
	if ts == nil {
		return nil
	}
	out := make([]Type, len(ts))
	for i, t := range ts {
		out[i] = MapClasses(t, f)
	}
	return out
}
