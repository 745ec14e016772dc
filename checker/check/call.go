package check

import (
	"fmt"
	"slices"
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// checkCall reports what mypy reports of a call's arguments against the
// callee's signature: arguments no parameter takes, required parameters
// no argument fills, parameters filled twice ([call-arg]), and each
// argument whose type the parameter does not accept ([arg-type]). It
// judges only signatures it models exactly: one plain, non-generic,
// undecorated function or method, or the constructor of a plain class;
// of a plain generic function, only which arguments fill which
// parameters. An argument whose type depends on its context is not
// judged (see certain).
func (c *Checker) checkCall(call *ast.Call, callee types.Type, args, kwargs []types.Type) {
	if o, ok := callee.(*types.Overloaded); ok {
		c.checkOverloadCall(call, o, args, kwargs)
		return
	}
	f, ok := callee.(*types.Callable)
	if !ok || !c.checked() {
		return
	}
	if !c.exactSignature(call, f) {
		if len(f.TypeVars) > 0 && f.TypeObject == nil && !f.Decorated && !f.IsEllipsis && !specialModules[f.Module] {
			// A generic function: which arguments fill which parameters
			// does not depend on its type variables, nor do the types of
			// the parameters that do not mention them.
			actuals := actualsOf(call, args, kwargs)
			m := mapActuals(actuals, f)
			c.checkArgumentCount(call, f, actuals, m)
			c.checkArgumentTypes(concreteParams(f), actuals, m)
		}
		return
	}
	actuals := actualsOf(call, args, kwargs)
	m := mapActuals(actuals, f)
	c.checkArgumentCount(call, f, actuals, m)
	c.checkArgumentTypes(f, actuals, m)
}

// checkOverloadCall reports a call of an overloaded function that no
// variant certainly takes, as mypy does: judged by the first variant
// whose parameters are like the arguments (see similarArg) as a call of
// that variant alone, else `No overload variant of "f" matches argument
// types "A", "B"` ([call-overload]) with the variants in notes. It judges
// only calls whose arguments' types are certain (unions among them,
// which mypy's union math tries item by item), of variants without type
// variables, and stays silent on unpacked arguments (but tuples of fixed
// length) and on keywords no variant knows (mypy words those otherwise).
func (c *Checker) checkOverloadCall(call *ast.Call, o *types.Overloaded, args, kwargs []types.Type) {
	actuals := actualsOf(call, args, kwargs)
	code := diag.CodeCallOverload
	if operatorMethods[o.Items[0].Name] {
		code = diag.CodeOperator
	}
	c.checkOverloadActuals(&call.Span, o, actuals, code, func(f *types.Callable) {
		c.checkArgumentTypes(f, actuals, mapActuals(actuals, f))
	})
}

// checkOverloadActuals is checkOverloadCall for the arguments actuals of
// a call at sp (a call's, an index's, an operator's), judge reporting the
// arguments a variant does not take; code is the error's (mypy's
// [operator] for operator methods).
func (c *Checker) checkOverloadActuals(sp *ast.Span, o *types.Overloaded, actuals []actual, code string, judge func(*types.Callable)) {
	if !c.checked() || len(o.Items) == 0 {
		return
	}
	unions, combinations := 0, 1 // the arguments that are unions, and their items' combinations
	for _, a := range actuals {
		if a.kind == actualStar && !isFixedLength(a.t) || a.kind == actualStar2 || !c.certain(a.expr) || !judgeable(a.t, true) {
			return
		}
		if u, ok := a.t.(*types.Union); ok {
			unions, combinations = unions+1, combinations*len(u.Items)
			if unions > maxUnionArgs || combinations > maxUnionCombinations {
				return // (mypy gives up on its union math past 5 unions, not modelled)
			}
		}
		if a.kind == actualNamed && !slices.ContainsFunc(o.Items, func(f *types.Callable) bool {
			return paramNamed(f, a.name) >= 0 || paramOfKind(f, types.ArgStar2) >= 0
		}) {
			return
		}
	}
	for _, f := range o.Items {
		if !c.certainlyRejects(f, actuals) {
			return
		}
	}
	if unions > 0 && !c.unionMathFails(o, actuals, 0) {
		return // each of the unions' items may match a variant: mypy's union math
	}
	if f := c.similarVariant(o, actuals); f != nil {
		if plainVariant(f) {
			judge(f)
		}
		return
	}
	name := calleeName(o.Items[0])
	of := ""
	if name != "" {
		of = " of " + name
	}
	var shown []string
	for _, a := range actuals {
		shown = append(shown, `"`+types.Format(widen(a.t), c.formatOptions())+`"`)
	}
	var msg string
	switch len(shown) {
	case 0:
		msg = fmt.Sprintf(diag.OverloadsNeedArgument, of)
	case 1:
		msg = fmt.Sprintf(diag.NoOverloadMatchesType, of, shown[0])
	default:
		msg = fmt.Sprintf(diag.NoOverloadMatchesTypes, of, strings.Join(shown, ", "))
	}
	c.report(sp, diag.Error, code, msg)
	variants := diag.PossibleOverloadVariants
	if len(o.Items) == 1 {
		variants = diag.PossibleOverloadVariant
	}
	c.report(sp, diag.Note, code, variants)
	for _, f := range o.Items {
		c.report(sp, diag.Note, code, "    "+c.prettyVariant(f))
	}
}

// certainlyRejects reports whether an overload variant surely does not
// take the arguments: one of them no parameter takes, a required
// parameter none fills, or an argument whose type surely does not fit.
func (c *Checker) certainlyRejects(f *types.Callable, actuals []actual) bool {
	m := mapActuals(actuals, f)
	used := make([]int, len(actuals))
	for _, ais := range m {
		for _, ai := range ais {
			used[ai]++
		}
	}
	for ai := range actuals {
		if used[ai] != 1 {
			return true
		}
	}
	for fi, p := range f.Params {
		if len(m[fi]) == 0 && (p.Kind == types.ArgPos || p.Kind == types.ArgNamed) {
			return true
		}
	}
	if !plainVariant(f) {
		return false // (its arguments' types are not judged)
	}
	for fi, p := range f.Params {
		if !judgeable(p.Type, false) {
			return false
		}
		for _, ai := range m[fi] {
			if a := actuals[ai]; (a.kind == actualStar || a.kind == actualStar2) && displayClass(a.expr) != "" {
				continue // (the display's items go to the parameters, not the display)
			}
			if !c.fits(actuals[ai].expr, actuals[ai].t, p.Type) {
				return true
			}
		}
	}
	return false
}

// maxUnionArgs is how many union arguments mypy's union math takes on
// (its MAX_UNIONS); with more it stops, with a message not modelled.
const maxUnionArgs = 5

// maxUnionCombinations bounds the combinations of union items a call is
// judged by (beyond, it is not judged), keeping each call's cost linear in
// practice.
const maxUnionCombinations = 1024

// unionMathFails reports whether mypy's union math surely finds no match
// for a call with union arguments (from the one at index from on): some
// combination of the unions' items, in their places, no variant takes.
func (c *Checker) unionMathFails(o *types.Overloaded, actuals []actual, from int) bool {
	u := slices.IndexFunc(actuals[from:], func(a actual) bool {
		_, ok := a.t.(*types.Union)
		return ok
	})
	if u < 0 {
		return !slices.ContainsFunc(o.Items, func(f *types.Callable) bool { return !c.certainlyRejects(f, actuals) })
	}
	u += from
	for _, it := range actuals[u].t.(*types.Union).Items {
		one := slices.Clone(actuals)
		one[u].t = it
		if c.unionMathFails(o, one, u+1) {
			return true
		}
	}
	return false
}

// plainVariant reports an overload variant whose parameters are as
// written: no type variables or decorators, and a constructor's only of a
// class that is not generic.
func plainVariant(f *types.Callable) bool {
	return len(f.TypeVars) == 0 && !f.Decorated && !f.IsEllipsis &&
		(f.TypeObject == nil || len(f.TypeObject.TypeParams) == 0 && !f.TypeObject.Decorated)
}

// prettyVariant writes an overload variant as mypy's notes list it:
// `def f(self, x: int) -> str`, a bound method's self named first.
func (c *Checker) prettyVariant(f *types.Callable) string {
	first := "self"
	if f.ClassMethod {
		first = "cls"
	}
	return c.prettyVariantFirst(f, first)
}

// prettyVariantFirst is prettyVariant with the name of a method's first
// parameter given (none: a function's or static method's).
func (c *Checker) prettyVariantFirst(f *types.Callable, first string) string {
	if f.TypeObject != nil {
		// A constructor is shown as a function named after its class.
		g := *f
		g.Name, g.Owner, g.TypeObject = f.TypeObject.Name, "", nil
		f, first = &g, ""
	}
	o := c.formatOptions()
	o.DefCallables = true
	s := types.Format(f, o)
	if f.Owner == "" || f.Static || first == "" {
		return s
	}
	if len(f.Params) > 0 {
		first += ", "
	}
	if i := strings.Index(s, " "+f.Name+"("); i >= 0 {
		at := i + len(f.Name) + 2
		return s[:at] + first + s[at:]
	}
	return s
}

// checkArgumentCount reports the arguments no parameter takes and the
// parameters filled wrongly, as mypy's check_argument_count does.
func (c *Checker) checkArgumentCount(call *ast.Call, f *types.Callable, actuals []actual, m [][]int) {
	name := calleeName(f)
	used := make([]int, len(actuals))
	for _, ais := range m {
		for _, ai := range ais {
			used[ai]++
		}
	}
	// Each argument no parameter takes is reported in the arguments'
	// order, as mypy does ("Too many arguments" once).
	unexpected, tooMany := false, false
	reportTooMany := func() {
		if !tooMany {
			c.report(&call.Span, diag.Error, diag.CodeCallArg, fmt.Sprintf(diag.TooManyArguments, forFunction(name)))
		}
		tooMany = true
	}
	for ai, a := range actuals {
		switch {
		case used[ai] == 0 && a.kind == actualNamed:
			c.report(&call.Span, diag.Error, diag.CodeCallArg, unexpectedKeyword(f, name, a))
			c.noteDefinedIn(call, f, name)
			unexpected = true
		case used[ai] == 0 && (a.kind == actualPos || a.kind == actualStar && nonEmptyTuple(a.t)):
			reportTooMany()
		case a.kind == actualStar && paramOfKind(f, types.ArgStar) < 0:
			if tup, ok := a.t.(*types.Tuple); ok && used[ai] < len(tup.Items) {
				reportTooMany()
			}
		}
	}
	missingPositional, positionalToNamed := false, false
	for fi, p := range f.Params {
		switch {
		case len(m[fi]) == 0 && (p.Kind == types.ArgPos || p.Kind == types.ArgNamed) && !unexpected:
			if p.Kind == types.ArgPos {
				missingPositional = true
				continue
			}
			c.report(&call.Span, diag.Error, diag.CodeCallArg, fmt.Sprintf(diag.MissingNamedArgument, p.Name)+forFunction(name))
			c.noteDefinedIn(call, f, name)
		case p.Kind != types.ArgStar && p.Kind != types.ArgStar2 && duplicateMapping(m[fi], actuals):
			if _, tuple := actuals[m[fi][0]].t.(*types.Tuple); c.checked() || tuple {
				who := name
				if who == "" {
					who = "Function"
				}
				c.report(&call.Span, diag.Error, diag.CodeCallArg,
					fmt.Sprintf(diag.MultipleValuesForKeyword, who, p.Name))
			}
		case (p.Kind == types.ArgNamed || p.Kind == types.ArgNamedOpt) && len(m[fi]) > 0 &&
			actuals[m[fi][0]].kind != actualNamed && actuals[m[fi][0]].kind != actualStar2:
			positionalToNamed = true
		}
	}
	if missingPositional {
		msg := tooFew(f, name, actuals)
		if c.implicitCall {
			msg = fmt.Sprintf(diag.TooFewArguments, forFunction(name))
		}
		c.report(&call.Span, diag.Error, diag.CodeCallArg, msg)
		c.noteMissingClassVar(call)
	}
	if positionalToNamed {
		c.report(&call.Span, diag.Error, diag.CodeCallArg, fmt.Sprintf(diag.TooManyPositionalArguments, forFunction(name)))
		c.noteDefinedIn(call, f, name)
	}
}

// checkArgumentTypes reports each argument whose value the parameter it
// fills does not accept, and * and ** arguments that are no iterable or
// mapping.
func (c *Checker) checkArgumentTypes(f *types.Callable, actuals []actual, m [][]int) {
	name := calleeName(f)
	to := ""
	if name != "" {
		to = " to " + name
	}
	for ai, a := range actuals {
		switch {
		case a.kind == actualStar && !c.iterableArg(a.t):
			c.report(a.expr.Pos(), diag.Error, diag.CodeMisc, diag.StarArgNotIterable)
		case a.kind == actualStar2 && !c.mappingArg(a.t):
			c.report(a.expr.Pos(), diag.Error, diag.CodeArgType,
				fmt.Sprintf(diag.StarStarNotMapping, types.Format(a.t, c.formatOptions())))
		case a.kind == actualStar2 && !c.stringKeys(a.t):
			c.report(a.expr.Pos(), diag.Error, diag.CodeArgType, diag.StarStarKeysNotStr)
		default:
			continue
		}
		actuals[ai].t = nil // reported: its values are not checked
	}
	x := &argExpander{c: c}
	for fi, p := range f.Params {
		for _, ai := range m[fi] {
			a := actuals[ai]
			if a.t == nil {
				continue
			}
			t := x.expand(a, p)
			if c.abstractTypePart(t, p.Type) {
				c.report(a.expr.Pos(), diag.Error, diag.CodeTypeAbstract,
					fmt.Sprintf(diag.OnlyConcreteClass, types.Format(p.Type, c.formatOptions())))
				continue
			}
			if c.fits(a.expr, t, p.Type) {
				continue
			}
			shown := widen(a.t)
			got, want := types.FormatPair(shown, p.Type, c.formatOptions())
			switch a.kind {
			case actualStar:
				got = "*" + got
			case actualStar2:
				got = "**" + got
			}
			label := fmt.Sprint(ai + 1)
			if a.kind == actualNamed {
				label = `"` + a.name + `"`
			}
			c.incompatible(a.expr.Pos(), diag.CodeArgType,
				fmt.Sprintf(diag.IncompatibleArgument, label, to, got, want), t, p.Type)
		}
	}
}

// iterableArg reports whether a value may follow * in a call.
func (c *Checker) iterableArg(t types.Type) bool {
	switch x := t.(type) {
	case *types.Instance:
		if c.typingInstanceView(x, "Iterable") != nil {
			return true
		}
		return !judgeable(x, true) || c.member(x, "__iter__") != nil && !isAnyType(c.member(x, "__iter__"))
	case *types.Tuple, *types.Any:
		return true
	case *types.Union:
		for _, it := range x.Items {
			if !c.iterableArg(it) {
				return false
			}
		}
		return true
	}
	return !judgeable(t, true)
}

// mappingArg reports whether a value may follow ** in a call.
func (c *Checker) mappingArg(t types.Type) bool {
	switch x := t.(type) {
	case *types.Instance:
		return c.typingInstanceView(x, "Mapping") != nil || !judgeable(x, true) ||
			c.member(x, "keys") != nil && !isAnyType(c.member(x, "keys"))
	case *types.Any:
		return true
	}
	return !judgeable(t, true)
}

// stringKeys reports whether a mapping after ** may have string keys.
func (c *Checker) stringKeys(t types.Type) bool {
	inst, ok := t.(*types.Instance)
	if !ok {
		return true
	}
	m := c.typingInstanceView(inst, "Mapping")
	if m == nil || len(m.Args) != 2 || !judgeable(m.Args[0], true) {
		return true
	}
	str, ok := c.builtinInstance("str").(*types.Instance)
	return !ok || types.IsSubtype(m.Args[0], str)
}

// nonEmptyTuple reports a fixed-length tuple with items.
func nonEmptyTuple(t types.Type) bool {
	tup, ok := t.(*types.Tuple)
	return ok && len(tup.Items) > 0
}

// unexpectedKeyword is mypy's message for a keyword no parameter takes,
// with its guess at the name meant: parameters whose type accepts the
// value first.
func unexpectedKeyword(f *types.Callable, name string, a actual) string {
	msg := fmt.Sprintf(diag.UnexpectedKeywordArgument, a.name) + forFunction(name)
	var fitting, others []string
	for _, p := range f.Params {
		if p.Name == "" || p.Kind == types.ArgStar {
			continue
		}
		if types.IsSubtype(a.t, p.Type) {
			fitting = append(fitting, p.Name)
		} else {
			others = append(others, p.Name)
		}
	}
	matches := diag.BestMatches(a.name, fitting, 3)
	if len(matches) == 0 {
		matches = diag.BestMatches(a.name, others, 3)
	}
	if len(matches) > 0 {
		msg += "; did you mean " + diag.PrettySeq(matches, "or") + "?"
	}
	return msg
}

// tooFew is mypy's message for required positional parameters no
// argument fills: their names when all have one, given the names of the
// keyword arguments.
func tooFew(f *types.Callable, name string, actuals []actual) string {
	nPositional := 0
	given := map[string]bool{}
	for _, a := range actuals {
		if a.kind == actualNamed {
			given[a.name] = true
		} else if a.kind == actualPos || a.kind == actualStar {
			nPositional++
		}
	}
	minArgs := 0
	for _, p := range f.Params {
		if p.Kind == types.ArgPos {
			minArgs++
		}
	}
	var diff []string
	unnamed := false
	for i := nPositional; i < minArgs && i < len(f.Params); i++ {
		p := f.Params[i]
		if p.Name == "" || p.PosOnly {
			unnamed = true
			continue
		}
		if !given[p.Name] {
			diff = append(diff, p.Name)
		}
	}
	if name == "" || unnamed || len(diff) == 0 {
		return fmt.Sprintf(diag.TooFewArguments, forFunction(name))
	}
	if len(diff) == 1 {
		return fmt.Sprintf(diag.MissingPositionalArgument, diff[0], name)
	}
	return fmt.Sprintf(diag.MissingPositionalArguments, strings.Join(diff, `", "`), name)
}

// noteDefinedIn adds mypy's note naming the module that defines a callee
// called from another module.
func (c *Checker) noteDefinedIn(call *ast.Call, f *types.Callable, name string) {
	if f.Module == "" || f.Module == c.m.Name || f.Module == "builtins" {
		return
	}
	who := name
	if f.TypeObject != nil || f.Owner != "" || who == "" {
		who = `"` + f.Name + `"`
	}
	if f.Name == "" || strings.HasPrefix(f.Name, "<") {
		who = diag.CalledFunction
	}
	c.report(&call.Span, diag.Note, diag.CodeCallArg, fmt.Sprintf(diag.DefinedIn, who, f.Module))
}

// plainGenericClass reports a generic class whose constructor is its
// __init__ (or object's): no metaclass, no __new__ of its own, every base
// modelled.
func plainGenericClass(cls *types.Class) bool {
	if cls.Metaclass != nil || cls.AnyBase || cls.IsTypedDict || cls.VariadicParams || cls.IsProtocol {
		return false
	}
	_, newOwner := cls.Lookup("__new__")
	return newOwner == nil || newOwner.FullName == "builtins.object"
}

// noteMissingClassVar is mypy's hint when a callable-typed attribute read
// from an instance is called with too few arguments: declared in the
// class body without ClassVar, it is an instance variable, not a method
// its instance would be passed to.
func (c *Checker) noteMissingClassVar(call *ast.Call) {
	a, ok := call.Func.(*ast.Attribute)
	if !ok {
		return
	}
	inst, ok := c.exprQuiet(a.Value).(*types.Instance)
	if !ok {
		return
	}
	m, _ := inst.Class.Lookup(a.Attr)
	if m == nil || m.IsMethod || m.ClassVar || m.OnInstance || m.Type == nil {
		return
	}
	c.report(&call.Span, diag.Note, diag.CodeCallArg,
		fmt.Sprintf(diag.InstanceVariableNote, a.Attr))
}

// specializedConstructor reports the constructor of a generic class given
// its type arguments (Node[int]), which is not generic.
func specializedConstructor(f *types.Callable) bool {
	r, ok := f.Ret.(*types.Instance)
	return ok && f.TypeObject != nil && len(f.TypeVars) == 0 && r.Class == f.TypeObject &&
		len(r.Args) == len(r.Class.TypeParams) && !hasTypeVars(r) && !f.TypeObject.VariadicParams
}

// concreteParams is a generic function's signature with the parameters
// whose types mention its type variables made Any (not judged), so that
// the others are checked as a plain function's are.
func concreteParams(f *types.Callable) *types.Callable {
	own := map[*types.TypeVar]bool{}
	for _, tv := range f.TypeVars {
		own[tv] = true
	}
	out := *f
	out.Params = slices.Clone(f.Params)
	for i, p := range out.Params {
		mentions := false
		types.Walk(p.Type, func(t types.Type) bool {
			if tv, ok := t.(*types.TypeVar); ok && own[tv] {
				mentions = true
			}
			return !mentions
		})
		if mentions {
			out.Params[i].Type = anyT()
		}
	}
	return &out
}

// exactSignature reports whether f is exactly what calling call's callee
// does: not generic, not decorated, and for a class object the __init__ of
// a plain class (no type parameters, metaclass or __new__ of its own).
func (c *Checker) exactSignature(call *ast.Call, f *types.Callable) bool {
	if len(f.TypeVars) > 0 || f.Decorated {
		return false
	}
	if cls := f.TypeObject; cls != nil {
		if len(cls.TypeParams) > 0 && !specializedConstructor(f) || cls.Metaclass != nil || cls.AnyBase || cls.IsTypedDict ||
			specialModules[cls.Module] {
			return false // (TypeVar, NewType...: special forms the stubs do not describe)
		}
		init, owner := cls.Lookup("__init__")
		if init == nil || !init.IsMethod {
			return false
		}
		if owner.IsNamedTuple && owner == cls {
			return true // the constructor generated from its fields
		}
		if nm, newOwner := cls.Lookup("__new__"); nm != nil && mroIndex(cls, newOwner) < mroIndex(cls, owner) {
			// The constructor is a __new__ of the program's (one of a
			// stub's, of a builtin, may be special-cased).
			if m := c.p.Module(newOwner.Module); m == nil || m.IsStub || specialModules[newOwner.Module] {
				return false
			}
			for _, k := range cls.MRO {
				if k.Decorated || k.AnyBase || k.IsNamedTuple || k.FullName == "builtins.tuple" || k.FullName == "enum.Enum" {
					return false
				}
			}
			return true
		}
		if owner.FullName == "builtins.object" {
			// Neither __init__ nor __new__ of its own: object's, which
			// take no arguments.
			_, newOwner := cls.Lookup("__new__")
			if specialModules[cls.Module] {
				return false // TypeVar, ParamSpec...: special forms
			}
			for _, k := range cls.MRO {
				if k.FullName == "builtins.tuple" || k.FullName == "enum.Enum" || k.IsNamedTuple {
					return false // a named tuple or enum: made by other means
				}
			}
			return (newOwner == nil || newOwner.FullName == "builtins.object") && knownMembers(cls)
		}
		// A class decorated with what may add members (a dataclass typd
		// could not read, total_ordering, a dataclass_transform) up to
		// __init__'s owner may have generated another one.
		for _, k := range cls.MRO {
			if k.Decorated {
				return false
			}
			if k == owner {
				break
			}
		}
		if _, newOwner := cls.Lookup("__new__"); newOwner != nil && newOwner.FullName != "builtins.object" &&
			!(owner.IsNamedTuple && newOwner.FullName == "builtins.tuple") {
			return false
		}
		return true
	}
	// A method is bound when read from an instance; read from its class an
	// instance method keeps self (A.f(a, x)), a class method is bound to
	// the class.
	if a, ok := call.Func.(*ast.Attribute); ok && f.Owner != "" {
		if _, ok := c.isSuperCall(a.Value); ok {
			return true // a base's method, bound as read from self
		}
		recv := c.exprQuiet(a.Value)
		_, onInstance := recv.(*types.Instance)
		_, onModule := recv.(*types.Module) // (attr.evolve as an attrs class's)
		onClass := classObjectOf(recv) != nil
		return (onInstance || onClass || onModule) && c.certain(a.Value)
	}
	return true
}

func forFunction(name string) string {
	if name == "" {
		return ""
	}
	return " for " + name
}

// calleeName is how mypy names a callee in messages: `"f"`, `"f" of "A"`,
// `"A"` for a class, or "" for a callable without a name.
func calleeName(f *types.Callable) string {
	switch {
	case f.TypeObject != nil:
		return `"` + f.TypeObject.Name + `"`
	case f.Name == "" || strings.HasPrefix(f.Name, "<"):
		return ""
	case f.Owner != "":
		return `"` + f.Name + `" of "` + f.Owner + `"`
	}
	return `"` + f.Name + `"`
}

// incompatible reports a value that does not fit where it goes, with
// mypy's notes on invariant list and dict arguments.
func (c *Checker) incompatible(sp *ast.Span, code, msg string, got, want types.Type) {
	c.report(sp, diag.Error, code, msg)
	for _, n := range invarianceNotes(widen(got), want) {
		c.report(sp, diag.Note, code, n)
	}
	for _, n := range c.protocolNotes(widen(got), want) {
		c.report(sp, diag.Note, code, n)
	}
	if n := c.callNote(got, want, code == diag.CodeArgType); n != "" {
		c.report(sp, diag.Note, code, n)
	}
}

// invarianceNotes explain a list or dict that would fit if its type were
// covariant, as mypy does.
func invarianceNotes(got, want types.Type) []string {
	g, ok1 := got.(*types.Instance)
	w, ok2 := want.(*types.Instance)
	if !ok1 || !ok2 || g.Class != w.Class || len(g.Args) != len(w.Args) {
		return nil
	}
	const see = " is invariant -- see https://mypy.readthedocs.io/en/stable/common_issues.html#variance"
	switch g.Class.FullName {
	case "builtins.list":
		if types.IsSubtype(g.Args[0], w.Args[0]) {
			return []string{`"list"` + see, diag.UseSequenceNote}
		}
	case "builtins.dict":
		if types.IsSubtype(g.Args[0], w.Args[0]) && types.IsSubtype(w.Args[0], g.Args[0]) && types.IsSubtype(g.Args[1], w.Args[1]) {
			return []string{`"dict"` + see, diag.UseMappingNote}
		}
	}
	return nil
}

// checkUnionCall checks a call of a union against each of its callable
// items (as mypy calls each), each message once.
func (c *Checker) checkUnionCall(call *ast.Call, u *types.Union, args, kwargs []types.Type) {
	seen := map[string]bool{}
	for _, it := range u.Items {
		f, ok := it.(*types.Callable)
		if !ok || len(f.TypeVars) > 0 {
			continue
		}
		start := len(c.out)
		c.checkCall(call, f, args, kwargs)
		kept := c.out[:start]
		for _, d := range c.out[start:] {
			key := fmt.Sprint(d.Line, d.Message)
			if !seen[key] {
				seen[key] = true
				kept = append(kept, d)
			}
		}
		c.out = kept
	}
}

// callExpr infers and checks a call (expected is the type its context expects).
func (c *Checker) callExpr(x *ast.Call, expected types.Type, loosely bool) types.Type {
	if n, ok := x.Func.(*ast.Name); ok && n.ID == "reveal_type" {
		return c.reveal(x) // (the value it is given, as mypy types it)
	}
	if t, ok := c.specialCall(x); ok {
		return t
	}
	if t, ok := c.typedDictDictCall(x, expected); ok {
		return t
	}
	if a, ok := x.Func.(*ast.Attribute); ok && typedDictMethods[a.Attr] {
		if t, ok := c.typedDictMethodCall(x, a); ok {
			return t
		}
	}
	if a, ok := x.Func.(*ast.Attribute); ok && completingMethods[a.Attr] {
		if n, ok := a.Value.(*ast.Name); ok {
			c.partialReceiver = n.ID // x.append(...) completes x, not reads it
		}
	}
	c.checkRuntimeProtocols(x)
	c.anyAllowed = x.Func
	callee := c.expr(x.Func)
	c.partialReceiver = ""
	if c.calleeOf == nil {
		c.calleeOf = map[*ast.Call]types.Type{}
	}
	c.calleeOf[x] = callee
	c.checkInstantiation(x)
	var madeVar *types.TypeVar // calling a type[T] makes a T
	if tt, ok := callee.(*types.TypeType); ok {
		// Calling a type[C] (a nested class read from its outer
		// class, a variable) calls C's constructor, as in mypy; a
		// type[T] its bound's.
		item := tt.Item
		if tv, ok := item.(*types.TypeVar); ok && len(tv.Values) == 0 {
			madeVar, item = tv, tv.Bound
			if item == nil {
				item = c.object()
			}
		}
		inst, ok := item.(*types.Instance)
		switch {
		case ok && len(inst.Class.TypeParams) == 0:
			callee = constructor(inst.Class)
		case ok && madeVar == nil && !inst.Class.VariadicParams && len(inst.Args) == len(inst.Class.TypeParams) &&
			!hasTypeVars(inst) && !slices.ContainsFunc(inst.Args, isAnyType):
			// type[C[int]]: C's constructor with its arguments given.
			callee = types.MapSignatures(constructor(inst.Class), func(f *types.Callable) *types.Callable {
				out := types.Subst(f, types.Bindings(inst)).(*types.Callable)
				out.TypeVars = slices.DeleteFunc(slices.Clone(f.TypeVars), func(tv *types.TypeVar) bool {
					return slices.Contains(inst.Class.TypeParams, tv)
				})
				return out
			})
		case madeVar != nil:
			callee = anyT()
		}
	}
	value := callee // (what was called, which checkCallable and checkReturnsValue judge)
	if inst, ok := callee.(*types.Instance); ok && inst.Class.FullName != "builtins.type" && !inst.Class.AnyBase &&
		inst.Class.Name != "_SpecialForm" {
		// An object called: its class's __call__, bound to it, is what
		// is called (mypy's check_call on an instance). (typing's special
		// forms, TypeVar(...) and the like, are no such calls.)
		switch m := c.member(inst, "__call__").(type) {
		case *types.Callable, *types.Overloaded:
			callee = m
			c.calleeOf[x] = m
		}
	}
	if f, ok := callee.(*types.Callable); ok && f.TypeObject != nil && f.TypeObject.TypedDict != nil {
		if td, ok := f.Ret.(*types.Instance); ok {
			return c.typedDictCall(x, td, expected)
		}
	}
	if f, ok := callee.(*types.Callable); ok && f.Name == "fields" && (f.Module == "attr" || f.Module == "attrs") &&
		len(x.Args) == 1 && len(x.Keywords) == 0 {
		// attr.fields(C) is C's __attrs_attrs__ (mypy's attrs plugin).
		arg := c.exprQuiet(x.Args[0])
		cls := typeObject(arg)
		if tv, ok := arg.(*types.TypeVar); ok {
			if b, ok := tv.Bound.(*types.Instance); ok {
				cls = b.Class // fields(t) for a t bound to an attrs class
			}
		}
		if cls != nil {
			if t := c.p.AttrsAttributes(cls); t != nil {
				c.expr(x.Args[0])
				return t
			}
		}
	}
	if f, ok := callee.(*types.Callable); ok && (f.Name == "evolve" || f.Name == "assoc") && (f.Module == "attr" || f.Module == "attrs") && len(x.Args) > 0 {
		// attr.evolve(inst, **changes) takes inst's fields (mypy's attrs
		// plugin), and so does attr.assoc.
		switch arg := c.exprQuiet(x.Args[0]).(type) {
		case *types.Instance:
			if sig := c.p.AttrsEvolve(arg, f.Name); sig != nil {
				callee = sig
			}
		case *types.TypeVar:
			// A value of a type variable bound to an attrs class: the
			// bound's fields, the variable back.
			if b, ok := arg.Bound.(*types.Instance); ok {
				if sig := c.p.AttrsEvolve(b, f.Name); sig != nil {
					sig.Params[0].Type, sig.Ret, sig.Owner = arg, arg, arg.Name
					callee = sig
				}
			}
		}
	}
	if f, ok := callee.(*types.Callable); ok && f.Name == "replace" && f.Module == "dataclasses" && len(x.Args) > 0 {
		// dataclasses.replace(obj, **changes) takes obj's fields (mypy's
		// dataclasses plugin).
		switch arg := c.exprQuiet(x.Args[0]).(type) {
		case *types.Instance:
			if sig := c.p.DataclassReplace(arg); sig != nil {
				callee = sig
			}
		case *types.TypeVar:
			if b, ok := arg.Bound.(*types.Instance); ok {
				if sig := c.p.DataclassReplace(b); sig != nil {
					sig.Params[0].Type, sig.Ret, sig.Owner = arg, arg, arg.Name
					callee = sig
				}
			}
		}
	}
	contexts := c.argContexts(x, callee)
	args := []types.Type{}
	for i, a := range x.Args {
		if s, ok := a.(*ast.Starred); ok {
			a = s.Value // the iterable itself: its items are the arguments
		}
		args = append(args, c.exprExpecting(a, contexts[i]))
	}
	var kwargs []types.Type
	for i, k := range x.Keywords {
		kwargs = append(kwargs, c.exprExpecting(k.Value, contexts[len(x.Args)+i]))
	}
	if a, ok := x.Func.(*ast.Attribute); ok {
		if n, ok := a.Value.(*ast.Name); ok && len(x.Keywords) == 0 {
			c.completePartial(n.ID, a.Attr, args)
		}
	}
	// (a type[C] value called is no callable to mypy: not reported)
	_, typeValue := c.calleeOf[x].(*types.TypeType)
	if f, ok := callee.(*types.Callable); ok && f.Implicit && c.settings.DisallowUntypedCalls && c.checked() && !typeValue {
		c.report(&x.Span, diag.Error, diag.CodeNoUntypedCall, fmt.Sprintf(diag.UntypedCall, f.Name))
	}
	c.checkCallable(x, value)
	if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "format" {
		if format, ok := c.knownString(a.Value); ok {
			c.checkFormatCall(x, format, args, kwargs)
		}
	}
	if f, ok := callee.(*types.Callable); ok && len(f.TypeVars) > 0 && (f.TypeObject == nil || plainGenericClass(f.TypeObject)) {
		// A generic function: its type variables inferred from the
		// expected type and the arguments.
		actuals := actualsOf(x, args, kwargs)
		if inst, ok := c.instantiate(f, actuals, expected, loosely); ok {
			c.checkCall(x, inst, args, kwargs)
			c.checkReturnsValue(x, value) // None inferred for a variable is fine
			if c.recorded != nil && c.quiet == 0 {
				// The callee's type is the one inferred for the call, as
				// mypy keeps it (`C` in `C(42)` is type[C[int]]).
				c.recorded[x.Func] = inst
			}
			return inst.Ret
		}
		c.checkTypeVarValues(x, f, actuals)
		c.checkCall(x, callee, args, kwargs) // (which arguments fill which parameters)
		return c.callResult(callee, actuals)
	}
	if u, ok := callee.(*types.Union); ok {
		c.checkUnionCall(x, u, args, kwargs)
	}
	if o, ok := callee.(*types.Overloaded); ok && c.settings.Deprecated {
		c.warnDeprecatedVariants(x, o, actualsOf(x, args, kwargs))
	}
	c.checkCall(x, callee, args, kwargs)
	c.checkReturnsValue(x, value)
	if madeVar != nil {
		return madeVar
	}
	return c.callResult(callee, actualsOf(x, args, kwargs))
}

// specialCall types the calls mypy treats specially: cast(T, x) is T,
// assert_type(x, T) is x's type.
func (c *Checker) specialCall(x *ast.Call) (types.Type, bool) {
	dotted := ast.DottedName(x.Func)
	if dotted == "" {
		return nil, false
	}
	if dotted == "type" && len(x.Args) == 1 && len(x.Keywords) == 0 {
		// type(v), when type is the builtin (not shadowed).
		_, local := c.scopeVars().lookup("type")
		if t, ok := c.p.Resolve(c.m.Name, "type"); !local && (!ok || t.Owner == "builtins") {
			if _, star := x.Args[0].(*ast.Starred); !star {
				if t := c.typeOfValue(c.expr(x.Args[0])); t != nil {
					return t, true
				}
				return c.builtinInstance("type"), true
			}
		}
	}
	t, ok := c.p.ResolveDotted(c.m.Name, dotted)
	if !ok || t.Sym == nil {
		return nil, false
	}
	switch t.Owner + "." + t.Sym.Name {
	case "typing.cast", "typing_extensions.cast":
		if len(x.Args) == 2 {
			c.anyAllowed = x.Args[1]
			src := c.exprValueUnused(x.Args[1])
			target := c.p.AnnotationType(c.m.Name, x.Args[0])
			if c.settings.WarnRedundantCasts && c.checked() && !isAnyType(target) && c.certain(x.Args[1]) &&
				judgeable(src, true) && types.Verbose(widen(src)) == types.Verbose(target) {
				c.report(&x.Span, diag.Error, diag.CodeRedundantCast,
					fmt.Sprintf(diag.RedundantCastTo, types.Format(target, c.formatOptions())))
			}
			return target, true
		}
	case "typing.assert_type", "typing_extensions.assert_type":
		if len(x.Args) == 2 {
			c.anyAllowed = x.Args[0]
			src := c.expr(x.Args[0])
			c.checkAssertType(x, src)
			return src, true
		}
	}
	return nil, false
}

// checkAssertType reports assert_type(v, T) when v's type is not T, as
// mypy's visit_assert_type_expr does, but only where typd's type of v is
// surely mypy's: v names a variable or parameter of the scope whose
// written annotation nothing narrowed, and that type and T are instances
// (no Any, type variable or literal anywhere) of different classes. Where
// typd is less sure than that (an inferred type, a narrowing, type
// arguments) it stays silent. In an unannotated function, where mypy
// takes every value to be Any, any T but Any is reported, with mypy's
// note.
func (c *Checker) checkAssertType(x *ast.Call, src types.Type) {
	if f := c.top(); f != nil && !f.checked && !f.noTypeCheck {
		// An unannotated function's values are all Any to mypy.
		if target := c.p.AnnotationType(c.m.Name, x.Args[1]); !isAnyType(target) {
			c.report(x.Args[0].Pos(), diag.Note, diag.CodeAssertType, diag.AssertTypeUnchecked)
			c.report(&x.Span, diag.Error, diag.CodeAssertType,
				fmt.Sprintf(diag.AssertTypeFail, "Any", types.Format(target, c.formatOptions())))
		}
		return
	}
	n, isName := x.Args[0].(*ast.Name)
	if !c.checked() || !isName {
		return
	}
	v := c.scopeVars()
	if declared, ok := v.declared[n.ID]; !ok || !v.annotated[n.ID] || types.Verbose(declared) != types.Verbose(src) {
		return
	}
	target := c.p.AnnotationType(c.m.Name, x.Args[1])
	s, ok1 := src.(*types.Instance)
	t, ok2 := target.(*types.Instance)
	if !ok1 || !ok2 || s.Class == t.Class || s.LastKnownValue != nil || !plainInstance(s) || !plainInstance(t) {
		return
	}
	got, want := types.FormatPair(s, t, c.formatOptions())
	c.report(&x.Span, diag.Error, diag.CodeAssertType, fmt.Sprintf(diag.AssertTypeFail, got, want))
}

// plainInstance reports an instance whose type holds no Any, type
// variable or literal, of classes typd models in full.
func plainInstance(t types.Type) bool {
	return !types.Contains(t, func(x types.Type) bool {
		switch y := x.(type) {
		case *types.Any, *types.TypeVar, *types.Literal:
			return true
		case *types.Instance:
			return y.LastKnownValue != nil || !judgeableClass(y.Class) || !knownMembers(y.Class)
		}
		return false
	})
}

// typeOfValue is what type(v) gives for a value of type t, as mypy has it
// (type[t]): an instance's class object, a class object's metaclass
// instance; nil where this checker does not model it.
func (c *Checker) typeOfValue(t types.Type) types.Type {
	switch x := t.(type) {
	case *types.Instance:
		if x.Class.FullName == "builtins.type" {
			return nil
		}
		return &types.TypeType{Item: widen(x)}
	case *types.Literal:
		if x.Fallback != nil {
			return &types.TypeType{Item: x.Fallback}
		}
	case *types.Tuple:
		if x.Fallback != nil && x.Fallback.Class.FullName != "builtins.tuple" {
			return &types.TypeType{Item: x.Fallback} // a named tuple's class
		}
	case *types.NoneType:
		return &types.TypeType{Item: x}
	case *types.TypeVar:
		if len(x.Values) == 0 {
			return &types.TypeType{Item: x}
		}
	case *types.Callable, *types.TypeType:
		cls := classObjectOf(t)
		if cls == nil || cls.MetaclassUnknown {
			return nil
		}
		if cls.Metaclass != nil {
			return cls.Metaclass
		}
		if meta, ok := c.builtinInstance("type").(*types.Instance); ok {
			return meta
		}
	}
	return nil
}

// constructor is the type of a class object called, as mypy's
// type_object_type: the signature of whichever of __init__ and __new__
// comes first in the MRO (__init__ in a tie) without its first parameter,
// returning an instance (or what __new__ says it returns, when that is
// another class or an explicit Any).
func constructor(cls *types.Class) types.Type {
	if cls.TypedDict != nil {
		return typedDictConstructor(cls)
	}
	ret := &types.Instance{Class: cls}
	for _, tv := range cls.TypeParams {
		ret.Args = append(ret.Args, tv)
	}
	var made types.Type = ret
	if tup := types.TupleView(ret); tup != nil && len(cls.TypeParams) == 0 {
		made = tup // a named tuple's instance is its tuple
	}
	ctor := &types.Callable{Ret: made, TypeObject: cls, Name: cls.Name, TypeVars: cls.TypeParams}
	m, owner := cls.Lookup("__init__")
	isNew := false
	if nm, newOwner := cls.Lookup("__new__"); nm != nil && (m == nil || mroIndex(cls, newOwner) < mroIndex(cls, owner)) {
		m, owner, isNew = nm, newOwner, true
	}
	if m == nil {
		return ctor
	}
	// The method of a base class sees its own type variables: view it
	// through the base as this class's instance sees it.
	init := m.TypeOf()
	if view := types.MapToSuper(ret, owner); view != nil {
		init = types.Subst(init, types.Bindings(view))
	}
	switch init.(type) {
	case *types.Callable, *types.Overloaded:
	default:
		return ctor
	}
	return types.MapSignatures(init, func(sig *types.Callable) *types.Callable {
		k := *ctor
		if isNew {
			sig = bindNewClass(sig, ret)
			k.Ret = newResult(sig.Ret, made, owner)
		} else if len(sig.Params) > 0 && owner == cls {
			// An __init__ whose self is annotated with the class's
			// instance (`self: dict[str, _VT]`) makes that instance.
			if self, ok := sig.Params[0].Type.(*types.Instance); ok && self.Class == cls && len(self.Args) > 0 && made == types.Type(ret) {
				k.Ret = self
			}
		}
		if len(sig.Params) > 0 {
			k.Params = sig.Params[1:]
		}
		k.Decorated = sig.Decorated
		k.Implicit = sig.Implicit // (an untyped __init__ makes an untyped constructor)
		k.TypeVars = append(append([]*types.TypeVar(nil), cls.TypeParams...), sig.TypeVars...)
		return &k
	})
}

// neverConstructs reports a class whose __new__ or __init__ (not
// overloaded) is declared to never return.
func neverConstructs(cls *types.Class) bool {
	for _, name := range []string{"__new__", "__init__"} {
		if m, owner := cls.Lookup(name); m != nil && owner.FullName != "builtins.object" {
			if f, ok := m.TypeOf().(*types.Callable); ok {
				if _, never := f.Ret.(*types.Never); never {
					return true
				}
			}
		}
	}
	return false
}

// mroIndex is the position of a class in another's MRO.
func mroIndex(cls, k *types.Class) int {
	for i, c := range cls.MRO {
		if c == k {
			return i
		}
	}
	return len(cls.MRO)
}

// bindNewClass solves the type variable a __new__'s cls parameter
// stands for (`cls: type[T]`, type[Self]) as the class being made.
func bindNewClass(sig *types.Callable, inst *types.Instance) *types.Callable {
	if len(sig.Params) == 0 {
		return sig
	}
	tt, ok := sig.Params[0].Type.(*types.TypeType)
	if !ok {
		return sig
	}
	tv, ok := tt.Item.(*types.TypeVar)
	if !ok || !slices.Contains(sig.TypeVars, tv) {
		return sig
	}
	out := types.Subst(sig, map[*types.TypeVar]types.Type{tv: inst}).(*types.Callable)
	out.TypeVars = slices.DeleteFunc(slices.Clone(sig.TypeVars), func(v *types.TypeVar) bool { return v == tv })
	return out
}

// newResult is what calling a class whose __new__ (defined in class
// owner) returns ret makes: ret itself when it is an explicit Any, not
// owner's instance (another class), or owner's instance with arguments
// when owner is the class made; else the class's instance made.
func newResult(ret, made types.Type, owner *types.Class) types.Type {
	switch r := ret.(type) {
	case *types.Any:
		if r.Reason == types.AnyUnannotated {
			return made
		}
		return r
	case *types.Instance:
		if r.Class == owner {
			if m, ok := made.(*types.Instance); ok && m.Class == owner && len(r.Args) > 0 {
				return r // the class's own __new__ names its instance's arguments (zip[tuple[_T1]])
			}
			return made
		}
		return r
	case *types.Tuple:
		if r.Fallback != nil && r.Fallback.Class == owner {
			return made
		}
		return r
	}
	return ret
}

func hasStar(args []ast.Expr) bool {
	for _, a := range args {
		if _, ok := a.(*ast.Starred); ok {
			return true
		}
	}
	return false
}

// callResult is what calling a value of type t with the given arguments
// gives (actuals is nil when the call is not matched): an overload is
// chosen by its first matching variant, a generic function's type
// variables are inferred from the arguments.
func (c *Checker) callResult(t types.Type, actuals []actual) types.Type {
	switch f := t.(type) {
	case *types.Union:
		// Each item called: the union of what they give.
		var rs []types.Type
		for _, it := range f.Items {
			switch it.(type) {
			case *types.Callable, *types.Overloaded:
			default:
				return anyT()
			}
			r := c.callResult(it, actuals)
			if isAnyType(r) {
				return anyT()
			}
			rs = append(rs, r)
		}
		return types.SimplifiedUnion(rs...)
	case *types.Overloaded:
		if actuals == nil {
			return anyT()
		}
		if r, ok := c.overloadResult(f, actuals); ok {
			return r
		}
		// No variant takes the arguments: as mypy, the call is judged
		// by the first variant of a similar shape.
		if item := c.similarVariant(f, actuals); item != nil {
			return c.callResult(item, actuals)
		}
		return anyT()
	case *types.Callable:
		if f.TypeObject != nil {
			if neverConstructs(f.TypeObject) {
				return &types.Never{} // its __new__ or __init__ never returns
			}
			if r, ok := f.Ret.(*types.Instance); ok && !hasTypeVars(r) {
				return r // a specialized class, Foo[int]()
			}
			if r, ok := f.Ret.(*types.Tuple); ok {
				return r // a named tuple
			}
			inst := &types.Instance{Class: f.TypeObject, Args: anyArgs(len(f.TypeObject.TypeParams))}
			if actuals == nil {
				return inst
			}
			if m, _ := c.inferCall(f, actuals); len(m) > 0 {
				if r, ok := types.Subst(f.Ret, m).(*types.Instance); ok && !hasTypeVars(r) {
					return r
				}
			}
			return inst
		}
		if len(f.TypeVars) > 0 {
			if actuals == nil {
				return anyT()
			}
			m, _ := c.inferCall(f, actuals)
			for _, tv := range f.TypeVars {
				// A ParamSpec the arguments disagree on stands for any
				// arguments (one only the result names stays free).
				if _, solved := m[tv]; !solved && tv.ParamSpec && slices.ContainsFunc(f.Params, func(p types.Param) bool { return mentionsVar(p.Type, tv) }) {
					m[tv] = anyT()
				}
			}
			r := types.Subst(f.Ret, m)
			if hasTypeVars(r) {
				return anyT()
			}
			return r
		}
		return f.Ret
	}
	return anyT()
}

// positional lists plain positional arguments of the given types.
func positional(ts ...types.Type) []actual {
	out := make([]actual, len(ts))
	for i, t := range ts {
		out[i] = actual{kind: actualPos, t: t}
	}
	return out
}

// overloadResult is the result of a call of an overloaded function, as
// mypy's check_overload_call finds it: by the first variant that takes the
// arguments (firstOverloadResult), or, with a union argument, by union
// math where that is narrower (see below); ok is false when neither
// matches.
func (c *Checker) overloadResult(f *types.Overloaded, actuals []actual) (types.Type, bool) {
	if !c.strictOptional {
		// None is in every type: a union's None is no item of its own
		// (mypy's relevant_items).
		cloned := false
		for i, a := range actuals {
			if u, ok := a.t.(*types.Union); ok && slices.ContainsFunc(u.Items, isNoneType) {
				if rest := slices.DeleteFunc(slices.Clone(u.Items), isNoneType); len(rest) > 0 {
					if !cloned {
						actuals, cloned = slices.Clone(actuals), true
					}
					actuals[i].t = types.UnionOf(rest...)
				}
			}
		}
	}
	direct, ok := c.firstOverloadResult(f, actuals)
	if !slices.ContainsFunc(actuals, func(a actual) bool {
		u, isUnion := a.t.(*types.Union)
		return isUnion && len(u.Items) > 1 && (a.kind == actualPos || a.kind == actualNamed)
	}) {
		return direct, ok
	}
	// A union argument: as mypy, a first matching variant whose result is
	// no union (nor Any) decides, unless a None in the union could pick a
	// variant of its own over a type variable's; else union math, whose
	// result stands unless the first match's is narrower.
	noneOverlap := noneTypeVarOverlap(f, actuals)
	if _, isUnion := direct.(*types.Union); ok && !noneOverlap && !isUnion && !isAnyType(direct) {
		return direct, true
	}
	union, unionOK := c.unionMath(f, actuals)
	switch {
	case !unionOK:
		return direct, ok
	case !ok:
		return union, true
	case types.IsSubtype(direct, union) && !isAnyType(direct) && !noneOverlap:
		return direct, true
	}
	return union, true
}

// noneTypeVarOverlap reports an optional argument where one variant takes
// None and another a bare type variable (mypy's
// possible_none_type_var_overlap): the union math decides then.
func noneTypeVarOverlap(f *types.Overloaded, actuals []actual) bool {
	for ai, a := range actuals {
		u, ok := a.t.(*types.Union)
		if !ok || !slices.ContainsFunc(u.Items, isNoneType) {
			continue
		}
		none, typeVar := false, false
		for _, item := range f.Items {
			for fi, ais := range mapActuals(actuals, item) {
				if !slices.Contains(ais, ai) {
					continue
				}
				switch item.Params[fi].Type.(type) {
				case *types.NoneType:
					none = true
				case *types.TypeVar:
					typeVar = true
				}
			}
		}
		if none && typeVar {
			return true
		}
	}
	return false
}

// firstOverloadResult is the result of the first variant that takes the
// arguments (see anyCausesAmbiguity for Any arguments); ok is false when
// none does.
func (c *Checker) firstOverloadResult(f *types.Overloaded, actuals []actual) (types.Type, bool) {
	var matched []*types.Callable
	var results []types.Type
	anyArg := slices.ContainsFunc(actuals, func(a actual) bool { return hasAnyArg(a.t) })
	for _, item := range plausibleOrder(f, actuals) {
		if c.accepts(item, actuals) {
			r := c.callResult(item, actuals)
			if !anyArg {
				return r, true
			}
			// (A generic variant's formals as the call instantiates
			// them, which mypy compares.)
			if len(item.TypeVars) > 0 {
				if inst, ok := c.instantiate(item, actuals, nil, false); ok {
					item = inst
				}
			}
			matched, results = append(matched, item), append(results, r)
		}
	}
	if len(matched) == 0 {
		return nil, false
	}
	if anyCausesAmbiguity(matched, results, actuals) {
		return anyT(), true
	}
	return results[0], true
}

// plausibleOrder is the order in which mypy tries an overload's variants
// on a call: where an argument unpacks an iterable (or mapping) of no
// fixed shape (not a tuple, named tuple or TypedDict), the variants with a
// *args (**kwargs) parameter come first, each group in its own order.
func plausibleOrder(f *types.Overloaded, actuals []actual) []*types.Callable {
	star, star2 := false, false
	for _, a := range actuals {
		if hasShape(a.t) {
			continue
		}
		star = star || a.kind == actualStar
		star2 = star2 || a.kind == actualStar2
	}
	if !star && !star2 {
		return f.Items
	}
	first := make([]*types.Callable, 0, len(f.Items))
	var rest []*types.Callable
	for _, item := range f.Items {
		if star && paramOfKind(item, types.ArgStar) >= 0 || star2 && paramOfKind(item, types.ArgStar2) >= 0 {
			first = append(first, item)
		} else {
			rest = append(rest, item)
		}
	}
	return append(first, rest...)
}

// hasShape reports an unpacked argument whose items mypy maps one by
// one: a tuple (a named tuple's too) or a TypedDict.
func hasShape(t types.Type) bool {
	switch x := t.(type) {
	case *types.Tuple:
		return true
	case *types.Instance:
		return x.Class.TupleBase != nil || x.Class.IsTypedDict
	}
	return false
}

// anyCausesAmbiguity is mypy's rule for a call with an argument of a type
// with Any in it that several variants take: the call is Any when their
// results differ and such an argument fills parameters of different
// types in them; else the first variant decides.
func anyCausesAmbiguity(matched []*types.Callable, results []types.Type, actuals []actual) bool {
	if allSameTypes(results) {
		return false
	}
	mappings := make([][][]int, len(matched))
	for i, f := range matched {
		mappings[i] = mapActuals(actuals, f)
	}
	for ai, a := range actuals {
		if !hasAnyArg(a.t) {
			continue
		}
		var formals, returns []types.Type
		for i, f := range matched {
			took := false
			for fi, ais := range mappings[i] {
				if slices.Contains(ais, ai) {
					formals = append(formals, f.Params[fi].Type)
					took = true
				}
			}
			if took {
				returns = append(returns, results[i])
			}
		}
		if !allSameTypes(formals) && !allSameTypes(returns) {
			return true
		}
	}
	return false
}

// hasAnyArg reports an argument type with Any in it, as mypy's
// has_any_type sees it: not inside a class object's constructor, and not
// the Any typd fills in where it infers no more (an empty display's).
func hasAnyArg(t types.Type) bool {
	if t == nil {
		return false
	}
	if isAnyType(t) {
		return true
	}
	if f, ok := t.(*types.Callable); ok && f.TypeObject != nil {
		return false
	}
	return types.Contains(t, func(x types.Type) bool {
		a, ok := x.(*types.Any)
		return ok && a.Reason != types.AnySpecialForm
	})
}

// allSameTypes reports types that are all the same (each within the
// other, a union's items in any order; with Any in them, written alike).
func allSameTypes(ts []types.Type) bool {
	for _, t := range ts[min(1, len(ts)):] {
		if types.Contains(t, isAnyType) || types.Contains(ts[0], isAnyType) {
			if types.Verbose(t) != types.Verbose(ts[0]) {
				return false
			}
			continue
		}
		if !types.IsSubtypeStrict(t, ts[0]) || !types.IsSubtypeStrict(ts[0], t) {
			return false
		}
	}
	return true
}

// unionMath is mypy's way with a union argument of an overloaded
// function: the call is tried with each of the union's items in its place
// (see overloadResult), and the results joined in a union; ok is false
// when an item matches no variant.
func (c *Checker) unionMath(f *types.Overloaded, actuals []actual) (types.Type, bool) {
	for i, a := range actuals {
		u, ok := a.t.(*types.Union)
		if !ok || a.kind != actualPos && a.kind != actualNamed {
			continue
		}
		var results []types.Type
		for _, it := range u.Items {
			one := slices.Clone(actuals)
			one[i].t = it
			r, ok := c.overloadResult(f, one)
			if !ok {
				return anyT(), false
			}
			results = append(results, r)
		}
		return types.SimplifiedUnion(results...), true
	}
	return anyT(), false
}

// accepts reports whether a call's arguments fit a callable's parameters
// by count and (loosely, type variables taken as Any) by type.
func (c *Checker) accepts(f *types.Callable, actuals []actual) bool {
	if c.breaksBound(f, actuals) {
		return false
	}
	return c.acceptsWith(f, actuals, func(at, pt types.Type) bool {
		// A literal argument matches a Literal parameter (open's mode);
		// otherwise its type without the literal counts.
		return c.isSubtype(widen(at), pt) || c.isSubtype(at, pt)
	})
}

// breaksBound reports an argument passed for a parameter typed by a bare
// type variable of f whose bound the argument's type certainly is no
// subtype of: no value of the variable takes it, as mypy's inference
// finds (an overload variant over `T: Future` is no match for a
// coroutine).
func (c *Checker) breaksBound(f *types.Callable, actuals []actual) bool {
	if len(f.TypeVars) == 0 {
		return false
	}
	m := mapActuals(actuals, f)
	for fi, p := range f.Params {
		tv, ok := p.Type.(*types.TypeVar)
		if !ok || tv.Bound == nil || len(tv.Values) > 0 || !slices.Contains(f.TypeVars, tv) || hasTypeVars(tv.Bound) ||
			p.Kind == types.ArgStar || p.Kind == types.ArgStar2 {
			continue
		}
		for _, ai := range m[fi] {
			a := actuals[ai]
			if a.kind != actualPos && a.kind != actualNamed || isAnyType(a.t) || !judgeable(a.t, true) {
				continue
			}
			if !c.isSubtype(widen(a.t), tv.Bound) && !c.isSubtype(a.t, tv.Bound) {
				return true
			}
		}
	}
	return false
}

// similarVariant is the first variant of o whose parameters are like the
// arguments (see similarArg), which judges a call no variant takes, or
// nil.
func (c *Checker) similarVariant(o *types.Overloaded, actuals []actual) *types.Callable {
	for _, f := range o.Items {
		if c.acceptsWith(f, actuals, c.similarArg) {
			return f
		}
	}
	return nil
}

// similarArg is mypy's loose likeness of an argument's type to a
// parameter's, by which it picks the variant that judges a call no
// variant of an overload takes: type variables as their bounds, unions
// alike when an item is, callables alike, classes alike when the
// argument's derives from the parameter's, else a subtype once type
// arguments are erased.
func (c *Checker) similarArg(actual, formal types.Type) bool {
	actual, formal = upperBound(actual), upperBound(formal)
	if _, ok := formal.(*types.Callable); ok {
		switch actual.(type) {
		case *types.Callable, *types.Overloaded, *types.TypeType:
			return true
		}
	}
	if typeLike(actual) && typeLike(formal) {
		return true
	}
	if u, ok := actual.(*types.Union); ok {
		return slices.ContainsFunc(u.Items, func(t types.Type) bool { return c.similarArg(t, formal) })
	}
	if u, ok := formal.(*types.Union); ok {
		return slices.ContainsFunc(u.Items, func(t types.Type) bool { return c.similarArg(actual, t) })
	}
	if f, ok := formal.(*types.Instance); ok {
		if cls := c.classOf(actual); cls != nil && slices.Contains(cls.MRO, f.Class) {
			return true
		}
	}
	return c.isSubtype(eraseArgs(actual), eraseArgs(formal))
}

// upperBound is a type variable's bound (the union of its values, else
// object, as Any here); other types are themselves.
func upperBound(t types.Type) types.Type {
	tv, ok := t.(*types.TypeVar)
	switch {
	case !ok:
		return t
	case len(tv.Values) > 0:
		return types.SimplifiedUnion(tv.Values...)
	case tv.Bound != nil:
		return tv.Bound
	}
	return anyT()
}

// typeLike reports a type whose values are classes: type[C], a class
// object, an instance of type.
func typeLike(t types.Type) bool {
	switch x := t.(type) {
	case *types.TypeType:
		return true
	case *types.Callable:
		return x.TypeObject != nil
	case *types.Instance:
		return x.Class.FullName == "builtins.type"
	}
	return false
}

// eraseArgs is t with its type arguments and type variables Any, as
// mypy's erase_type: list[int] is list[Any], a tuple its fallback.
func eraseArgs(t types.Type) types.Type {
	switch x := t.(type) {
	case *types.Instance:
		return &types.Instance{Class: x.Class, Args: anyArgs(len(x.Args))}
	case *types.Tuple:
		if x.Fallback != nil {
			return eraseArgs(x.Fallback)
		}
	case *types.TypeVar:
		return anyT()
	case *types.Union:
		items := make([]types.Type, len(x.Items))
		for i, it := range x.Items {
			items[i] = eraseArgs(it)
		}
		return types.SimplifiedUnion(items...)
	case *types.TypeType:
		return &types.TypeType{Item: eraseArgs(x.Item)}
	}
	return t
}

// acceptsWith is accepts with fit judging an argument's type against a
// parameter's (type variables taken as Any).
func (c *Checker) acceptsWith(f *types.Callable, actuals []actual, fit func(at, pt types.Type) bool) bool {
	m := mapActuals(actuals, f)
	if unmappedItems(f, actuals, m) {
		return false
	}
	used := make([]bool, len(actuals))
	x := &argExpander{c: c}
	for fi, p := range f.Params {
		if len(m[fi]) == 0 && (p.Kind == types.ArgPos || p.Kind == types.ArgNamed) {
			return false
		}
		if len(m[fi]) > 1 && p.Kind != types.ArgStar && p.Kind != types.ArgStar2 && duplicateMapping(m[fi], actuals) {
			return false
		}
		for _, ai := range m[fi] {
			if (p.Kind == types.ArgNamed || p.Kind == types.ArgNamedOpt) && actuals[ai].kind == actualPos {
				return false // too many positional arguments
			}
			used[ai] = true
			if !fit(x.expand(actuals[ai], p), eraseAllVars(p.Type)) {
				return false
			}
		}
	}
	for ai, a := range actuals {
		if !used[ai] && (a.kind == actualPos || a.kind == actualNamed || a.kind == actualStar && nonEmptyTuple(a.t)) {
			return false
		}
	}
	return true
}

func hasTypeVars(t types.Type) bool {
	switch x := t.(type) {
	case *types.TypeVar:
		return true
	case *types.Instance:
		for _, a := range x.Args {
			if hasTypeVars(a) {
				return true
			}
		}
	case *types.Union:
		for _, a := range x.Items {
			if hasTypeVars(a) {
				return true
			}
		}
	case *types.Tuple:
		for _, a := range x.Items {
			if hasTypeVars(a) {
				return true
			}
		}
	case *types.Callable:
		return false
	}
	return false
}

func anyArgs(n int) []types.Type {
	var out []types.Type
	for i := 0; i < n; i++ {
		out = append(out, &types.Any{Reason: types.AnySpecialForm})
	}
	return out
}

// isNoneType reports None.
func isNoneType(t types.Type) bool {
	_, ok := t.(*types.NoneType)
	return ok
}
