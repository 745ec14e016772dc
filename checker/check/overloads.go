package check

import (
	"fmt"
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkOverloadDefs reports, for each overload in a body (a module's or a
// class's: the defs of one name that follow one another from an
// @overload on), as mypy does: an implementation in a stub or not last;
// what checkOverloadRun and checkOverloadImpl report of the variants and
// the implementation; and a variant no call can reach because an earlier
// one takes everything it takes: "Overloaded function signature 2 will
// never be matched: signature 1's parameter type(s) are the same or
// broader" ([overload-cannot-match]; generic variants are not judged).
func (c *Checker) checkOverloadDefs(body []ast.Stmt, cls *types.Class) {
	for i := 0; i < len(body); {
		f, ok := body[i].(*ast.FunctionDef)
		if !ok || !f.HasDecorator("overload") {
			i++
			continue
		}
		// The overload is the defs of the name that follow one another
		// from the first @overload on, as mypy groups them: the variants,
		// the implementation last, other defs misplaced.
		var group []*ast.FunctionDef
		var before ast.Stmt
		if i > 0 {
			before = body[i-1]
		}
		for ; i < len(body); i++ {
			g, ok := body[i].(*ast.FunctionDef)
			if !ok || g.Name != f.Name {
				break
			}
			group = append(group, g)
		}
		var after ast.Stmt
		if i < len(body) {
			after = body[i]
		}
		var run []*ast.FunctionDef
		var impl *ast.FunctionDef
		misplaced := false
		for k, g := range group {
			switch {
			case g.HasDecorator("overload"):
				run = append(run, g)
			case k == len(group)-1 && !c.m.IsStub:
				impl = g
			case c.m.IsStub:
				misplaced = true
				c.report(overloadPos(g), diag.Error, diag.CodeMisc,
					diag.OverloadImplementationInStub)
			default:
				misplaced = true
				c.report(overloadPos(g), diag.Error, diag.CodeMisc, diag.OverloadImplementationNotLast)
			}
		}
		c.checkOverloadRun(run, impl, misplaced, before, after, cls)
		if !c.checked() {
			continue
		}
		sigs := make([]*types.Callable, len(run))
		for k, g := range run {
			sigs[k] = c.p.Signature(c.m.Name, cls, g)
			if len(g.DecoratorList) > 1 {
				sigs[k] = nil // (another decorator may change it)
			}
		}
		for j := 1; j < len(sigs); j++ {
			for k := 0; k < j; k++ {
				if takesAllOf(sigs[k], sigs[j], !c.strictOptional) {
					c.report(&run[j].Span, diag.Error, diag.CodeOverloadCannotMatch, fmt.Sprintf(diag.OverloadNeverMatched, j+1, k+1))
					break
				}
			}
		}
		bound := cls != nil && !slices.ContainsFunc(run, func(f *ast.FunctionDef) bool { return f.HasDecorator("staticmethod") })
		for i := range sigs {
			for j := i + 1; j < len(sigs); j++ {
				if takesAllOf(sigs[i], sigs[j], false) || !unsafeOverlap(sigs[i], sigs[j], bound) {
					continue
				}
				c.report(&run[i].Span, diag.Error, diag.CodeOverloadOverlap, fmt.Sprintf(diag.OverloadsOverlap, i+1, j+1))
				if j == i+1 && !unsafeOverlap(sigs[j], sigs[i], bound) && !takesAllOf(sigs[j], sigs[i], false) {
					c.report(&run[i].Span, diag.Note, diag.CodeOverloadOverlap, diag.FlipOverloadsNote)
				}
			}
		}
	}
}

// checkOverloadRun reports an overload's variants (run) with one
// variant, @final on a variant (outside a stub) or on a later variant (in
// one), parts (variants and implementation impl, nil for none) that
// disagree on @classmethod or @staticmethod, and a missing
// implementation (unless a misplaced one was reported), and abstract
// variants beside others that are not. An overload next
// to a try statement (before or after it) is left alone: its parts may be
// defined under it.
func (c *Checker) checkOverloadRun(run []*ast.FunctionDef, impl *ast.FunctionDef, misplaced bool, before, after ast.Stmt, cls *types.Class) {
	for _, s := range []ast.Stmt{before, after} {
		if _, ok := s.(*ast.Try); ok {
			return
		}
	}
	at := overloadPos(run[0])
	if len(run) == 1 {
		c.report(at, diag.Error, diag.CodeMisc, diag.SingleOverloadDefinition)
	}
	isFinal := func(f *ast.FunctionDef) bool { return f.HasDecorator("final") || f.HasDecorator("typing.final") }
	switch {
	case !c.m.IsStub:
		if k := slices.IndexFunc(run, isFinal); k >= 0 {
			c.report(overloadPos(run[k]), diag.Error, diag.CodeMisc, "@final should be applied only to overload implementation")
		}
	case len(run) > 1:
		if k := slices.IndexFunc(run[1:], isFinal); k >= 0 {
			c.report(overloadPos(run[k+1]), diag.Error, diag.CodeMisc, diag.StubFinalOnFirstOverload)
		}
	}
	parts := run
	if impl != nil {
		parts = append(slices.Clip(run), impl)
	}
	for _, d := range []string{"classmethod", "staticmethod"} {
		if slices.ContainsFunc(parts, func(f *ast.FunctionDef) bool { return f.HasDecorator(d) != parts[0].HasDecorator(d) }) {
			c.report(at, diag.Error, diag.CodeMisc,
				fmt.Sprintf(diag.OverloadInconsistentDecorator, d))
			break
		}
	}
	abstract := func(f *ast.FunctionDef) bool {
		return f.HasDecorator("abstractmethod") || f.HasDecorator("abc.abstractmethod")
	}
	n := 0
	for _, f := range run {
		if abstract(f) {
			n++
		}
	}
	if n > 0 && n < len(run) && !(impl == nil && !c.m.IsStub && cls != nil && cls.IsProtocol) {
		// (A protocol's variants without implementation are all abstract.)
		c.report(at, diag.Error, diag.CodeMisc, diag.InconsistentAbstractOverload)
	}
	switch {
	case impl != nil || misplaced || len(run) == 1 || c.m.IsStub || cls != nil && cls.IsProtocol:
	case !slices.ContainsFunc(run, func(f *ast.FunctionDef) bool { return !abstract(f) }):
		// Abstract variants need no implementation.
	default:
		c.report(at, diag.Error, diag.CodeNoOverloadImpl, diag.OverloadMissingImplementation)
	}
	if impl != nil {
		c.checkOverloadImpl(run, impl, cls)
	}
}

// checkOverloadImpl reports, as mypy does, each variant whose calls the
// implementation does not all take ("Overloaded function implementation
// does not accept all possible parameters of signature 2") or whose
// return type the implementation's neither includes nor is part of
// ("... cannot produce return type of signature 2"). Only annotated,
// non-generic signatures that no other decorator changes are judged.
func (c *Checker) checkOverloadImpl(run []*ast.FunctionDef, impl *ast.FunctionDef, cls *types.Class) {
	if !c.checked() || !impl.IsAnnotated() {
		return
	}
	implSig := c.p.Signature(c.m.Name, cls, impl)
	if !plainOverloadPart(impl, implSig) {
		return
	}
	at := overloadPos(impl)
	for k, f := range run {
		sig := c.p.Signature(c.m.Name, cls, f)
		if !plainOverloadPart(f, sig) || !c.strictOptional && (types.Contains(sig, isNoneType) || types.Contains(implSig, isNoneType)) {
			continue // (None is in every type then: not modelled here)
		}
		if !types.IsSubtype(types.WithoutReturn(implSig), types.WithoutReturn(sig)) {
			c.report(at, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.OverloadImplementationArgs, k+1))
		}
		if !types.IsSubtype(sig.Ret, implSig.Ret) && !types.IsSubtype(implSig.Ret, sig.Ret) {
			c.report(at, diag.Error, diag.CodeMisc, fmt.Sprintf(diag.OverloadImplementationReturn, k+1))
		}
	}
}

// plainOverloadPart reports whether def f (with signature sig) is judged
// against the other parts of its overload: no type variables, and no
// decorators but @overload and those that keep a signature as written
// (staticmethod, classmethod, abstractmethod).
func plainOverloadPart(f *ast.FunctionDef, sig *types.Callable) bool {
	if sig == nil || len(sig.TypeVars) > 0 || sig.IsEllipsis {
		return false
	}
	for _, d := range f.DecoratorList {
		switch ast.DottedName(d) {
		case "overload", "typing.overload", "typing_extensions.overload", "staticmethod", "classmethod",
			"abstractmethod", "abc.abstractmethod":
		default:
			return false
		}
	}
	return true
}

// overloadPos is where mypy places a decorated def: at its first
// decorator's expression (after the @).
func overloadPos(f *ast.FunctionDef) *ast.Span {
	if len(f.DecoratorList) > 0 {
		return f.DecoratorList[0].Pos()
	}
	return &f.Span
}

// takesAllOf reports whether every call variant b takes, a takes too: the
// same parameters (kinds, and names where they may be passed by name),
// each of a's types a supertype of b's; a may take more, optional,
// parameters after b's positional ones. noneWithin takes None to be
// within every type (--no-strict-optional).
func takesAllOf(a, b *types.Callable, noneWithin bool) bool {
	if a == nil || b == nil || len(a.TypeVars) > 0 || len(b.TypeVars) > 0 {
		return false
	}
	if len(a.Params) != len(b.Params) && kindsDiffer(a, b) {
		// Keywords into **kwargs and the like: a takes every call b takes
		// when it is a subtype of b, its results aside (types with Any in
		// them are not judged so).
		return plainParams(a) && plainParams(b) && types.IsSubtypeStrict(types.WithoutReturn(a), types.WithoutReturn(b))
	}
	if len(a.Params) < len(b.Params) {
		return false
	}
	pa, pb := inNameOrder(a.Params), inNameOrder(b.Params)
	if len(pa) > len(pb) {
		for _, q := range pb {
			if q.Kind != types.ArgPos && q.Kind != types.ArgOpt {
				return false
			}
		}
		for _, p := range pa[len(pb):] {
			if p.Kind == types.ArgPos || p.Kind == types.ArgNamed {
				return false // required
			}
		}
		pa = pa[:len(pb)]
	}
	for i, p := range pa {
		q := pb[i]
		if p.Kind != q.Kind || p.PosOnly != q.PosOnly || byName(p) && p.Name != q.Name {
			return false
		}
		if !judgeable(p.Type, false) || !judgeable(q.Type, false) || !(noneWithin && isNoneType(q.Type)) && !narrowerParam(q.Type, p.Type) {
			return false
		}
	}
	return true
}

// kindsDiffer reports signatures with different kinds of parameters (one
// has *args or **kwargs, or keyword-only parameters, the other not).
func kindsDiffer(a, b *types.Callable) bool {
	kinds := func(f *types.Callable) (out [types.ArgStar2 + 1]bool) {
		for _, p := range f.Params {
			out[p.Kind] = true
		}
		return out
	}
	ka, kb := kinds(a), kinds(b)
	return ka[types.ArgStar] != kb[types.ArgStar] || ka[types.ArgStar2] != kb[types.ArgStar2] ||
		ka[types.ArgNamed] || kb[types.ArgNamed] || ka[types.ArgNamedOpt] || kb[types.ArgNamedOpt]
}

// plainParams reports parameters of types judged exactly, without Any.
func plainParams(f *types.Callable) bool {
	for _, p := range f.Params {
		if !judgeable(p.Type, false) || types.Contains(p.Type, isAnyType) {
			return false
		}
	}
	return true
}

// byName reports a parameter an argument may fill by its name: not
// positional-only, nor *args or **kwargs.
func byName(p types.Param) bool {
	return !p.PosOnly && p.Kind != types.ArgStar && p.Kind != types.ArgStar2
}

// inNameOrder is a signature's parameters with the keyword-only ones in
// the order of their names: they pair by name, whatever order they were
// written in.
func inNameOrder(ps []types.Param) []types.Param {
	named := func(p types.Param) bool { return p.Kind == types.ArgNamed || p.Kind == types.ArgNamedOpt }
	start := slices.IndexFunc(ps, named)
	if start < 0 {
		return ps
	}
	end := start
	for end < len(ps) && named(ps[end]) {
		end++ // (keyword-only parameters follow one another)
	}
	out := slices.Clone(ps)
	slices.SortFunc(out[start:end], func(p, q types.Param) int { return strings.Compare(p.Name, q.Name) })
	return out
}

// narrowerParam reports whether every value of q is certainly a value of
// p: Any is only within an Any written as such, and plain `type` is not
// within type[C].
func narrowerParam(q, p types.Type) bool {
	if a, ok := p.(*types.Any); ok {
		return a.Reason == types.AnyExplicit // (not a form typd does not model)
	}
	if isAnyType(q) {
		return false
	}
	if inst, ok := q.(*types.Instance); ok && inst.Class.FullName == "builtins.type" {
		if _, ok := p.(*types.TypeType); ok {
			return false
		}
	}
	found := false
	types.Walk(q, func(t types.Type) bool {
		found = found || isAnyType(t)
		return !found
	})
	return !found && types.IsSubtypeStrict(q, p)
}

// unsafeOverlap reports two overload variants, a before b, that overlap
// unsafely as mypy judges it: some call fits both (each parameter's
// types overlap), b's parameters are not all within a's (else b is one
// that can never match), and a's return type is not within b's, so a
// call b describes may get what a returns. Only variants typd compares
// exactly are judged: the same parameters by kind and name, no type
// variables, parameter types of plain classes, None, literals and unions
// of them. bound drops the first parameter (self or cls).
func unsafeOverlap(a, b *types.Callable, bound bool) bool {
	if a == nil || b == nil || len(a.TypeVars) > 0 || len(b.TypeVars) > 0 || len(a.Params) != len(b.Params) ||
		a.IsEllipsis || b.IsEllipsis {
		return false
	}
	if !overlapComparable(a.Ret) || !overlapComparable(b.Ret) || types.IsSubset(a.Ret, b.Ret) {
		return false
	}
	pa, pb := inNameOrder(a.Params), inNameOrder(b.Params)
	if bound && len(pa) > 0 {
		pa, pb = pa[1:], pb[1:]
	}
	allWithin := true
	for i, p := range pa {
		q := pb[i]
		if p.Kind != q.Kind || p.PosOnly != q.PosOnly || byName(p) && p.Name != q.Name {
			return false
		}
		if !overlapComparable(p.Type) || !overlapComparable(q.Type) || !typesOverlap(p.Type, q.Type) {
			return false
		}
		allWithin = allWithin && types.IsSubset(q.Type, p.Type)
	}
	return !allWithin
}

// overlapComparable reports a type unsafeOverlap compares: Any, None, an
// instance of a class (with type arguments of these kinds), a TypedDict,
// a literal, a tuple or a union of these.
func overlapComparable(t types.Type) bool {
	switch x := t.(type) {
	case *types.Any, *types.NoneType, *types.Literal:
		return true
	case *types.Instance:
		if _, items, ok := types.TypedDictOf(x); ok {
			for _, it := range items {
				if !overlapComparable(it.Type) {
					return false
				}
			}
			return true
		}
		if !judgeableClass(x.Class) || x.Class.IsProtocol || x.Class.TypedDict != nil {
			return false
		}
		for _, a := range x.Args {
			if !overlapComparable(a) {
				return false
			}
		}
		return true
	case *types.Union:
		for _, it := range x.Items {
			if !overlapComparable(it) {
				return false
			}
		}
		return true
	case *types.Tuple:
		for _, it := range x.Items {
			if !overlapComparable(it) {
				return false
			}
		}
		return x.Fallback != nil
	case *types.TypeType:
		return overlapComparable(x.Item)
	case *types.Callable:
		if len(x.TypeVars) > 0 || x.TypeObject != nil || x.IsEllipsis || x.Decorated {
			return false
		}
		for _, p := range x.Params {
			if !overlapComparable(p.Type) {
				return false
			}
		}
		return overlapComparable(x.Ret)
	}
	return false
}

// typesOverlap reports whether a value may be of both types (of those
// overlapComparable takes), as mypy judges it for overloads: Any overlaps
// only object, None does not overlap object, a union overlaps when one of
// its items does, two others when one is within the other or, generic,
// their type arguments overlap; tuples item by item; TypedDicts when
// their required keys do.
func typesOverlap(a, b types.Type) bool {
	for _, x := range unionItems(a) {
		for _, y := range unionItems(b) {
			if itemsOverlap(x, y) {
				return true
			}
		}
	}
	return false
}

// itemsOverlap is typesOverlap for two types that are no unions.
func itemsOverlap(x, y types.Type) bool {
	if isAnyType(x) || isAnyType(y) {
		return isObjectType(x) || isObjectType(y)
	}
	_, noneX := x.(*types.NoneType)
	_, noneY := y.(*types.NoneType)
	if noneX && isObjectType(y) || noneY && isObjectType(x) {
		return false
	}
	if types.IsSubtypeStrict(x, y) || types.IsSubtypeStrict(y, x) {
		return true
	}
	if _, xItems, ok := types.TypedDictOf(x); ok {
		if _, yItems, ok := types.TypedDictOf(y); ok {
			return typedDictsOverlap(xItems, yItems) && typedDictsOverlap(yItems, xItems)
		}
	}
	// Generic instances of related classes overlap when their type
	// arguments, mapped to the base, do (list[A | B] and a subclass of
	// list[B | C] may hold only Bs).
	if l, ok := x.(*types.Literal); ok && l.Fallback != nil {
		if _, ok := y.(*types.Literal); !ok {
			return itemsOverlap(l.Fallback, y) // a literal is of its class
		}
	}
	if l, ok := y.(*types.Literal); ok && l.Fallback != nil {
		if _, ok := x.(*types.Literal); !ok {
			return itemsOverlap(x, l.Fallback)
		}
	}
	if tx, ok := x.(*types.TypeType); ok {
		if ty, ok := y.(*types.TypeType); ok {
			return typesOverlap(tx.Item, ty.Item)
		}
	}
	if fx, ok := x.(*types.Callable); ok {
		if fy, ok := y.(*types.Callable); ok {
			return callablesOverlap(fx, fy)
		}
	}
	if isTupleType(x) && isTupleType(y) {
		return types.Overlapping(x, y, true) // item by item
	}
	xi, xok := x.(*types.Instance)
	yi, yok := y.(*types.Instance)
	return xok && yok && (len(xi.Args) > 0 || len(yi.Args) > 0) && xi.Class.TypedDict == nil && yi.Class.TypedDict == nil &&
		types.Overlapping(xi, yi, true)
}

// callablesOverlap reports two callable types of the same parameters (by
// kind and name) whose parameter and return types overlap pairwise: some
// function may be of both.
func callablesOverlap(a, b *types.Callable) bool {
	if len(a.Params) != len(b.Params) || !typesOverlap(a.Ret, b.Ret) {
		return false
	}
	for i, p := range a.Params {
		q := b.Params[i]
		if p.Kind != q.Kind || p.Name != q.Name && !p.PosOnly && !q.PosOnly || !typesOverlap(p.Type, q.Type) {
			return false
		}
	}
	return true
}

// isTupleType reports a tuple type: of fixed length (not a named tuple's
// class), or tuple[X, ...].
func isTupleType(t types.Type) bool {
	switch x := t.(type) {
	case *types.Tuple:
		return true
	case *types.Instance:
		return x.Class.FullName == "builtins.tuple"
	}
	return false
}

// typedDictsOverlap reports whether each key a TypedDict (items a)
// requires is a key of another (items b) whose value types overlap: then
// some dict may be of both, their other keys missing (mypy's
// are_typed_dicts_overlapping, one way).
func typedDictsOverlap(a, b []types.TypedDictItem) bool {
	for _, x := range a {
		if !x.Required {
			continue
		}
		i := slices.IndexFunc(b, func(y types.TypedDictItem) bool { return y.Name == x.Name })
		if i < 0 || !typesOverlap(x.Type, b[i].Type) {
			return false
		}
	}
	return true
}

// isObjectType reports builtins.object.
func isObjectType(t types.Type) bool {
	inst, ok := t.(*types.Instance)
	return ok && inst.Class.FullName == "builtins.object"
}

// reportUnmergedOverload reports an if statement holding parts of an
// overload whose condition could not be inferred, so that they were not
// merged with it (see package merge): "Condition can't be inferred,
// unable to merge overloads".
func (c *Checker) reportUnmergedOverload(x *ast.If) {
	for _, u := range c.m.UnmergedOverloads {
		if u.Lineno == x.Lineno && u.ColOffset == x.ColOffset {
			c.report(&x.Span, diag.Error, diag.CodeMisc, diag.OverloadConditionUnknown)
			return
		}
	}
}
