package semanal

import (
	"strings"

	"typd/checker/types"
	"typd/parser"
	"typd/parser/ast"
)

// typeAnalyzer turns annotations into types, as mypy's typeanal does for
// the forms it knows so far; anything else is Any.
type typeAnalyzer struct {
	p      *Program
	module string
	// classVars are the type variables of the enclosing class; funcVars
	// collects those a function signature binds.
	classVars map[string]*types.TypeVar
	funcVars  []*types.TypeVar
	inFunc    bool
	// variadic is set when genericParams met a ParamSpec or a
	// TypeVarTuple.
	variadic bool
	// class is the class whose method signature is being converted.
	class *types.Class
	// outer is the class whose body defines the class whose bases are
	// being converted: its nested classes are names there.
	outer *types.Class
}

// builtinAliases maps typing's aliases to the builtin or collections class
// they stand for.
var builtinAliases = map[string][2]string{
	"typing.List": {"builtins", "list"}, "typing.Dict": {"builtins", "dict"}, "typing.Set": {"builtins", "set"},
	"typing.FrozenSet": {"builtins", "frozenset"}, "typing.Type": {"builtins", "type"},
	"typing.DefaultDict": {"collections", "defaultdict"}, "typing.Deque": {"collections", "deque"},
	"typing.OrderedDict": {"collections", "OrderedDict"}, "typing.Counter": {"collections", "Counter"},
	"typing.ChainMap": {"collections", "ChainMap"}, "typing.Text": {"builtins", "str"},
	"typing.LiteralString": {"builtins", "str"},
	// (Bare: a subscripted Tuple is a tuple type; see subscript.)
	"typing.Tuple": {"builtins", "tuple"},
}

// fullName names what a type expression refers to: "builtins.int",
// "typing.Optional". ok is false when it does not resolve.
func (ta *typeAnalyzer) fullName(e ast.Expr) (Target, string, bool) {
	dotted := ast.DottedName(e)
	if dotted == "" {
		return Target{}, "", false
	}
	t, ok := ta.p.ResolveDotted(ta.module, dotted)
	if n, isName := e.(*ast.Name); isName {
		if s := ta.p.localClassAt(ta.module, n); s != nil {
			t, ok = Target{Sym: s, Owner: ta.module}, true // a class of a def around it
		}
	}
	if s := ta.p.nestedClasses[ta.outer][dotted]; s != nil {
		t, ok = Target{Sym: s, Owner: ta.module}, true // a sibling nested class
	}
	if !ok {
		if b, ok2 := ta.p.Resolve("builtins", dotted); ok2 && !strings.Contains(dotted, ".") {
			t, ok = b, true
		}
	}
	if !ok {
		return Target{}, "", false
	}
	if t.Module != "" {
		return t, t.Module, true
	}
	name := t.Owner + "." + t.Sym.Name
	if strings.HasPrefix(name, "typing_extensions.") {
		name = "typing." + strings.TrimPrefix(name, "typing_extensions.")
	}
	return t, name, true
}

func anyType() types.Type { return &types.Any{Reason: types.AnySpecialForm} }

// analyze converts one annotation.
func (ta *typeAnalyzer) analyze(e ast.Expr) types.Type {
	if t, ok := ta.p.cfg.Fixed[e]; ok {
		return t
	}
	switch x := e.(type) {
	case nil:
		return &types.Any{Reason: types.AnyUnannotated}
	case *ast.Constant:
		switch x.Value.Kind {
		case ast.NoneValue:
			return &types.NoneType{}
		case ast.StrValue:
			f := parser.Parse([]byte("(" + strings.TrimSpace(x.Value.Str) + ")\n"))
			if len(f.Errors) == 0 && len(f.Module.Body) == 1 {
				if es, ok := f.Module.Body[0].(*ast.ExprStmt); ok {
					return ta.analyze(es.Value)
				}
			}
		}
		return anyType()
	case *ast.BinOp:
		if x.Op == ast.BitOr {
			return types.UnionOf(ta.analyze(x.Left), ta.analyze(x.Right))
		}
		return anyType()
	case *ast.Subscript:
		return ta.subscript(x)
	case *ast.Name, *ast.Attribute:
		if tv := ta.typeVar(ast.DottedName(e)); tv != nil {
			return tv
		}
		if part := ta.paramSpecPart(e); part != nil {
			return part
		}
		t, name, ok := ta.fullName(e)
		if !ok {
			if ta.p.Unfollowed(ta.module, ast.DottedName(e)) {
				return &types.Any{Reason: types.AnyUnimported, MissingImport: ta.module + "." + ast.DottedName(e)}
			}
			return anyType()
		}
		return ta.named(t, name, nil)
	}
	return anyType()
}

// typeVar resolves a name, perhaps dotted (t.AnyStr), to a type variable
// of the class or function.
func (ta *typeAnalyzer) typeVar(name string) *types.TypeVar {
	if name == "" {
		return nil
	}
	if tv, ok := ta.classVars[name]; ok {
		return tv
	}
	dotted := strings.Contains(name, ".")
	for _, tv := range ta.funcVars {
		if tv.Name == name && !dotted && !tv.ParamSpec {
			return tv
		}
	}
	if !ta.inFunc {
		return nil
	}
	t, ok := ta.p.ResolveDotted(ta.module, name)
	if !ok || t.Sym == nil || !isTypeVarDef(t.Sym) {
		return nil
	}
	full := t.Owner + "." + t.Sym.Name
	if dotted {
		for _, tv := range ta.funcVars {
			if tv.FullName == full {
				return tv
			}
		}
	}
	tv := &types.TypeVar{Name: name[strings.LastIndexByte(name, '.')+1:], FullName: full, ID: -ta.ownVars() - 1}
	ta.funcVars = append(ta.funcVars, tv)
	(&typeAnalyzer{p: ta.p, module: t.Owner}).typeVarLimits(tv, t.Sym) // (names in its module)
	return tv
}

// paramSpec resolves a name, perhaps dotted, to a ParamSpec of the class
// or of the def whose signature is converted (made when first met,
// numbered as its other type variables), or returns nil: for names that
// are no ParamSpec, outside a def, and in the methods of a class generic
// over a TypeVarTuple (not modelled: their ParamSpecs take anything).
func (ta *typeAnalyzer) paramSpec(e ast.Expr) *types.TypeVar {
	name := ast.DottedName(e)
	if tv, ok := ta.classVars[name]; ok && tv.ParamSpec {
		return tv
	}
	if name == "" || !ta.inFunc || ta.class != nil && ta.class.VariadicParams {
		return nil
	}
	t, ok := ta.p.ResolveDotted(ta.module, name)
	if !ok || t.Sym == nil || !isParamSpecDef(t.Sym) {
		return nil
	}
	full := t.Owner + "." + t.Sym.Name
	for _, tv := range ta.funcVars {
		if tv.FullName == full {
			return tv
		}
	}
	tv := &types.TypeVar{Name: t.Sym.Name, FullName: full, ID: -ta.ownVars() - 1, ParamSpec: true}
	ta.funcVars = append(ta.funcVars, tv)
	return tv
}

// paramSpecPart converts P.args and P.kwargs, the annotations of the
// *args and **kwargs that stand for a ParamSpec's parameters; nil for
// anything else.
func (ta *typeAnalyzer) paramSpecPart(e ast.Expr) types.Type {
	a, ok := e.(*ast.Attribute)
	if !ok || a.Attr != "args" && a.Attr != "kwargs" {
		return nil
	}
	if tv := ta.paramSpec(a.Value); tv != nil {
		return &types.ParamSpecPart{Var: tv, Kwargs: a.Attr == "kwargs"}
	}
	return nil
}

// typeParams makes the type variables of PEP 695 type parameters
// (`def f[T: int, S]`, `class C[T]`, `type A[T] = ...`), owned by owner:
// a def's numbered -1, -2... as mypy numbers a function's, a class's or
// an alias's 1, 2...; `T: B` is bound by B, `T: (X, Y)` restricted to
// those values; a class's variance is left to be inferred. ok is false
// when a ParamSpec or a TypeVarTuple is among them, which typd does not
// model here yet (their names are then Any, as before).
func (ta *typeAnalyzer) typeParams(params []ast.TypeParam, owner string, function bool) (vars []*types.TypeVar, ok bool) {
	for _, p := range params {
		if _, plain := p.(*ast.TypeVar); !plain {
			return nil, false
		}
	}
	inner := &typeAnalyzer{p: ta.p, module: ta.module, classVars: ta.classVars, inFunc: true, class: ta.class}
	for i, p := range params {
		x := p.(*ast.TypeVar)
		tv := &types.TypeVar{Name: x.Name, FullName: owner + "." + x.Name, ID: i + 1}
		if function {
			tv.ID = -(i + 1)
		} else {
			tv.Variance = types.Inferred
		}
		vars = append(vars, tv)
		inner.funcVars = append(inner.funcVars, tv) // (a later bound may name an earlier parameter)
		if values, isTuple := x.Bound.(*ast.Tuple); isTuple {
			for _, v := range values.Elts {
				tv.Values = append(tv.Values, inner.analyze(v))
			}
		} else if x.Bound != nil {
			tv.Bound = inner.analyze(x.Bound)
		}
		if x.DefaultValue != nil {
			tv.HasDefault, tv.Default = true, inner.analyze(x.DefaultValue)
		}
	}
	return vars, true
}

// typeVarLimits sets a type variable's bound and values from its
// definition, TypeVar("T", bound=B) or TypeVar("T", X, Y).
func (ta *typeAnalyzer) typeVarLimits(tv *types.TypeVar, def *Symbol) {
	call, ok := def.Value.(*ast.Call)
	if !ok {
		return
	}
	for _, k := range call.Keywords {
		if k.Arg == "bound" {
			tv.Bound = ta.analyze(k.Value)
		}
	}
	for _, v := range call.Args[min(1, len(call.Args)):] {
		tv.Values = append(tv.Values, ta.analyze(v))
	}
}

// typeVarDefault is the type a TypeVar(..., default=X) definition gives
// as its default, nil without one.
func (ta *typeAnalyzer) typeVarDefault(def *Symbol) types.Type {
	call, ok := def.Value.(*ast.Call)
	if !ok {
		return nil
	}
	for _, k := range call.Keywords {
		if k.Arg == "default" {
			return ta.analyze(k.Value)
		}
	}
	return nil
}

// ownVars counts the def's type variables other than Self.
func (ta *typeAnalyzer) ownVars() int {
	n := 0
	for _, tv := range ta.funcVars {
		if tv.ID != 0 {
			n++
		}
	}
	return n
}

// selfVar is the type variable Self stands for in a method of the class:
// bound to the class's instance, it binds to the type of the receiver.
func (ta *typeAnalyzer) selfVar() *types.TypeVar {
	full := ta.class.FullName + ".Self"
	for _, tv := range ta.funcVars {
		if tv.FullName == full {
			return tv
		}
	}
	// (mypy numbers Self 0, apart from the def's own type variables.)
	tv := &types.TypeVar{Name: "Self", FullName: full, ID: 0, Bound: selfInstance(ta.class)}
	ta.funcVars = append(ta.funcVars, tv)
	return tv
}

// selfParam gives an unannotated self (or cls) the Self type variable
// when the signature mentions Self.
func (ta *typeAnalyzer) selfParam(f *ast.FunctionDef, sig *types.Callable) {
	if ta.class == nil || len(sig.Params) == 0 || len(f.Args.Posonlyargs)+len(f.Args.Args) == 0 {
		return
	}
	kind := methodKind(f)
	if kind == "static" {
		return
	}
	first := f.Args.Args
	if len(f.Args.Posonlyargs) > 0 {
		first = f.Args.Posonlyargs
	}
	if first[0].Annotation != nil {
		return
	}
	full := ta.class.FullName + ".Self"
	for _, tv := range ta.funcVars {
		if tv.FullName == full {
			if kind == "class" || kind == "new" {
				sig.Params[0].Type = &types.TypeType{Item: tv}
			} else {
				sig.Params[0].Type = tv
			}
		}
	}
}

// isParamSpecDef reports `P = ParamSpec("P")`.
func isParamSpecDef(s *Symbol) bool {
	call, ok := s.Value.(*ast.Call)
	return ok && specialFormName(call.Func) == "ParamSpec"
}

// isVariadicDef reports `P = ParamSpec("P")` and `Ts = TypeVarTuple("Ts")`.
func isVariadicDef(s *Symbol) bool {
	call, ok := s.Value.(*ast.Call)
	if !ok {
		return false
	}
	switch name := specialFormName(call.Func); name {
	case "ParamSpec", "TypeVarTuple":
		return true
	}
	return false
}

// specialFormName is the last name of a dotted name (t.Unpack: Unpack).
func specialFormName(e ast.Expr) string {
	name := ast.DottedName(e)
	return name[strings.LastIndexByte(name, '.')+1:]
}

// hasKeyword reports a type variable definition with the keyword
// argument (default=...).
func hasKeyword(s *Symbol, keyword string) bool {
	call, ok := s.Value.(*ast.Call)
	if !ok {
		return false
	}
	for _, k := range call.Keywords {
		if k.Arg == keyword {
			return true
		}
	}
	return false
}

// isTypeVarDef reports `T = TypeVar("T", ...)`.
func isTypeVarDef(s *Symbol) bool {
	call, ok := s.Value.(*ast.Call)
	if !ok {
		return false
	}
	name := ast.DottedName(call.Func)
	return name == "TypeVar" || strings.HasSuffix(name, ".TypeVar")
}

// typeVarVariance reads `covariant=True` or `contravariant=True` in a
// TypeVar definition.
func typeVarVariance(s *Symbol) types.Variance {
	call, ok := s.Value.(*ast.Call)
	if !ok {
		return types.Invariant
	}
	for _, k := range call.Keywords {
		if v, ok := k.Value.(*ast.Constant); ok && v.Value.Kind == ast.TrueValue {
			switch k.Arg {
			case "covariant":
				return types.Covariant
			case "contravariant":
				return types.Contravariant
			}
		}
	}
	return types.Invariant
}

// named converts a resolved name with optional type arguments.
func (ta *typeAnalyzer) named(t Target, name string, args []types.Type) types.Type {
	switch name {
	case "typing.Any":
		return &types.Any{Reason: types.AnyExplicit}
	case "typing.NoReturn", "typing.Never":
		return &types.Never{}
	case "builtins.None":
		return &types.NoneType{}
	case "typing.Type":
		if len(args) == 0 {
			return &types.TypeType{Item: &types.Any{Reason: types.AnyOmitted}} // bare Type is type[Any], as in mypy
		}
	case "typing.Self", "typing_extensions.Self":
		if ta.class != nil && ta.inFunc {
			return ta.selfVar()
		}
		if ta.class != nil {
			// A class body's variable: bound where it is read.
			if ta.class.SelfType == nil {
				ta.class.SelfType = &types.TypeVar{Name: "Self", FullName: ta.class.FullName + ".Self", Bound: selfInstance(ta.class)}
			}
			return ta.class.SelfType
		}
		return anyType()
	}
	if alias, ok := builtinAliases[name]; ok {
		c := ta.p.ModuleClass(alias[0], alias[1])
		if c == nil {
			return anyType()
		}
		return instance(c, args)
	}
	if t.Sym != nil && t.Sym.Kind == Class {
		return instance(ta.p.Class(t.Owner, t.Sym), args)
	}
	if alias, params := ta.alias(t); alias != nil {
		// A generic alias (`L = list[T]`) takes its parameters, in the
		// order they first appear, from the arguments; missing ones are
		// Any, as when it is used bare.
		if len(params) == 0 {
			// An alias of a bare class (`E = D`, `L = List`) given
			// arguments is the class given them, as mypy's no-args
			// aliases are.
			if inst, ok := alias.(*types.Instance); ok && len(args) > 0 && bareReference(t.Sym.Value) {
				return instance(inst.Class, args)
			}
			return alias
		}
		m := map[*types.TypeVar]types.Type{}
		for i, tv := range params {
			if i < len(args) {
				m[tv] = args[i]
			} else {
				m[tv] = &types.Any{Reason: types.AnyOmitted}
			}
		}
		return types.Subst(alias, m)
	}
	return anyType()
}

// bareReference reports an alias value that names a class without
// arguments (a name or dotted name).
func bareReference(e ast.Expr) bool {
	switch e.(type) {
	case *ast.Name, *ast.Attribute:
		return true
	}
	return false
}

// alias is the type a module-level alias stands for (`A = C`,
// `B = Union[C, int]`, `L = list[int]`), or nil when the name is not an
// alias. Generic aliases are not parameterized yet.
func (ta *typeAnalyzer) alias(t Target) (types.Type, []*types.TypeVar) {
	s := t.Sym
	if !ta.p.isAlias(t) {
		return nil, nil
	}
	if ta.p.aliasing[s] {
		return anyType(), nil // a recursive alias
	}
	if ta.p.aliasing == nil {
		ta.p.aliasing = map[*Symbol]bool{}
	}
	ta.p.aliasing[s] = true
	defer delete(ta.p.aliasing, s)
	inner := &typeAnalyzer{p: ta.p, module: t.Owner, inFunc: true}
	if stmt, ok := s.First.(*ast.TypeAlias); ok {
		// `type A[T] = value`: the statement lists the parameters.
		params, ok := inner.typeParams(stmt.TypeParams, t.Owner+"."+s.Name, false)
		if !ok {
			return anyType(), nil
		}
		inner.funcVars = params
		return types.AliasedAny(inner.analyze(stmt.Value)), params
	}
	// The type variables the value mentions are the alias's parameters.
	return types.AliasedAny(inner.analyze(s.Value)), inner.funcVars
}

// IsTypeAlias reports whether a module-level name is a type alias (its
// value is a type, not an expression to check).
func (p *Program) IsTypeAlias(t Target) bool { return p.isAlias(t) }

// isAlias reports a variable whose value is a type: `A = C`, `B =
// Union[C, int]`, `L = list[T]`, `X: TypeAlias = ...`.
func (p *Program) isAlias(t Target) bool {
	s := t.Sym
	if s != nil && s.Kind == Var {
		if _, ok := s.First.(*ast.TypeAlias); ok {
			return true // `type A = ...` (PEP 695)
		}
	}
	if s == nil || s.Kind != Var || s.Value == nil || isTypeVarDef(s) {
		return false
	}
	explicit := false
	if s.Annotation != nil {
		// `X: TypeAlias = ...` (PEP 613) is an alias; other annotated
		// variables are not.
		inner := &typeAnalyzer{p: p, module: t.Owner}
		_, name, ok := inner.fullName(s.Annotation)
		if !ok || name != "typing.TypeAlias" && name != "typing_extensions.TypeAlias" {
			return false
		}
		explicit = true
	}
	switch v := s.Value.(type) {
	case *ast.Name, *ast.Attribute, *ast.Subscript, *ast.BinOp:
		return true
	case *ast.Constant:
		return explicit && v.Value.Kind == ast.StrValue
	}
	return false
}

// instance builds C[args], filling missing arguments with their type
// variables' defaults, else Any; an
// instance of a class deriving from a fixed-length tuple (a named tuple)
// is that tuple, as in mypy.
func instance(c *types.Class, args []types.Type) types.Type {
	if len(c.TypeParams) == 0 {
		inst := &types.Instance{Class: c}
		if tup := types.TupleView(inst); tup != nil {
			return tup
		}
		return inst
	}
	full := make([]types.Type, len(c.TypeParams))
	for i := range full {
		switch tv := c.TypeParams[i]; {
		case i < len(args):
			full[i] = args[i]
		case tv.Default != nil:
			// A default in terms of the parameters before it.
			before := make(map[*types.TypeVar]types.Type, i)
			for j, p := range c.TypeParams[:i] {
				before[p] = full[j]
			}
			full[i] = types.Subst(tv.Default, before)
		default:
			full[i] = &types.Any{Reason: types.AnyOmitted}
		}
	}
	return &types.Instance{Class: c, Args: full}
}

func (ta *typeAnalyzer) subscript(x *ast.Subscript) types.Type {
	var items []ast.Expr
	if t, ok := x.Slice.(*ast.Tuple); ok {
		items = t.Elts
	} else {
		items = []ast.Expr{x.Slice}
	}
	t, name, ok := ta.fullName(x.Value)
	if !ok {
		return anyType()
	}
	if len(items) == 0 {
		if name == "typing.Tuple" || name == "builtins.tuple" {
			tup := &types.Tuple{} // Tuple[()]
			if c := ta.p.builtinClass("tuple"); c != nil {
				tup.Fallback = &types.Instance{Class: c, Args: []types.Type{&types.Any{Reason: types.AnySpecialForm}}}
			}
			return tup
		}
		return anyType()
	}
	switch name {
	case "typing.Optional":
		return types.UnionOf(ta.analyze(items[0]), &types.NoneType{})
	case "typing.Union":
		var ts []types.Type
		for _, it := range items {
			ts = append(ts, ta.analyze(it))
		}
		return types.UnionOf(ts...)
	case "typing.Annotated", "typing.ClassVar", "typing.Final", "typing.Required", "typing.NotRequired",
		"typing.ReadOnly":
		return ta.analyze(items[0])
	case "typing.Tuple", "builtins.tuple":
		if len(items) == 2 {
			if k, ok := items[1].(*ast.Constant); ok && k.Value.Kind == ast.EllipsisValue {
				if c := ta.p.builtinClass("tuple"); c != nil {
					return instance(c, []types.Type{ta.analyze(items[0])})
				}
			}
		}
		tup := &types.Tuple{}
		for _, it := range items {
			unpacked := ast.Expr(nil) // (*X or Unpack[X])
			if st, ok := it.(*ast.Starred); ok {
				unpacked = st.Value
			} else if sub, ok := it.(*ast.Subscript); ok && specialFormName(sub.Value) == "Unpack" {
				unpacked = sub.Slice
			}
			if unpacked == nil {
				tup.Items = append(tup.Items, ta.analyze(it))
				continue
			}
			inner, fixed := ta.analyze(unpacked).(*types.Tuple)
			if !fixed {
				// A TypeVarTuple or a variadic tuple unpacked: not
				// modelled, the tuple is one of any length.
				if c := ta.p.builtinClass("tuple"); c != nil {
					return instance(c, []types.Type{anyType()})
				}
				return anyType()
			}
			tup.Items = append(tup.Items, inner.Items...)
		}
		if c := ta.p.builtinClass("tuple"); c != nil {
			tup.Fallback = &types.Instance{Class: c, Args: []types.Type{&types.Any{Reason: types.AnySpecialForm}}}
		}
		return tup
	case "typing.Type", "builtins.type":
		return &types.TypeType{Item: ta.analyze(items[0])}
	case "mypy_extensions.FlexibleAlias":
		if len(items) == 2 {
			return ta.analyze(items[1]) // FlexibleAlias[T, X] is X
		}
		return anyType()
	case "typing.Callable", "collections.abc.Callable":
		return ta.callableType(items)
	case "typing.Literal":
		var ts []types.Type
		for _, it := range items {
			lit := ta.literal(it)
			if lit == nil {
				return anyType()
			}
			ts = append(ts, lit)
		}
		return types.UnionOf(ts...)
	}
	var params []*types.TypeVar
	if t.Sym != nil && t.Sym.Kind == Class {
		params = ta.p.Class(t.Owner, t.Sym).TypeParams
	} else if _, aliasParams := ta.alias(t); len(aliasParams) > 0 {
		params = aliasParams
	}
	return ta.named(t, name, ta.typeArgs(params, items))
}

// typeArgs converts the type arguments of a generic class or alias whose
// parameters are params. The argument for a ParamSpec parameter is a
// parameter list (see paramsArg; anything else is Any); where a ParamSpec
// is the only parameter, G[X, Y] also stands for G[[X, Y]] and G[Any]
// for any arguments, as mypy reads them.
func (ta *typeAnalyzer) typeArgs(params []*types.TypeVar, items []ast.Expr) []types.Type {
	if len(params) == 1 && params[0].ParamSpec {
		if len(items) == 1 {
			if arg, ok := ta.paramsArg(items[0]); ok {
				return []types.Type{arg}
			}
			t := ta.analyze(items[0])
			if a, ok := t.(*types.Any); ok {
				return []types.Type{a}
			}
			return []types.Type{&types.Parameters{Params: []types.Param{{Type: t, Kind: types.ArgPos, PosOnly: true}}}}
		}
		return []types.Type{&types.Parameters{Params: ta.positionalParams(items)}}
	}
	args := make([]types.Type, len(items))
	for i, it := range items {
		if i >= len(params) || !params[i].ParamSpec {
			args[i] = ta.analyze(it)
			continue
		}
		arg, ok := ta.paramsArg(it)
		if !ok {
			arg = anyType()
		}
		args[i] = arg
	}
	return args
}

// paramsArg converts an expression that is a parameter list, the
// argument for a ParamSpec parameter: [X, Y], `...`, a ParamSpec or
// Concatenate[X, P]; ok is false for anything else.
func (ta *typeAnalyzer) paramsArg(e ast.Expr) (types.Type, bool) {
	switch x := e.(type) {
	case *ast.List:
		return &types.Parameters{Params: ta.positionalParams(x.Elts)}, true
	case *ast.Constant:
		if x.Value.Kind == ast.EllipsisValue {
			return &types.Parameters{Params: types.EllipsisParams(&types.Any{Reason: types.AnyExplicit}), IsEllipsis: true}, true
		}
	}
	if tv := ta.paramSpec(e); tv != nil {
		return tv, true
	}
	if params, ok := ta.paramSpecParams(e); ok {
		return &types.Parameters{Params: params}, true
	}
	return nil, false
}

// positionalParams are positional-only parameters of the given types.
func (ta *typeAnalyzer) positionalParams(items []ast.Expr) []types.Param {
	params := make([]types.Param, len(items))
	for i, it := range items {
		params[i] = types.Param{Type: ta.analyze(it), Kind: types.ArgPos, PosOnly: true}
	}
	return params
}

// callableType converts Callable[[A, B], R] and Callable[..., R]. The
// parameters are converted before the result, so that the type variables
// they bind are numbered in the order written, as mypy numbers them.
func (ta *typeAnalyzer) callableType(items []ast.Expr) types.Type {
	if len(items) != 2 {
		return anyType()
	}
	c := &types.Callable{}
	switch ps := items[0].(type) {
	case *ast.List:
		params, ok := ta.callableParams(ps.Elts)
		if !ok {
			ta.analyze(items[1])
			return anyType()
		}
		c.Params = params
	default:
		if params, ok := ta.paramSpecParams(ps); ok {
			c.Params = params
			break
		}
		// Callable[..., R] takes anything, an Any written out; a ParamSpec
		// or Concatenate that is not modelled takes anything too.
		reason := types.AnySpecialForm
		if k, ok := ps.(*ast.Constant); ok && k.Value.Kind == ast.EllipsisValue {
			reason = types.AnyExplicit
		}
		c.Params = types.EllipsisParams(&types.Any{Reason: reason})
		c.IsEllipsis = true
	}
	c.Ret = ta.analyze(items[1])
	return c
}

// paramSpecParams converts the parameters Callable[P, R] and
// Callable[Concatenate[X, Y, P], R] stand for: X and Y positional only,
// then P's parts (the last may also be `...`: any arguments). ok is false
// when e is neither, or names no ParamSpec that is modelled.
func (ta *typeAnalyzer) paramSpecParams(e ast.Expr) (params []types.Param, ok bool) {
	if tv := ta.paramSpec(e); tv != nil {
		return types.ParamSpecParams(tv), true
	}
	sub, isSub := e.(*ast.Subscript)
	if !isSub {
		return nil, false
	}
	if _, name, ok := ta.fullName(sub.Value); !ok || name != "typing.Concatenate" {
		return nil, false
	}
	items := []ast.Expr{sub.Slice}
	if t, isTuple := sub.Slice.(*ast.Tuple); isTuple {
		items = t.Elts
	}
	last := items[len(items)-1]
	var tail []types.Param
	if k, isConst := last.(*ast.Constant); isConst && k.Value.Kind == ast.EllipsisValue {
		tail = types.EllipsisParams(&types.Any{Reason: types.AnyExplicit})
	} else if tv := ta.paramSpec(last); tv != nil {
		tail = types.ParamSpecParams(tv)
	} else {
		return nil, false
	}
	return append(ta.positionalParams(items[:len(items)-1]), tail...), true
}

// genericParams lists the type variables a base expression introduces
// (Generic[T], Protocol[T], Base[T]), numbered after those seen so far.
func (ta *typeAnalyzer) genericParams(base ast.Expr) []*types.TypeVar {
	sub, ok := base.(*ast.Subscript)
	if !ok {
		return nil
	}
	var items []ast.Expr
	if t, ok := sub.Slice.(*ast.Tuple); ok {
		items = t.Elts
	} else {
		items = []ast.Expr{sub.Slice}
	}
	var out []*types.TypeVar
	for _, it := range items {
		if _, star := it.(*ast.Starred); star {
			ta.variadic = true // *Ts
		}
		if sub, ok := it.(*ast.Subscript); ok && specialFormName(sub.Value) == "Unpack" {
			ta.variadic = true
		}
		n, ok := it.(*ast.Name)
		if !ok {
			continue
		}
		if _, seen := ta.classVars[n.ID]; seen {
			continue
		}
		t, ok := ta.p.Resolve(ta.module, n.ID)
		if ok && t.Sym != nil && isParamSpecDef(t.Sym) {
			if ta.classVars == nil {
				ta.classVars = map[string]*types.TypeVar{}
			}
			tv := &types.TypeVar{Name: n.ID, FullName: t.Owner + "." + n.ID, ID: len(ta.classVars) + 1, ParamSpec: true}
			ta.classVars[n.ID] = tv
			out = append(out, tv)
			continue
		}
		if ok && t.Sym != nil && isVariadicDef(t.Sym) {
			ta.variadic = true
		}
		if !ok || t.Sym == nil || !isTypeVarDef(t.Sym) {
			continue
		}
		if ta.classVars == nil {
			ta.classVars = map[string]*types.TypeVar{}
		}
		tv := &types.TypeVar{Name: n.ID, FullName: t.Owner + "." + n.ID, ID: len(ta.classVars) + 1,
			Variance: typeVarVariance(t.Sym), HasDefault: hasKeyword(t.Sym, "default")}
		(&typeAnalyzer{p: ta.p, module: t.Owner}).typeVarLimits(tv, t.Sym)
		if tv.HasDefault {
			// The default may name the parameters before this one.
			tv.Default = (&typeAnalyzer{p: ta.p, module: t.Owner, classVars: ta.classVars}).typeVarDefault(t.Sym)
		}
		ta.classVars[n.ID] = tv
		out = append(out, tv)
	}
	return out
}

// signatureKeepingDecorators are the decorators (by their last name) that
// leave a def's signature as written.
var signatureKeepingDecorators = map[string]bool{"abstractmethod": true, "final": true, "override": true,
	"type_check_only": true}

// signature converts a def's parameters and return annotation. In an
// unannotated def every type is Any.
// positionalMagic are the special methods whose parameters mypy makes
// positional-only, names elided (its MAGIC_METHODS_POS_ARGS_ONLY): the
// operator and protocol methods but those that allow keywords (__init__,
// __init_subclass__, __new__, __call__, __setattr__).
var positionalMagic = map[string]bool{
	"__abs__": true, "__complex__": true, "__contains__": true, "__buffer__": true, "__del__": true,
	"__delattr__": true, "__delitem__": true, "__enter__": true, "__exit__": true, "__float__": true,
	"__getattr__": true, "__getattribute__": true, "__getitem__": true, "__hex__": true, "__int__": true,
	"__invert__": true, "__iter__": true, "__len__": true, "__long__": true, "__neg__": true, "__oct__": true,
	"__pos__": true, "__release_buffer__": true, "__repr__": true, "__reversed__": true, "__setitem__": true,
	"__str__": true,
	"__add__": true, "__and__": true, "__divmod__": true, "__eq__": true, "__floordiv__": true, "__ge__": true,
	"__gt__": true, "__iadd__": true, "__iand__": true, "__idiv__": true, "__ifloordiv__": true, "__ilshift__": true,
	"__imatmul__": true, "__imod__": true, "__imul__": true, "__ior__": true, "__ipow__": true, "__irshift__": true,
	"__isub__": true, "__itruediv__": true, "__ixor__": true, "__le__": true, "__lshift__": true, "__lt__": true,
	"__matmul__": true, "__mod__": true, "__mul__": true, "__ne__": true, "__or__": true, "__pow__": true,
	"__radd__": true, "__rand__": true, "__rdiv__": true, "__rfloordiv__": true, "__rlshift__": true,
	"__rmatmul__": true, "__rmod__": true, "__rmul__": true, "__ror__": true, "__rpow__": true, "__rrshift__": true,
	"__rshift__": true, "__rsub__": true, "__rtruediv__": true, "__rxor__": true, "__sub__": true,
	"__truediv__": true, "__xor__": true,
}

func (ta *typeAnalyzer) signature(f *ast.FunctionDef) *types.Callable {
	sig := &types.Callable{Name: f.Name, Module: ta.module, Implicit: !f.IsAnnotated()}
	if ta.class != nil {
		sig.Owner = ta.class.Name
		switch methodKind(f) {
		case "static", "new":
			// __new__ is a static method that takes the class.
			sig.Static = true
		case "class":
			sig.ClassMethod = true
		}
	}
	for _, d := range f.DecoratorList {
		switch name := ast.DottedName(d); {
		case ta.class != nil && (name == "staticmethod" || name == "classmethod"):
		case signatureKeepingDecorators[name[strings.LastIndexByte(name, '.')+1:]]:
		default:
			sig.Decorated = true
		}
	}
	inner := &typeAnalyzer{p: ta.p, module: ta.module, classVars: ta.classVars, inFunc: true, class: ta.class}
	if vars, ok := inner.typeParams(f.TypeParams, ta.module+"."+f.Name, true); ok {
		inner.funcVars = vars
	}
	implicitOptional := ta.p.cfg.ImplicitOptional != nil && ta.p.cfg.ImplicitOptional(ta.module)
	param := func(a *ast.Arg, kind types.ParamKind, def ast.Expr) {
		var t types.Type = &types.Any{Reason: types.AnyUnannotated}
		if a.Annotation != nil {
			t = inner.analyze(a.Annotation)
			if k, ok := def.(*ast.Constant); ok && k.Value.Kind == ast.NoneValue && implicitOptional {
				t = types.SimplifiedUnion(t, &types.NoneType{})
			}
		}
		sig.Params = append(sig.Params, types.Param{Name: a.Arg, Type: t, Kind: kind})
	}
	args := f.Args
	nDefaults := len(args.Defaults)
	positional := append(append([]*ast.Arg{}, args.Posonlyargs...), args.Args...)
	for i, a := range positional {
		kind := types.ArgPos
		var def ast.Expr
		if i >= len(positional)-nDefaults {
			kind = types.ArgOpt
			def = args.Defaults[i-(len(positional)-nDefaults)]
		}
		param(a, kind, def)
		sig.Params[i].PosOnly = i < len(args.Posonlyargs) || strings.HasPrefix(a.Arg, "__") && !strings.HasSuffix(a.Arg, "__") ||
			positionalMagic[f.Name]
		if i == 0 && ta.class != nil && a.Annotation == nil {
			// An unannotated self is the class; cls of a classmethod its type.
			switch methodKind(f) {
			case "static":
			case "class", "new":
				sig.Params[0].Type = &types.TypeType{Item: selfInstance(ta.class)}
			default:
				sig.Params[0].Type = selfInstance(ta.class)
			}
		}
	}
	if args.Vararg != nil {
		param(args.Vararg, types.ArgStar, nil)
	}
	for i, a := range args.Kwonlyargs {
		kind := types.ArgNamed
		if args.KwDefaults[i] != nil {
			kind = types.ArgNamedOpt
		}
		param(a, kind, args.KwDefaults[i])
	}
	if args.Kwarg != nil {
		param(args.Kwarg, types.ArgStar2, nil)
	}
	if f.TypeComment != "" && f.Returns == nil {
		if ret, ok := inner.signatureComment(f.TypeComment, sig, ta.class != nil); ok {
			sig.Ret = ta.coroutine(f, ret)
			inner.selfParam(f, sig)
			sig.TypeVars = inner.funcVars
			return sig
		}
	}
	switch {
	case f.Returns != nil:
		sig.Ret = inner.analyze(f.Returns)
		if sub, ok := f.Returns.(*ast.Subscript); ok {
			if _, name, _ := ta.fullName(sub.Value); name == "typing.TypeGuard" || name == "typing.TypeIs" {
				sig.TypeGuard = inner.analyze(sub.Slice)
				sig.TypeIs = name == "typing.TypeIs"
				if b := ta.p.builtinClass("bool"); b != nil {
					sig.Ret = &types.Instance{Class: b}
				}
			}
		}
	case f.Name == "__init__" && f.IsAnnotated():
		sig.Ret = &types.NoneType{} // mypy's rule for an annotated __init__
	default:
		sig.Ret = &types.Any{Reason: types.AnyUnannotated}
	}
	if f.IsAnnotated() {
		sig.Ret = ta.coroutine(f, sig.Ret)
	}
	inner.selfParam(f, sig)
	sig.TypeVars = inner.funcVars
	return sig
}

// coroutine is what a call of annotated def f gives when it returns ret:
// an async def that is no generator gives Coroutine[Any, Any, ret], as in
// mypy (an unannotated one gives Any).
func (ta *typeAnalyzer) coroutine(f *ast.FunctionDef, ret types.Type) types.Type {
	if !f.IsAsync || ast.IsGenerator(f.Body) {
		return ret
	}
	co := ta.p.ModuleClass("typing", "Coroutine")
	if co == nil || len(co.TypeParams) != 3 {
		return ret
	}
	// (Special forms, as mypy makes them: they do not count as Any arguments.)
	return &types.Instance{Class: co, Args: []types.Type{&types.Any{Reason: types.AnySpecialForm}, &types.Any{Reason: types.AnySpecialForm}, ret}}
}

// signatureKey identifies a signature: a def read as a member of a class
// (nil for none).
type signatureKey struct {
	def *ast.FunctionDef
	cls *types.Class
}

// Signature returns the type of a def of module (in a class when cls is
// set, whose type variables it may use).
func (p *Program) Signature(module string, cls *types.Class, f *ast.FunctionDef) *types.Callable {
	// The class decides the type of self: a def's signature is kept per
	// class it was asked for.
	key := signatureKey{f, cls}
	if sig, ok := p.signatures[key]; ok {
		return sig
	}
	ta := &typeAnalyzer{p: p, module: module, class: cls}
	if cls != nil {
		ta.classVars = classTypeVars(cls)
	}
	sig := ta.signature(f)
	if p.signatures == nil {
		p.signatures = map[signatureKey]*types.Callable{}
	}
	p.signatures[key] = sig
	return sig
}

// AnnotationType converts an annotation written in module.
func (p *Program) AnnotationType(module string, e ast.Expr) types.Type {
	if t, ok := p.annotations[e]; ok {
		return t
	}
	ta := &typeAnalyzer{p: p, module: module, inFunc: true}
	t := ta.analyze(e)
	if p.annotations == nil {
		p.annotations = map[ast.Expr]types.Type{}
	}
	p.annotations[e] = t
	return t
}

// TypeCommentExpr parses the type of a `# type: T` comment, or returns nil.
func TypeCommentExpr(comment string) ast.Expr {
	f := parser.Parse([]byte("(" + strings.TrimSpace(withoutComment(comment)) + ")\n"))
	if len(f.Errors) > 0 || len(f.Module.Body) != 1 {
		return nil
	}
	if es, ok := f.Module.Body[0].(*ast.ExprStmt); ok {
		return es.Value
	}
	return nil
}

// signatureComment applies a def's signature type comment,
// `# type: (int, *str) -> bool`, to the parameters of sig and returns
// the return type; `(...)` leaves the parameters Any. A method's comment
// may leave self out. ok is false for a comment that does not parse or
// does not match the parameters.
func (ta *typeAnalyzer) signatureComment(comment string, sig *types.Callable, method bool) (types.Type, bool) {
	comment = strings.TrimSpace(withoutComment(comment))
	arrow := strings.LastIndex(comment, "->")
	if arrow < 0 {
		return nil, false
	}
	args, ret := strings.TrimSpace(comment[:arrow]), strings.TrimSpace(comment[arrow+2:])
	if !strings.HasPrefix(args, "(") || !strings.HasSuffix(args, ")") {
		return nil, false
	}
	retExpr := TypeCommentExpr(ret)
	if retExpr == nil {
		return nil, false
	}
	inner := strings.TrimSpace(args[1 : len(args)-1])
	if inner != "..." {
		var items []string
		if inner != "" {
			items = splitTopLevel(inner)
		}
		params := sig.Params
		if method && len(items) == len(params)-1 {
			params = params[1:]
		}
		if len(items) != len(params) {
			return nil, false
		}
		for i, it := range items {
			it = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(it), "*"))
			e := TypeCommentExpr(it)
			if e == nil {
				return nil, false
			}
			params[i].Type = ta.analyze(e)
		}
	}
	return ta.analyze(retExpr), true
}

// splitTopLevel splits a list at the commas outside brackets and quotes.
func splitTopLevel(s string) []string {
	var out []string
	depth, start := 0, 0
	eachUnquoted(s, func(i int) bool {
		switch s[i] {
		case '[', '(':
			depth++
		case ']', ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
		return true
	})
	return append(out, s[start:])
}

// withoutComment cuts a comment that follows a type comment's type
// (`# type: int  # noqa`), at a # outside quotes.
func withoutComment(s string) string {
	end := len(s)
	eachUnquoted(s, func(i int) bool {
		if s[i] == '#' {
			end = i
			return false
		}
		return true
	})
	return s[:end]
}

// eachUnquoted calls visit with the index of each byte of s outside
// quoted strings (quotes included neither), until visit returns false.
func eachUnquoted(s string, visit func(i int) bool) {
	var quote byte
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case !visit(i):
			return
		}
	}
}

// literal converts one argument of Literal[...]: an int (possibly
// negative), str, bytes or bool constant, None, or a nested Literal.
func (ta *typeAnalyzer) literal(e ast.Expr) types.Type {
	fallback := func(name string) *types.Instance {
		if c := ta.p.builtinClass(name); c != nil {
			return &types.Instance{Class: c}
		}
		return nil
	}
	switch x := e.(type) {
	case *ast.Constant:
		switch x.Value.Kind {
		case ast.IntValue:
			if x.Value.Big == nil {
				return &types.Literal{Value: types.LiteralValue{Kind: types.LitInt, Int: x.Value.Int}, Fallback: fallback("int")}
			}
		case ast.StrValue:
			return &types.Literal{Value: types.LiteralValue{Kind: types.LitStr, Str: x.Value.Str}, Fallback: fallback("str")}
		case ast.BytesValue:
			return &types.Literal{Value: types.LiteralValue{Kind: types.LitBytes, Str: x.Value.Str}, Fallback: fallback("bytes")}
		case ast.TrueValue, ast.FalseValue:
			return &types.Literal{Value: types.LiteralValue{Kind: types.LitBool, Bool: x.Value.Kind == ast.TrueValue},
				Fallback: fallback("bool")}
		case ast.NoneValue:
			return &types.NoneType{}
		}
	case *ast.UnaryOp:
		if k, ok := x.Operand.(*ast.Constant); ok && x.Op == ast.USub && k.Value.Kind == ast.IntValue && k.Value.Big == nil {
			return &types.Literal{Value: types.LiteralValue{Kind: types.LitInt, Int: -k.Value.Int}, Fallback: fallback("int")}
		}
	case *ast.Subscript:
		return ta.subscript(x)
	case *ast.Attribute:
		// A member of an enum (Literal[Color.RED]).
		t, _, ok := ta.fullName(x.Value)
		if !ok || t.Sym == nil || t.Sym.Kind != Class {
			return nil
		}
		cls := ta.p.Class(t.Owner, t.Sym)
		if cls == nil {
			return nil
		}
		if m, ok := cls.Members[x.Attr]; ok && cls.IsEnumMember(m) {
			return &types.Literal{Value: types.LiteralValue{Kind: types.LitEnum, Str: x.Attr}, Fallback: &types.Instance{Class: cls}}
		}
	}
	return nil
}

// methodKind says whether a def is a "static" or "class" method (as
// __init_subclass__ and __class_getitem__ are without a decorator), the
// "new" of a class (whose first parameter is the class), or "".
func methodKind(f *ast.FunctionDef) string {
	switch f.Name {
	case "__new__":
		return "new"
	case "__init_subclass__", "__class_getitem__":
		return "class" // implicitly class methods
	}
	for _, d := range f.DecoratorList {
		switch ast.DottedName(d) {
		case "staticmethod", "builtins.staticmethod":
			return "static"
		case "classmethod", "builtins.classmethod":
			return "class"
		}
	}
	return ""
}

// selfInstance is the type of self in a class: the class with its own
// type variables as arguments.
func selfInstance(c *types.Class) *types.Instance {
	inst := &types.Instance{Class: c}
	for _, tv := range c.TypeParams {
		inst.Args = append(inst.Args, tv)
	}
	return inst
}
