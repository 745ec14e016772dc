package semanal

import (
	"strings"

	"typd/checker/diag"
	"typd/checker/types"
	"typd/parser/ast"
)

// typeExpressible reports whether an expression can be read as a type at
// all, before its names are looked up, as mypy's expr_to_unanalyzed_type
// decides: names, dotted names, subscripts of a (dotted) name, `|`,
// literals, list displays of types (a Callable's parameters), argument
// constructor calls directly in such a list, and inline TypedDict
// displays. The arguments of Annotated after the first are not read.
// inList is true for an item of a list display, unpack for an argument of
// a subscript or list (where `*Ts` may stand).
func (ta *typeAnalyzer) typeExpressible(e ast.Expr, inList, unpack bool) bool {
	switch x := e.(type) {
	case *ast.Name:
		return true
	case *ast.Attribute:
		return ast.DottedName(x) != ""
	case *ast.Subscript:
		if ast.DottedName(x.Value) == "" {
			return false
		}
		args := []ast.Expr{x.Slice}
		if t, ok := x.Slice.(*ast.Tuple); ok {
			args = t.Elts
		}
		if len(args) > 0 {
			if _, full, ok := ta.fullName(x.Value); ok && full == "typing.Annotated" {
				return ta.typeExpressible(args[0], false, false)
			}
		}
		for _, a := range args {
			if !ta.typeExpressible(a, false, true) {
				return false
			}
		}
		return true
	case *ast.BinOp:
		return x.Op == ast.BitOr && ta.typeExpressible(x.Left, false, false) && ta.typeExpressible(x.Right, false, false)
	case *ast.Call:
		return inList && argConstructorExpressible(x, ta)
	case *ast.List:
		for _, el := range x.Elts {
			if !ta.typeExpressible(el, true, true) {
				return false
			}
		}
		return true
	case *ast.Constant:
		return true
	case *ast.UnaryOp:
		k, ok := x.Operand.(*ast.Constant)
		isInt := ok && (k.Value.Kind == ast.IntValue || k.Value.Kind == ast.TrueValue || k.Value.Kind == ast.FalseValue)
		return isInt && (x.Op == ast.USub || x.Op == ast.UAdd)
	case *ast.Starred:
		return unpack && ta.typeExpressible(x.Value, false, false)
	case *ast.Dict:
		if len(x.Keys) == 0 {
			return false
		}
		for i, k := range x.Keys {
			if k != nil && !isStrConstant(k) || !ta.typeExpressible(x.Values[i], false, false) {
				return false
			}
		}
		return true
	}
	return false
}

// argConstructorExpressible reports whether a call in a Callable's
// parameter list reads as an argument constructor: a dotted callee, the
// type and the name given once each, by position (type, then name) or by
// keyword, the name a string or None.
func argConstructorExpressible(call *ast.Call, ta *typeAnalyzer) bool {
	for c := call.Func; ; {
		if _, ok := c.(*ast.Name); ok {
			break
		}
		a, ok := c.(*ast.Attribute)
		if !ok {
			return false
		}
		c = a.Value
	}
	typed, named := false, false
	name := func(v ast.Expr) bool {
		if n, ok := v.(*ast.Constant); ok && (n.Value.Kind == ast.StrValue || n.Value.Kind == ast.NoneValue) {
			named = named || n.Value.Kind == ast.StrValue
			return true
		}
		return false
	}
	for i, a := range call.Args {
		switch i {
		case 0:
			if !ta.typeExpressible(a, false, false) {
				return false
			}
			typed = true
		case 1:
			if !name(a) {
				return false
			}
		default:
			return false
		}
	}
	for _, k := range call.Keywords {
		switch k.Arg {
		case "name":
			if named || !name(k.Value) {
				return false
			}
		case "type":
			if typed || !ta.typeExpressible(k.Value, false, false) {
				return false
			}
			typed = true
		default:
			return false
		}
	}
	return true
}

func isStrConstant(e ast.Expr) bool {
	k, ok := e.(*ast.Constant)
	return ok && k.Value.Kind == ast.StrValue
}

// aliasValue checks the value of an assignment that defines a type alias
// (A = list[int]): one that cannot be read as a type at all makes the
// name a variable, with mypy's error, and its value is checked as an
// expression; any other is checked as an annotation is.
func (c *checker) aliasValue(x *ast.Assign) {
	ta := &typeAnalyzer{p: c.p, module: c.m.Name}
	if !ta.typeExpressible(x.Value, false, false) {
		c.expr(x.Value)
		c.error(x.Value.Pos(), diag.CodeValidType, diag.InvalidTypeAlias)
		return
	}
	c.inAliasValue = true
	c.annotation(x.Value)
	c.inAliasValue = false
}

// typeApplication reports an index that is not a type where the subscript
// applies a generic class or a type alias to types (list[f()]), as mypy's
// semantic analysis does: "Type expected within [...]".
func (c *checker) typeApplication(x *ast.Subscript) {
	ta := &typeAnalyzer{p: c.p, module: c.m.Name}
	args := []ast.Expr{x.Slice}
	if t, ok := x.Slice.(*ast.Tuple); ok {
		args = t.Elts
	}
	expressible := true
	for _, a := range args {
		expressible = expressible && ta.typeExpressible(a, false, true)
	}
	if expressible || !c.appliesTypes(x.Value) {
		return
	}
	c.error(x.Pos(), diag.CodeMisc, diag.TypeExpectedWithin)
}

// appliesTypes reports whether a subscript of e is read as a type
// application (mypy's analyze_type_application): e names a generic class,
// a function, one of typing's aliases (List) or a module-level alias. A
// name bound in a function or class body around is not followed.
func (c *checker) appliesTypes(e ast.Expr) bool {
	t, full, ok := c.globalTarget(e)
	if !ok || t.Sym == nil {
		return false
	}
	if _, alias := builtinAliases[full]; alias {
		return true
	}
	switch t.Sym.Kind {
	case Class:
		cls := c.p.Class(t.Owner, t.Sym)
		return cls != nil && len(cls.TypeParams) > 0
	case Func:
		// (mypy's decorated defs are not functions here.)
		f, ok := t.Sym.Def.(*ast.FunctionDef)
		return ok && len(f.DecoratorList) == 0 && len(t.Sym.Variants) == 0
	case Var:
		return c.typeRef(e, true, 0) && !aliasForms[full]
	}
	return false
}

// aliasDefinition reports whether an assignment in the current scope
// defines a type alias: it is the first binding of the one name it
// assigns, and its value refers to a type as mypy's alias rules require.
func (c *checker) aliasDefinition(x *ast.Assign) bool {
	if len(x.Targets) != 1 {
		return false
	}
	n, ok := x.Targets[0].(*ast.Name)
	if !ok {
		return false
	}
	sc := c.top()
	if s := sc.names[n.ID]; s == nil || s.First != ast.Stmt(x) {
		return false
	}
	return c.definesAlias(x, sc.kind, 0)
}

// DefinesTypeAlias reports whether a module-level assignment is meant as
// a type alias as mypy's semantic analysis decides it, and whether its
// value is a type (it is then no expression to check); a value that
// cannot be read as a type makes a variable, with an error.
func (p *Program) DefinesTypeAlias(module string, x *ast.Assign) (alias, valid bool) {
	m, mod := p.graph.Modules[module], p.Modules[module]
	if m == nil || mod == nil {
		return false, false
	}
	c := &checker{p: p, m: m, mod: mod, scopes: []*scope{{kind: moduleScope, names: mod.Names}}}
	if !c.aliasDefinition(x) {
		return false, false
	}
	ta := &typeAnalyzer{p: p, module: module}
	return true, ta.typeExpressible(x.Value, false, false)
}

// DefinedTypeVar is the type variable a module-level `T = TypeVar(...)`
// makes, with its bound, values and variance; nil for another symbol.
func (p *Program) DefinedTypeVar(module string, s *Symbol) *types.TypeVar {
	if !isTypeVarDef(s) {
		return nil
	}
	ta := &typeAnalyzer{p: p, module: module, inFunc: true}
	tv := ta.typeVar(s.Name)
	if tv != nil {
		tv.Variance = typeVarVariance(s)
		if d := ta.typeVarDefault(s); d != nil {
			tv.HasDefault, tv.Default = true, d
		}
	}
	return tv
}

// AliasTarget is the type a module-level type alias stands for, when the
// symbol's first assignment defines one (see DefinesTypeAlias), with the
// type variables it is generic in.
func (p *Program) AliasTarget(module string, s *Symbol) (types.Type, []*types.TypeVar, bool) {
	first := firstAssign(s)
	if first == nil {
		return nil, nil, false
	}
	if alias, valid := p.DefinesTypeAlias(module, first); !alias || !valid {
		return nil, nil, false
	}
	ta := &typeAnalyzer{p: p, module: module}
	t, params := ta.alias(Target{Sym: s, Owner: module})
	return t, params, t != nil
}

// globalTarget resolves a (dotted) name as the module's top level binds
// it, with the full name it goes by (typing's aliases by typing's name);
// ok is false for an expression that is no dotted name, for a name a
// function or class body around binds (not followed), and for one that
// does not resolve.
func (c *checker) globalTarget(e ast.Expr) (Target, string, bool) {
	dotted := ast.DottedName(e)
	if dotted == "" {
		return Target{}, "", false
	}
	first, _, _ := strings.Cut(dotted, ".")
	for _, sc := range c.scopes[1:] {
		if _, local := sc.names[first]; local {
			return Target{}, "", false
		}
	}
	ta := &typeAnalyzer{p: c.p, module: c.m.Name}
	return ta.fullName(e)
}
