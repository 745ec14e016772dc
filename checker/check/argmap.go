package check

import (
	"slices"

	"typd/checker/types"
	"typd/parser/ast"
)

// actualKind is how an argument is passed at a call site.
type actualKind uint8

// The kinds of actual arguments.
const (
	actualPos   actualKind = iota // f(x)
	actualStar                    // f(*xs)
	actualNamed                   // f(name=x)
	actualStar2                   // f(**kw)
)

// actual is one argument of a call as written: positional ones first,
// then keyword ones, in source order within each (mypy numbers them so in
// its messages).
type actual struct {
	kind actualKind
	name string   // the keyword of an actualNamed
	expr ast.Expr // the value (xs of *xs)
	t    types.Type
}

// actualsOf lists a call's arguments with the types found for them.
func actualsOf(call *ast.Call, args, kwargs []types.Type) []actual {
	out := make([]actual, 0, len(call.Args)+len(call.Keywords))
	for i, a := range call.Args {
		if s, ok := a.(*ast.Starred); ok {
			out = append(out, actual{kind: actualStar, expr: s.Value, t: args[i]})
			continue
		}
		out = append(out, actual{kind: actualPos, expr: a, t: args[i]})
	}
	for i, k := range call.Keywords {
		if k.Arg == "" {
			out = append(out, actual{kind: actualStar2, expr: k.Value, t: kwargs[i]})
			continue
		}
		out = append(out, actual{kind: actualNamed, name: k.Arg, expr: k.Value, t: kwargs[i]})
	}
	return out
}

// mapActuals tells, for each parameter of f, which actual arguments fill
// it (their indexes), as mypy maps them: positional arguments in order
// (a *args parameter takes all that remain), a fixed-length tuple after *
// as that many positional arguments and any other iterable as filling
// every positional parameter left, keywords by name or else into
// **kwargs, a **TypedDict's keys by name (or else into **kwargs), and
// another **mapping into every named parameter nothing else filled.
func mapActuals(actuals []actual, f *types.Callable) [][]int {
	params := f.Params
	m := make([][]int, len(params))
	next := 0 // the parameter the next positional argument fills
	positional := func(ai int) {
		if next >= len(params) {
			return
		}
		switch params[next].Kind {
		case types.ArgStar:
			m[next] = append(m[next], ai)
		case types.ArgStar2:
		default:
			m[next] = append(m[next], ai)
			next++
		}
	}
	var ambiguous []int
	for ai, a := range actuals {
		switch a.kind {
		case actualPos:
			positional(ai)
		case actualStar:
			if n, ok := fixedLength(a.t); ok {
				for range n {
					positional(ai)
				}
				continue
			}
			for next < len(params) {
				k := params[next].Kind
				if k == types.ArgNamed || k == types.ArgNamedOpt || k == types.ArgStar2 {
					break
				}
				m[next] = append(m[next], ai)
				if k == types.ArgStar {
					break
				}
				next++
			}
		case actualNamed:
			if fi := paramNamed(f, a.name); fi >= 0 {
				m[fi] = append(m[fi], ai)
			} else if fi := paramOfKind(f, types.ArgStar2); fi >= 0 {
				m[fi] = append(m[fi], ai)
			}
		case actualStar2:
			if _, items, ok := types.TypedDictOf(a.t); ok {
				// A TypedDict's keys fill the parameters of their names,
				// the others **kwargs (mypy's map_actuals_to_formals).
				for _, it := range items {
					if fi := paramNamed(f, it.Name); fi >= 0 {
						m[fi] = append(m[fi], ai)
					} else if fi := paramOfKind(f, types.ArgStar2); fi >= 0 && !slices.Contains(m[fi], ai) {
						m[fi] = append(m[fi], ai)
					}
				}
				continue
			}
			ambiguous = append(ambiguous, ai)
		}
	}
	if len(ambiguous) > 0 {
		// The mapping may hold any of the names nothing else filled.
		var open []int
		for fi, p := range params {
			filled := len(m[fi]) > 0 && actuals[m[fi][0]].kind != actualStar
			if p.Kind == types.ArgStar2 || p.Name != "" && !p.PosOnly && p.Kind != types.ArgStar && !filled {
				open = append(open, fi)
			}
		}
		for _, ai := range ambiguous {
			for _, fi := range open {
				m[fi] = append(m[fi], ai)
			}
		}
	}
	return m
}

// fixedLength is the number of items of a tuple of fixed length (a named
// tuple's too), which an unpacking argument maps one by one.
func fixedLength(t types.Type) (int, bool) {
	switch x := t.(type) {
	case *types.Tuple:
		return len(x.Items), true
	case *types.Instance:
		if x.Class.TupleBase != nil {
			return len(x.Class.TupleBase.Items), true
		}
	}
	return 0, false
}

// isFixedLength reports a tuple of fixed length (see fixedLength).
func isFixedLength(t types.Type) bool {
	_, ok := fixedLength(t)
	return ok
}

// unmappedItems reports an unpacked tuple of fixed length with more items
// than parameters to take them, or an unpacked TypedDict with a key no
// parameter takes (mypy's check for extra actual arguments).
func unmappedItems(f *types.Callable, actuals []actual, m [][]int) bool {
	for ai, a := range actuals {
		switch a.kind {
		case actualStar:
			n, ok := fixedLength(a.t)
			if !ok {
				continue
			}
			mapped := 0
			for _, ais := range m {
				for _, x := range ais {
					if x == ai {
						mapped++
					}
				}
			}
			if mapped < n {
				return true
			}
		case actualStar2:
			_, items, ok := types.TypedDictOf(a.t)
			if !ok || paramOfKind(f, types.ArgStar2) >= 0 {
				continue
			}
			for _, it := range items {
				if paramNamed(f, it.Name) < 0 {
					return true
				}
			}
		}
	}
	return false
}

// paramNamed is the index of the parameter a keyword argument of that
// name fills, or -1.
func paramNamed(f *types.Callable, name string) int {
	for i, p := range f.Params {
		if p.Name == name && !p.PosOnly && p.Kind != types.ArgStar {
			return i
		}
	}
	return -1
}

// paramOfKind is the index of f's first parameter of kind k, or -1.
func paramOfKind(f *types.Callable, k types.ParamKind) int {
	for i, p := range f.Params {
		if p.Kind == k {
			return i
		}
	}
	return -1
}

// duplicateMapping reports a parameter filled twice, leaving alone what
// may be fine at run time: a *args and a **kwargs both filling it, or
// only **mappings.
func duplicateMapping(mapping []int, actuals []actual) bool {
	if len(mapping) < 2 {
		return false
	}
	if len(mapping) == 2 && actuals[mapping[0]].kind == actualStar && actuals[mapping[1]].kind == actualStar2 {
		return false
	}
	for _, ai := range mapping {
		if actuals[ai].kind != actualStar2 {
			return true
		}
	}
	return false
}

// argExpander gives, for each actual argument checked against a
// parameter, the type of the value that parameter receives: the next item
// of a tuple after *, the item type of another iterable, the value type
// of a mapping after ** (a TypedDict's: the key the parameter is named
// after).
type argExpander struct {
	c          *Checker
	tupleIndex int
}

func (x *argExpander) expand(a actual, p types.Param) types.Type {
	switch a.kind {
	case actualStar:
		switch t := a.t.(type) {
		case *types.Tuple:
			if len(t.Items) == 0 {
				return anyT()
			}
			if x.tupleIndex >= len(t.Items) {
				x.tupleIndex = 0
			}
			x.tupleIndex++
			return t.Items[x.tupleIndex-1]
		case *types.Instance:
			if it := x.c.typingInstanceView(t, "Iterable"); it != nil && len(it.Args) == 1 {
				return it.Args[0]
			}
		}
		return anyT()
	case actualStar2:
		if _, items, ok := types.TypedDictOf(a.t); ok {
			if it, ok := types.LookupItem(items, p.Name); ok && p.Kind != types.ArgStar2 {
				return it.Type
			}
			var ts []types.Type
			for _, it := range items {
				ts = append(ts, it.Type)
			}
			return types.SimplifiedUnion(ts...)
		}
		if t, ok := a.t.(*types.Instance); ok {
			if m := x.c.typingInstanceView(t, "Mapping"); m != nil && len(m.Args) == 2 {
				return m.Args[1]
			}
		}
		return anyT()
	}
	return a.t
}

// typingInstanceView is inst seen as an instance of typing's class name
// (Iterable, Mapping), or nil when it is not one.
func (c *Checker) typingInstanceView(inst *types.Instance, name string) *types.Instance {
	cls := c.p.ModuleClass("typing", name)
	if cls == nil {
		return nil
	}
	return types.MapToSuper(inst, cls)
}

// argContexts lists the type each argument of a call is expected to have
// (nil where none is known): the type of the parameter it fills, for a
// callee that is not generic, in a call without *args (whose filling
// depends on the iterable's type). Positional arguments come first, then
// keywords, as actualsOf orders them.
func (c *Checker) argContexts(call *ast.Call, callee types.Type) []types.Type {
	out := make([]types.Type, len(call.Args)+len(call.Keywords))
	f, ok := callee.(*types.Callable)
	if !ok || len(f.TypeVars) > 0 || hasStar(call.Args) {
		return out
	}
	if f.TypeObject != nil && len(f.TypeObject.TypeParams) > 0 {
		return out
	}
	if a, ok := call.Func.(*ast.Attribute); ok {
		if n, ok := a.Value.(*ast.Name); ok && completingMethods[a.Attr] && c.partialScope(n.ID) != nil {
			return out // x.append(v) completes x from v's own type
		}
	}
	nils := make([]types.Type, len(call.Args))
	knils := make([]types.Type, len(call.Keywords))
	actuals := actualsOf(call, nils, knils)
	for fi, ais := range mapActuals(actuals, f) {
		for _, ai := range ais {
			if actuals[ai].kind == actualPos || actuals[ai].kind == actualNamed {
				out[ai] = f.Params[fi].Type
			}
		}
	}
	return out
}
