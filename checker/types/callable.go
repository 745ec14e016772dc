package types

// formal is one parameter of a callable as a call sees it: the name a
// keyword argument gives it ("" for a positional-only one), its position
// (-1 for a keyword-only one), its type and whether a call must fill it.
// A formal stands also for what a *args or **kwargs parameter takes at a
// position or name.
type formal struct {
	name     string
	pos      int
	t        Type
	required bool
}

// formals lists a callable's parameters other than *args and **kwargs.
func (c *Callable) formals() []formal {
	var out []formal
	for i, p := range c.Params {
		switch p.Kind {
		case ArgPos, ArgOpt:
			name := p.Name
			if p.PosOnly {
				name = ""
			}
			out = append(out, formal{name: name, pos: i, t: p.Type, required: p.Kind == ArgPos})
		case ArgNamed, ArgNamedOpt:
			out = append(out, formal{name: p.Name, pos: -1, t: p.Type, required: p.Kind == ArgNamed})
		}
	}
	return out
}

// paramOfKind is c's parameter of kind k (ArgStar or ArgStar2), or nil.
func (c *Callable) paramOfKind(k ParamKind) *Param {
	for i := range c.Params {
		if c.Params[i].Kind == k {
			return &c.Params[i]
		}
	}
	return nil
}

// byName is the parameter a keyword argument name fills, **kwargs
// standing for any name no parameter has.
func (c *Callable) byName(name string) (formal, bool) {
	for _, f := range c.formals() {
		if f.name == name {
			return f, true
		}
	}
	if kw := c.paramOfKind(ArgStar2); kw != nil {
		return formal{name: name, pos: -1, t: kw.Type}, true
	}
	return formal{}, false
}

// byPos is the parameter the positional argument at pos fills, *args
// standing for any position past the positional parameters.
func (c *Callable) byPos(pos int) (formal, bool) {
	if pos < len(c.Params) && (c.Params[pos].Kind == ArgPos || c.Params[pos].Kind == ArgOpt) {
		for _, f := range c.formals() {
			if f.pos == pos {
				return f, true
			}
		}
	}
	if star := c.paramOfKind(ArgStar); star != nil {
		return formal{pos: pos, t: star.Type}, true
	}
	return formal{}, false
}

// corresponding is the parameter of c that takes what model takes, by
// name and by position (mypy's callable_corresponding_argument).
func (c *Callable) corresponding(model formal) (formal, bool) {
	var byName, byPos formal
	okName, okPos := false, false
	if model.name != "" {
		byName, okName = c.byName(model.name)
	}
	if model.pos >= 0 {
		byPos, okPos = c.byPos(model.pos)
	}
	if okName && okPos && byName != byPos && !byName.required && !byPos.required &&
		byPos.name == "" && byName.pos < 0 {
		// An optional positional-only parameter and an optional
		// keyword-only one (*args and **kwargs) take it together, as
		// the meet of their types.
		if t, ok := simpleMeet(byName.t, byPos.t); ok {
			return formal{name: byName.name, pos: byPos.pos, t: t}, true
		}
	}
	if okName {
		return byName, true
	}
	return byPos, okPos
}

// simpleMeet is the meet of two types where it is one of them or the
// items of a union that the other includes; ok is false otherwise.
func simpleMeet(a, b Type) (Type, bool) {
	switch {
	case IsSubtype(a, b):
		return a, true
	case IsSubtype(b, a):
		return b, true
	}
	for _, x := range [][2]Type{{a, b}, {b, a}} {
		u, ok := x[0].(*Union)
		if !ok {
			continue
		}
		var in []Type
		for _, it := range u.Items {
			if IsSubtype(it, x[1]) {
				in = append(in, it)
			}
		}
		if len(in) > 0 {
			return SimplifiedUnion(in...), true
		}
	}
	return nil, false
}

// trivialParams reports `*args: Any, **kwargs: Any` from index i on.
func (c *Callable) trivialParams(i int) bool {
	if len(c.Params)-i != 2 {
		return false
	}
	a, k := c.Params[i], c.Params[i+1]
	return a.Kind == ArgStar && k.Kind == ArgStar2 && isAny(a.Type) && isAny(k.Type)
}

// callableSubtype reports whether a function of type l may be used where
// one of type r is expected (mypy's is_callable_compatible): its return
// type fits, and it takes every argument r takes (contravariantly), and
// requires none r does not.
func (s *subtyping) callableSubtype(l, r *Callable) bool {
	if len(l.TypeVars) > 0 {
		l = eraseCallableVars(l)
	}
	if len(r.TypeVars) > 0 {
		r = eraseCallableVars(r)
	}
	if !s.isSubtype(l.Ret, r.Ret) {
		return false
	}
	if r.IsEllipsis || r.trivialParams(0) {
		return true
	}
	implicit := l.Implicit || r.Implicit
	fits := func(lf, rf formal) bool {
		if rf.name != "" && lf.name != rf.name && !((implicit || s.ignorePosNames) && rf.pos >= 0) {
			return false
		}
		if rf.pos >= 0 && lf.pos != rf.pos {
			return false
		}
		if !rf.required && lf.required {
			return false
		}
		return s.isSubtype(rf.t, lf.t)
	}
	trivialSuffix := len(r.Params) >= 2 && r.trivialParams(len(r.Params)-2)
	for _, k := range []ParamKind{ArgStar, ArgStar2} {
		ls, rs := l.paramOfKind(k), r.paramOfKind(k)
		switch {
		case rs == nil:
		case ls == nil:
			if !trivialSuffix {
				return false
			}
		case !s.isSubtype(rs.Type, ls.Type):
			return false
		}
	}
	for _, rf := range r.formals() {
		lf, ok := l.corresponding(rf)
		if !ok || !fits(lf, rf) {
			return false
		}
	}
	if rs := r.paramOfKind(ArgStar); rs != nil && !trivialSuffix {
		i := 0
		for i < len(r.Params) && r.Params[i].Kind != ArgStar {
			i++
		}
		for ; i < len(l.Params) && (l.Params[i].Kind == ArgPos || l.Params[i].Kind == ArgOpt); i++ {
			lf, _ := l.byPos(i)
			if !fits(lf, formal{pos: i, t: rs.Type}) {
				return false
			}
		}
	}
	if rk := r.paramOfKind(ArgStar2); rk != nil && !trivialSuffix {
		names := map[string]bool{}
		for _, p := range r.Params {
			names[p.Name] = true
		}
		for _, lf := range l.formals() {
			if lf.name != "" && !names[lf.name] && !fits(lf, formal{name: lf.name, pos: -1, t: rk.Type}) {
				return false
			}
		}
	}
	for _, lf := range l.formals() {
		if !lf.required {
			continue
		}
		_, okName := r.byNameOnly(lf.name)
		_, okPos := r.byPosOnly(lf.pos)
		if !okName && !okPos {
			return false
		}
	}
	return true
}

// byNameOnly is byName for a name that is set.
func (c *Callable) byNameOnly(name string) (formal, bool) {
	if name == "" {
		return formal{}, false
	}
	return c.byName(name)
}

// byPosOnly is byPos for a position that is set.
func (c *Callable) byPosOnly(pos int) (formal, bool) {
	if pos < 0 {
		return formal{}, false
	}
	return c.byPos(pos)
}

// eraseCallableVars replaces a generic callable's own type variables by
// Any, for a permissive comparison.
func eraseCallableVars(c *Callable) *Callable {
	m := make(map[*TypeVar]Type, len(c.TypeVars))
	for _, tv := range c.TypeVars {
		m[tv] = &Any{}
	}
	out, _ := Subst(c, m).(*Callable)
	out.TypeVars = nil
	return out
}

// callableOf is what calling a value of type t does, for relating it to
// a callable type: a function itself, an overload's items, the __call__ of
// an instance (bound).
func callableOf(t Type) []*Callable {
	switch x := t.(type) {
	case *Callable:
		return []*Callable{x}
	case *Overloaded:
		return x.Items
	case *Instance:
		m, _, ok := MemberOf(x, "__call__")
		if !ok || m == nil {
			return nil
		}
		var out []*Callable
		for _, c := range callableOf(m) {
			if len(c.Params) > 0 {
				b := *c
				b.Params = c.Params[1:]
				c = &b
			}
			out = append(out, c)
		}
		return out
	}
	return nil
}

// joinCallables joins two callables of the same shape (mypy's
// join_similar_callables): parameters where one's type is a subtype of
// the other's take the narrower, returns join; two class objects give
// their join's. Others join to nil.
func joinCallables(a, b *Callable, object *Instance) Type {
	if len(a.Params) != len(b.Params) || len(a.TypeVars) > 0 || len(b.TypeVars) > 0 || (a.TypeObject != nil) != (b.TypeObject != nil) {
		return nil
	}
	out := &Callable{Ret: Join(a.Ret, b.Ret, object), IsEllipsis: a.IsEllipsis && b.IsEllipsis}
	if a.TypeObject != nil {
		// Two class objects join to the class object of their join.
		inst, ok := out.Ret.(*Instance)
		if !ok {
			return nil
		}
		out.TypeObject, out.Name = inst.Class, inst.Class.Name
	}
	for i, p := range a.Params {
		q := b.Params[i]
		if p.Kind != q.Kind {
			return nil
		}
		switch {
		case IsSubtype(p.Type, q.Type):
		case IsSubtype(q.Type, p.Type):
			p.Type = q.Type
		default:
			return nil
		}
		if p.Name != q.Name {
			p.Name, p.PosOnly = "", true
		}
		out.Params = append(out.Params, p)
	}
	return out
}
