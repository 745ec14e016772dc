package check

import (
	"slices"

	"typd/checker/types"
)

// vars are the variables of one scope: the type each was declared with
// (or first inferred), and the type it is narrowed to at this point of
// the walk. A variable first assigned None without an annotation is
// partial: its next assignment decides its declared type (T | None).
type vars struct {
	declared map[string]types.Type
	narrowed *narrowing
	partial  map[string]bool
	// annotated marks the variables whose declared type was written.
	annotated map[string]bool
	// partialColl are the variables first assigned an empty collection
	// that nothing completed yet.
	partialColl map[string]*partialCollection
	// guessed marks the variables first assigned a display whose item
	// types are joined by rules this checker does not share with mypy yet
	// (tuples, unions, None): their types are not judged.
	guessed map[string]bool
	// inferredAt is the narrowing layer at which each variable without an
	// annotation got its type (mypy's var_decl_frames).
	inferredAt map[string]*layer
}

func newVars() *vars { return newVarsSized(0) }

// newVarsSized is newVars with room for about size names, so a scope of
// many names (a generated module) does not grow its maps step by step.
func newVarsSized(size int) *vars {
	v := &vars{declared: make(map[string]types.Type, size), narrowed: newNarrowing(), partial: map[string]bool{},
		annotated: map[string]bool{}, guessed: map[string]bool{}, inferredAt: make(map[string]*layer, size)}
	v.narrowed.declared = func(key string) (types.Type, bool) {
		t, ok := v.declared[key]
		return t, ok
	}
	return v
}

// lookup is the current type of a variable, if the scope knows it.
func (v *vars) lookup(name string) (types.Type, bool) {
	if t, ok := v.narrowed.get(name); ok {
		return t, true
	}
	t, ok := v.declared[name]
	return t, ok
}

// declare sets a variable's declared type (an annotation or a type
// comment); the declaring assignment does not narrow it.
func (v *vars) declare(name string, declared types.Type) {
	v.declared[name] = declared
	v.annotated[name] = true
	delete(v.partial, name)
	v.narrowed.set(name, declared)
}

// restart forgets a variable, whose next assignment starts it anew (a
// with statement's target that mypy renames: see freshWithTargets).
func (v *vars) restart(name string) {
	delete(v.declared, name)
	delete(v.annotated, name)
	delete(v.partial, name)
	delete(v.partialColl, name)
	delete(v.guessed, name)
	delete(v.inferredAt, name)
}

// assign records an assignment of a value of type t.
func (v *vars) assign(name string, t types.Type) {
	t = forgetTruth(widen(t))
	declared, known := v.declared[name]
	switch {
	case !known:
		v.declared[name] = t
		v.inferredAt[name] = v.narrowed.top
		if _, narrowed := v.narrowed.get(name); narrowed || v.narrowed.top.parent != nil {
			// Outside any branch the declared type is what lookup finds,
			// unless a condition narrowed the name before (a module's
			// variable read and then assigned in a function).
			v.narrowed.setAssigned(name, t)
		}
		if _, isNone := t.(*types.NoneType); isNone {
			v.partial[name] = true
		}
	case v.partial[name]:
		if _, isNone := t.(*types.NoneType); !isNone {
			delete(v.partial, name)
			v.declared[name] = types.SimplifiedUnion(t, declared)
			v.narrowed.setAssigned(name, t)
		}
	default:
		v.narrow(name, t)
	}
}

// narrow narrows a declared variable to the type of an assigned value,
// when it is a subtype of the declared type (and that is not Any).
func (v *vars) narrow(name string, t types.Type) {
	declared := v.declared[name]
	_, declaredAny := declared.(*types.Any)
	_, valueAny := t.(*types.Any)
	if declaredAny || valueAny {
		v.narrowed.setAssigned(name, anyForNone(declared, t))
		return
	}
	// Type arguments are not compared yet, so a value of the declared
	// class itself (inferred, in mypy, in the declared type's context)
	// keeps the declared type.
	a, okA := t.(*types.Instance)
	d, okD := declared.(*types.Instance)
	if okA && okD && a.Class == d.Class {
		v.narrowed.setAssigned(name, declared)
		return
	}
	if types.IsSubtypeStrict(t, declared) {
		v.narrowed.setAssigned(name, t)
	} else {
		v.narrowed.setAssigned(name, declared)
	}
}

// anyForNone is what a variable declared `X | None` holds after an
// assignment of Any, as mypy's binder has it: `X | Any` (None replaced);
// any other declared type stands.
func anyForNone(declared, value types.Type) types.Type {
	u, ok := declared.(*types.Union)
	if _, isAny := value.(*types.Any); !ok || !isAny {
		return declared
	}
	items := make([]types.Type, len(u.Items))
	for i, it := range u.Items {
		items[i] = it
		if _, isNone := it.(*types.NoneType); isNone {
			items[i] = value
		}
	}
	return &types.Union{Items: items}
}

// forgetTruth drops what is known of the truth of an instance (or of a
// union's instances): a variable holds any value of its type.
func forgetTruth(t types.Type) types.Type {
	switch x := t.(type) {
	case *types.Instance:
		if x.Truth != types.EitherTruth {
			y := *x
			y.Truth = types.EitherTruth
			return &y
		}
	case *types.Union:
		items := make([]types.Type, len(x.Items))
		for i, it := range x.Items {
			items[i] = forgetTruth(it)
		}
		return types.UnionOf(items...)
	}
	return t
}

func widenAll(ts []types.Type) []types.Type {
	out := make([]types.Type, len(ts))
	for i, t := range ts {
		out[i] = widen(t)
	}
	return out
}

// widen drops the literal an inferred variable type remembers: `x = 1`
// gives x the type int, `t = (1, 2)` tuple[int, int].
func widen(t types.Type) types.Type {
	switch x := t.(type) {
	case *types.Instance:
		if x.LastKnownValue != nil {
			return &types.Instance{Class: x.Class, Args: x.Args}
		}
	case *types.Tuple:
		return &types.Tuple{Items: widenAll(x.Items), Fallback: x.Fallback}
	case *types.Union:
		// (an enum's values: Literal[0]? | Literal[1]? is int)
		if slices.ContainsFunc(x.Items, func(it types.Type) bool {
			inst, ok := it.(*types.Instance)
			return ok && inst.LastKnownValue != nil
		}) {
			return types.SimplifiedUnion(widenAll(x.Items)...)
		}
	}
	return t
}
