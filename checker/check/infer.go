package check

import (
	"fmt"
	"maps"
	"slices"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// constraint bounds a type variable being inferred: from below (the
// variable must be a supertype of t, as when t is passed where the
// variable is expected) or from above.
type constraint struct {
	tv    *types.TypeVar
	t     types.Type
	above bool
}

// inference collects the constraints of one generic call, as mypy's
// infer_constraints does: template is a parameter type mentioning the
// callee's type variables, actual what is passed.
type inference struct {
	object *types.Instance // builtins.object, which unrelated types join to
	// member is the type of an attribute of a value (a bound method for
	// a def), for matching a protocol by its members.
	member func(base types.Type, name string) types.Type
	// call is the type of an instance's __call__, for matching a
	// callable; nil where only callables match.
	call  func(inst *types.Instance) types.Type
	vars  map[*types.TypeVar]bool
	cs    []constraint
	depth int
}

// match records what passing a value of type actual where template is
// expected tells of the variables (super: template must be a supertype
// of actual; else a subtype).
func (in *inference) match(template, actual types.Type, super bool) {
	if in.depth > 20 {
		return
	}
	in.depth++
	defer func() { in.depth-- }()
	if tv, ok := template.(*types.TypeVar); ok && in.vars[tv] {
		in.cs = append(in.cs, constraint{tv: tv, t: actual, above: !super})
		return
	}
	if !mentionsVars(template, in.vars) {
		return
	}
	if _, ok := actual.(*types.Any); ok {
		in.allAny(template, actual)
		return
	}
	if u, ok := template.(*types.Union); ok && !super {
		for _, it := range u.Items {
			in.match(it, actual, super)
		}
		return
	}
	if u, ok := actual.(*types.Union); ok && super {
		if tu, ok := template.(*types.Union); ok {
			template, actual = dropShared(tu, u)
			if u, ok = actual.(*types.Union); !ok {
				in.match(template, actual, super)
				return
			}
		}
		for _, it := range u.Items {
			in.match(template, it, super)
		}
		return
	}
	switch t := template.(type) {
	case *types.Union:
		in.matchSomeItem(t, actual)
	case *types.Instance:
		in.matchInstance(t, actual, super)
	case *types.Tuple:
		switch a := actual.(type) {
		case *types.Tuple:
			if len(a.Items) == len(t.Items) {
				for i := range t.Items {
					in.match(t.Items[i], a.Items[i], super)
				}
			}
		case *types.Instance:
			if a.Class.FullName == "builtins.tuple" && len(a.Args) == 1 {
				for _, it := range t.Items {
					in.match(it, a.Args[0], super)
				}
			}
		}
	case *types.Callable:
		if inst, ok := actual.(*types.Instance); ok && in.call != nil {
			actual = in.call(inst) // (an object called as a function)
		}
		a, ok := actual.(*types.Callable)
		if !ok {
			if o, isOverload := actual.(*types.Overloaded); isOverload && len(o.Items) > 0 {
				a = o.Items[0]
			} else {
				return
			}
		}
		if spec := types.ParamSpecOf(t.Params); spec != nil && in.vars[spec] {
			// Callable[P, R] (or Callable[Concatenate[X, P], R]): P
			// stands for the parameters after those before it.
			prefix := t.Params[:len(t.Params)-2]
			if len(a.Params) < len(prefix) || types.ParamSpecOf(a.Params[:len(prefix)]) != nil {
				return
			}
			for i, p := range prefix {
				in.match(p.Type, a.Params[i].Type, !super)
			}
			rest := &types.Parameters{Params: a.Params[len(prefix):], IsEllipsis: a.IsEllipsis && len(prefix) == 0}
			in.cs = append(in.cs, constraint{tv: spec, t: rest, above: !super})
			in.match(t.Ret, a.Ret, super)
			return
		}
		n := min(len(t.Params), len(a.Params))
		for i := 0; i < n; i++ {
			in.match(t.Params[i].Type, a.Params[i].Type, !super)
		}
		in.match(t.Ret, a.Ret, super)
	case *types.TypeType:
		switch a := actual.(type) {
		case *types.TypeType:
			in.match(t.Item, a.Item, super)
		case *types.Callable:
			if a.TypeObject != nil {
				in.match(t.Item, types.ObjectInstance(a), super)
			}
		}
	}
}

// matchInstance matches a generic class's instance: actual seen as that
// class, each type argument by its variance.
func (in *inference) matchInstance(t *types.Instance, actual types.Type, super bool) {
	var a *types.Instance
	switch x := actual.(type) {
	case *types.Instance:
		a = x
	case *types.Tuple:
		if x.Fallback != nil {
			a = &types.Instance{Class: x.Fallback.Class, Args: []types.Type{types.JoinAll(widenAll(x.Items), in.object)}}
			if len(x.Items) == 0 {
				a.Args = []types.Type{&types.Never{}}
			}
		}
	case *types.Literal:
		a = x.Fallback
	case *types.Callable, *types.Overloaded:
		// A class object implements a protocol through its metaclass
		// (iterating over an enum class).
		if super && t.Class.IsProtocol && len(t.Args) > 0 && metaclassImplements(actual, t) {
			in.matchProtocol(t, actual, super)
		}
		return
	}
	if a == nil {
		return
	}
	from, to := a, t
	if !super {
		from, to = t, a
	}
	view := types.MapToSuper(from, to.Class)
	if view == nil && to.Class.IsProtocol && len(to.Args) > 0 {
		in.matchProtocol(t, actual, super)
		return
	}
	if view == nil || len(view.Args) != len(to.Args) {
		return
	}
	for i, tv := range to.Class.TypeParams {
		if i >= len(t.Args) {
			break
		}
		tArg, aArg := t.Args[i], view.Args[i]
		if !super {
			tArg, aArg = view.Args[i], a.Args[i]
		}
		switch tv.CurrentVariance() {
		case types.Covariant:
			in.match(tArg, aArg, super)
		case types.Contravariant:
			in.match(tArg, aArg, !super)
		default:
			in.match(tArg, aArg, true)
			in.match(tArg, aArg, false)
		}
	}
}

// matchProtocol matches a generic protocol's instance against a value
// that is not nominally one, member by member (mypy's infer_constraints
// for protocols): each member the protocol defines, as the template sees
// it, against the same member of the value.
func (in *inference) matchProtocol(t *types.Instance, actual types.Type, super bool) {
	proto := t
	if !super {
		p, ok := actual.(*types.Instance)
		if !ok || !p.Class.IsProtocol {
			return
		}
		proto = p
	}
	if in.member == nil || !mayImplement(actual, proto) && !mayImplement(t, proto) {
		return
	}
	for _, k := range proto.Class.MRO {
		if !k.IsProtocol {
			continue
		}
		// (in a fixed order: looking a member up may infer an attribute's
		// type, and inferences that read each other depend on their order)
		for _, name := range slices.Sorted(maps.Keys(k.Members)) {
			m := k.Members[name]
			if name == "__slots__" || name == "__init__" || name == "__class_getitem__" {
				continue
			}
			if raw := m.TypeOf(); raw != nil && !types.Contains(raw, func(x types.Type) bool {
				tv, ok := x.(*types.TypeVar)
				return ok && slices.Contains(k.TypeParams, tv)
			}) {
				continue // its type does not depend on the protocol's arguments
			}
			tm := in.member(t, name)
			if !mentionsVars(tm, in.vars) {
				continue // nothing to learn: the other side is not looked up
			}
			in.match(tm, in.member(actual, name), super)
		}
	}
}

// mayImplement is the cheap test inference makes before matching a
// protocol's members: an instance whose class has every member name the
// protocol requires (their types are what the matching then compares).
func mayImplement(t types.Type, proto *types.Instance) bool {
	switch x := t.(type) {
	case *types.Instance:
		if x.Class == proto.Class || slices.Contains(x.Class.MRO, proto.Class) {
			return true
		}
		for _, name := range types.ProtocolMembers(proto.Class) {
			if m, _ := x.Class.Lookup(name); m == nil {
				return false
			}
		}
		return true
	case *types.Tuple:
		return x.Fallback != nil && mayImplement(x.Fallback, proto)
	case *types.Literal:
		return x.Fallback != nil && mayImplement(x.Fallback, proto)
	case *types.Callable, *types.Overloaded:
		if metaclassImplements(t, proto) {
			return true
		}
	}
	return types.IsSubtype(eraseAllVars(t), eraseAllVars(proto))
}

// metaclassImplements reports a class object whose metaclass, not the
// class, has every member a protocol requires.
func metaclassImplements(t types.Type, proto *types.Instance) bool {
	ctor := types.ClassObject(t)
	if ctor == nil || ctor.TypeObject.Metaclass == nil {
		return false
	}
	for _, name := range types.ProtocolMembers(proto.Class) {
		if own, _ := ctor.TypeObject.Lookup(name); own != nil {
			return false
		}
		if m, _ := ctor.TypeObject.Metaclass.Class.Lookup(name); m == nil {
			return false
		}
	}
	return true
}

// matchSomeItem matches an actual against a union template, some item
// of which must accept it: the constraints of the only item that can,
// or of several when they agree (mypy's any_constraints).
func (in *inference) matchSomeItem(t *types.Union, actual types.Type) {
	var options [][]constraint
	for _, it := range t.Items {
		if !types.IsSubtype(actual, eraseAllVars(it)) {
			continue
		}
		sub := &inference{object: in.object, member: in.member, vars: in.vars, depth: in.depth}
		sub.match(it, actual, true)
		if len(sub.cs) > 0 {
			options = append(options, sub.cs)
		}
	}
	if len(options) == 0 {
		return
	}
	for _, o := range options[1:] {
		if !sameConstraints(o, options[0]) {
			return
		}
	}
	in.cs = append(in.cs, options[0]...)
}

func sameConstraints(a, b []constraint) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].tv != b[i].tv || a[i].above != b[i].above || types.Verbose(a[i].t) != types.Verbose(b[i].t) {
			return false
		}
	}
	return true
}

// dropShared removes from two unions the items they share exactly: T |
// None against int | None matches T with int.
func dropShared(t, a *types.Union) (types.Type, types.Type) {
	shared := map[string]bool{}
	for _, x := range t.Items {
		for _, y := range a.Items {
			if types.Verbose(x) == types.Verbose(y) {
				shared[types.Verbose(x)] = true
			}
		}
	}
	var ts, as []types.Type
	for _, x := range t.Items {
		if !shared[types.Verbose(x)] {
			ts = append(ts, x)
		}
	}
	for _, y := range a.Items {
		if !shared[types.Verbose(y)] {
			as = append(as, y)
		}
	}
	if len(ts) == 0 || len(as) == 0 {
		return t, a
	}
	return types.UnionOf(ts...), types.UnionOf(as...)
}

// allAny binds every variable in template to Any (an Any actual).
func (in *inference) allAny(template types.Type, any types.Type) {
	for tv := range in.vars {
		if mentionsVar(template, tv) {
			in.cs = append(in.cs, constraint{tv: tv, t: any})
		}
	}
}

// solve picks each variable's type from its constraints: the join of its
// lower bounds, else the first upper bound (mypy's solve_constraints). A
// variable with no constraint stays unsolved; ok is false when a lower
// bound exceeds an upper one or a restriction is not met.
func (c *Checker) solve(vars []*types.TypeVar, cs []constraint) (m map[*types.TypeVar]types.Type, ok bool) {
	m = map[*types.TypeVar]types.Type{}
	ok = true
	for _, tv := range vars {
		var lowers, uppers []types.Type
		for _, k := range cs {
			if k.tv != tv {
				continue
			}
			if k.above {
				uppers = append(uppers, k.t)
			} else {
				lowers = append(lowers, k.t)
			}
		}
		var t types.Type
		switch {
		case tv.ParamSpec:
			// A ParamSpec takes the parameter list its constraints agree
			// on; where they differ, mypy joins or meets them, which is
			// not modelled: it is then left unsolved (the call is not
			// judged).
			if t = agreed(append(lowers, uppers...)); t != nil {
				m[tv] = t
			}
			continue
		case len(lowers) > 0:
			t = c.join(widenAll(lowers))
		case len(uppers) > 0:
			t = uppers[0]
			for _, u := range uppers[1:] {
				if m, ok := meetTypedDict(t, u); ok {
					t = m
				} else if types.IsSubtype(u, t) {
					t = u
				}
			}
		default:
			continue
		}
		for _, u := range uppers {
			if !types.IsSubtype(t, u) {
				ok = false
			}
		}
		if len(tv.Values) > 0 && !isAnyType(t) {
			picked := false
			for _, v := range tv.Values {
				if types.IsSubtype(t, v) {
					t, picked = v, true
					break
				}
			}
			ok = ok && picked
		}
		if tv.Bound != nil && !types.IsSubtype(t, tv.Bound) {
			ok = false
		}
		m[tv] = t
	}
	return m, ok
}

// callMember is the type of an instance's __call__, or nil while another
// is looked up: binding a __call__'s self infers, and what it infers may
// need the __call__ of the same instance.
func (c *Checker) callMember(inst *types.Instance) types.Type {
	if c.lookingUpCall {
		return nil
	}
	c.lookingUpCall = true
	defer func() { c.lookingUpCall = false }()
	return c.member(inst, "__call__")
}

// agreed returns the first of ts when every other is equivalent to it,
// else nil.
func agreed(ts []types.Type) types.Type {
	if len(ts) == 0 {
		return nil
	}
	for _, t := range ts[1:] {
		if !types.IsSubtype(t, ts[0]) || !types.IsSubtype(ts[0], t) {
			return nil
		}
	}
	return ts[0]
}

// inferCall infers a generic callable's type variables from a call's
// arguments.
func (c *Checker) inferCall(f *types.Callable, actuals []actual) (map[*types.TypeVar]types.Type, bool) {
	in := &inference{object: c.object(), member: c.member, call: c.callMember, vars: map[*types.TypeVar]bool{}}
	for _, tv := range f.TypeVars {
		in.vars[tv] = true
	}
	m := mapActuals(actuals, f)
	x := &argExpander{c: c}
	for fi, p := range f.Params {
		for _, ai := range m[fi] {
			in.match(p.Type, widen(x.expand(actuals[ai], p)), true)
		}
	}
	return c.solve(f.TypeVars, in.cs)
}

// mentionsVars reports whether t mentions one of vars.
func mentionsVars(t types.Type, vars map[*types.TypeVar]bool) bool {
	for tv := range vars {
		if mentionsVar(t, tv) {
			return true
		}
	}
	return false
}

// mentionsVar reports whether t mentions the type variable tv.
func mentionsVar(t types.Type, tv *types.TypeVar) bool {
	found := false
	types.Walk(t, func(x types.Type) bool {
		found = found || x == types.Type(tv)
		return !found
	})
	return found
}

// eraseAllVars replaces every type variable in t by Any.
func eraseAllVars(t types.Type) types.Type {
	m := map[*types.TypeVar]types.Type{}
	collectVars(t, m)
	return types.Subst(t, m)
}

func collectVars(t types.Type, m map[*types.TypeVar]types.Type) {
	types.Walk(t, func(x types.Type) bool {
		if tv, ok := x.(*types.TypeVar); ok {
			m[tv] = anyT()
		}
		return true
	})
}

// instantiate specializes a generic function for a call as mypy does:
// its type variables first inferred from the expected type want (when
// the return type is a bare type variable, only a generic instance or a
// literal context counts; an optional return type against an optional
// context is matched without None; a solution that breaks a bound is
// dropped), the rest from the arguments. ok is false when some variable
// stays unsolved or its constraints conflict. When loosely is set (a
// return statement's context) and the context makes the arguments not
// fit, the arguments alone decide.
func (c *Checker) instantiate(f *types.Callable, actuals []actual, want types.Type, loosely bool) (*types.Callable, bool) {
	fromContext := map[*types.TypeVar]types.Type{}
	if want != nil && !isAnyType(want) && c.contextShapes(f, want) {
		in := &inference{object: c.object(), member: c.member, vars: map[*types.TypeVar]bool{}}
		for _, tv := range f.TypeVars {
			in.vars[tv] = true
		}
		ret := f.Ret
		if r, w := removeNone(ret), removeNone(want); r != nil && w != nil {
			ret, want = r, w
		}
		in.match(ret, want, false)
		if m, ok := c.solve(f.TypeVars, in.cs); ok {
			for tv, t := range m {
				if !hasNever(t) && !isAnyType(t) {
					fromContext[tv] = t
				}
			}
		}
	}
	g := f
	if len(fromContext) > 0 {
		g = types.Subst(f, fromContext).(*types.Callable)
		g.TypeVars = nil
		for _, tv := range f.TypeVars {
			if _, done := fromContext[tv]; !done {
				g.TypeVars = append(g.TypeVars, tv)
			}
		}
	}
	out := g
	if len(g.TypeVars) > 0 {
		m, ok := c.inferCall(g, actuals)
		if !ok || len(m) != len(g.TypeVars) {
			return nil, false
		}
		for _, t := range m {
			if hasTypeVars(t) {
				return nil, false // another function's variables: not modelled
			}
		}
		out = types.Subst(g, m).(*types.Callable)
		out.TypeVars = nil
	}
	if loosely && len(fromContext) > 0 && !c.accepts(out, actuals) {
		return c.instantiate(f, actuals, nil, false)
	}
	return out, true
}

// contextShapes reports whether mypy lets the expected type want shape
// the inference of f's type variables: always, unless f returns a bare
// type variable and want is no generic instance or literal.
func (c *Checker) contextShapes(f *types.Callable, want types.Type) bool {
	ret := f.Ret
	if r, w := removeNone(ret), removeNone(want); r != nil && w != nil {
		ret, want = r, w // Optional[T] against X | None: T against X
	}
	if _, bare := ret.(*types.TypeVar); !bare {
		return true
	}
	switch w := want.(type) {
	case *types.Instance:
		return len(w.Args) > 0
	case *types.Literal:
		return true
	}
	return false
}

// hasNever reports a type with Never in it.
func hasNever(t types.Type) bool {
	switch x := t.(type) {
	case *types.Never:
		return true
	case *types.Instance:
		for _, a := range x.Args {
			if hasNever(a) {
				return true
			}
		}
	case *types.Union:
		for _, a := range x.Items {
			if hasNever(a) {
				return true
			}
		}
	case *types.Tuple:
		for _, a := range x.Items {
			if hasNever(a) {
				return true
			}
		}
	}
	return false
}

// protocolBound reports a bound that is a protocol, or a union holding one.
func protocolBound(t types.Type) bool {
	return types.Contains(t, func(x types.Type) bool {
		inst, ok := x.(*types.Instance)
		return ok && inst.Class.IsProtocol
	})
}

// checkTypeVarValues reports, for a generic call that could not be
// inferred, a type variable restricted to values that the arguments'
// types fit none of, or whose bound does not take them ([type-var]), as
// mypy does. Only arguments whose types are certain and judged count.
func (c *Checker) checkTypeVarValues(call *ast.Call, f *types.Callable, actuals []actual) {
	if !c.checked() || f.Decorated {
		return
	}
	for _, a := range actuals {
		if a.kind != actualPos && a.kind != actualNamed || !c.certain(a.expr) || !judgeable(a.t, true) {
			return
		}
	}
	in := &inference{object: c.object(), member: c.member, vars: map[*types.TypeVar]bool{}}
	for _, tv := range f.TypeVars {
		in.vars[tv] = true
	}
	m := mapActuals(actuals, f)
	for fi, p := range f.Params {
		for _, ai := range m[fi] {
			in.match(p.Type, widen(actuals[ai].t), true)
		}
	}
	for _, tv := range f.TypeVars {
		// (A protocol bound is not judged: the members plugins make, a
		// dataclass's fields, are not all modelled.)
		bounded := len(tv.Values) == 0 && tv.Bound != nil && judgeable(tv.Bound, false) && !hasTypeVars(tv.Bound) &&
			!isObjectType(tv.Bound) && !protocolBound(tv.Bound)
		if len(tv.Values) == 0 && !bounded {
			continue
		}
		var lowers []types.Type
		for _, k := range in.cs {
			if k.tv == tv && !k.above {
				lowers = append(lowers, k.t)
			}
		}
		if len(lowers) == 0 {
			continue
		}
		t := c.join(widenAll(lowers))
		if !judgeable(t, true) || isAnyType(t) {
			continue
		}
		if bounded && (c.isSubtype(t, tv.Bound) || !c.strictOptional && mentionsNone(t)) ||
			slices.ContainsFunc(tv.Values, func(v types.Type) bool { return types.IsSubtype(t, v) }) {
			continue
		}
		c.report(&call.Span, diag.Error, diag.CodeTypeVar, fmt.Sprintf(diag.TypeVarValueCannotBe, tv.Name, calleeName(f), types.Format(t, c.formatOptions())))
	}
}
